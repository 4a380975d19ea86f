import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/** Any address the dashboard does not know, or a claim, article or entity id that names nothing. */
export default function NotFound() {
  return (
    <section className="not-found" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Not found</h1>
      <p>
        This page could not be found: the address is mistyped, or the claim, article or entity it names does
        not exist.
      </p>
      <p>
        Try the <Link href="/">overview</Link>, the lists of <Link href="/claims">claims</Link>,{" "}
        <Link href="/articles">articles</Link> and <Link href="/entities">entities</Link>, or the search box
        above.
      </p>
    </section>
  );
}
