"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const LINKS = [
  { href: "/", label: "Overview" },
  { href: "/claims", label: "Claims" },
  { href: "/articles", label: "Articles" },
  { href: "/entities", label: "Entities" },
];

export function MainNav() {
  const pathname = usePathname();
  const current = (href: string) => (href === "/" ? pathname === "/" : pathname.startsWith(href));
  return (
    <>
      <Link href="/" className="brand">
        Headcount
      </Link>
      <nav aria-label="Main">
        {LINKS.map((link) => (
          <Link key={link.href} href={link.href} aria-current={current(link.href) ? "page" : undefined}>
            {link.label}
          </Link>
        ))}
        {/* Served by the API through this origin's /graphql, so it needs no second address. */}
        <a href="/graphql">GraphiQL</a>
      </nav>
    </>
  );
}
