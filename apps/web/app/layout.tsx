import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Headcount", template: "%s · Headcount" },
  description: "Who reported how many troops, when, and where it was printed.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Headcount
          </Link>
          <nav aria-label="Main">
            <Link href="/">Articles</Link>
            <a href={`${process.env.HEADCOUNT_PUBLIC_API_URL ?? "http://127.0.0.1:4000/graphql"}`}>
              GraphiQL
            </a>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
