"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Viewer } from "../lib/viewer";
import { AccountMenu } from "./AccountMenu";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/claims", label: "Claims" },
  { href: "/articles", label: "Articles" },
  { href: "/entities", label: "Entities" },
];

const EDITOR_LINKS = [
  { href: "/review", label: "Review" },
  { href: "/ingest", label: "Add article" },
];

export function MainNav({ viewer, editor }: { viewer: Viewer | null; editor: boolean }) {
  const pathname = usePathname();
  const current = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  const links = [
    ...LINKS,
    ...(editor ? EDITOR_LINKS : []),
    ...(viewer?.role === "ADMIN" ? [{ href: "/feeds", label: "Feeds" }] : []),
  ];
  return (
    <>
      <Link href="/" className="brand">
        Headcount
      </Link>
      <nav aria-label="Main">
        {links.map((link) => (
          <Link key={link.href} href={link.href} aria-current={current(link.href) ? "page" : undefined}>
            {link.label}
          </Link>
        ))}
        {/* Served by the API through this origin's /graphql, so it needs no second address. */}
        <a href="/graphql">GraphiQL</a>
      </nav>
      <search className="site-search">
        <form method="get" action="/search">
          <label className="sr-only" htmlFor="site-search-q">
            Search articles, claims and entities
          </label>
          <input id="site-search-q" type="search" name="q" placeholder="Search…" />
        </form>
      </search>
      <AccountMenu viewer={viewer} />
    </>
  );
}
