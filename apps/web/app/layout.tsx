import type { Metadata } from "next";
import type { ReactNode } from "react";
import { DataProvider } from "../components/DataProvider";
import { MainNav } from "../components/MainNav";
import { fetchViewer, isEditor } from "../lib/viewer";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Headcount", template: "%s · Headcount" },
  description: "Who reported how many troops, when, and where it was printed.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const viewer = await fetchViewer();
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <DataProvider>
          <header className="site-header">
            <MainNav viewer={viewer} editor={isEditor(viewer)} />
          </header>
          <main id="content">{children}</main>
        </DataProvider>
      </body>
    </html>
  );
}
