import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DataProvider } from "../components/DataProvider";
import { MainNav } from "../components/MainNav";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Headcount", template: "%s · Headcount" },
  description: "Who reported how many troops, when, and where it was printed.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="site-header">
          <MainNav />
        </header>
        <DataProvider>
          <main id="content">{children}</main>
        </DataProvider>
      </body>
    </html>
  );
}
