import { sameOriginPath } from "@headcount/shared";
import type { Metadata } from "next";
import Link from "next/link";
import { SignInForm } from "../../components/SignInForm";
import { fetchViewer } from "../../lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in" };

/** Only same-site paths: an open redirect would let a link send a fresh session elsewhere. */
function safeNext(value: string | string[] | undefined): string {
  const next = sameOriginPath(Array.isArray(value) ? value[0] : value);
  return next === "/signin" || next.startsWith("/signin?") ? "/" : next;
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const next = safeNext((await searchParams).next);
  const viewer = await fetchViewer();
  return (
    <div className="narrow">
      <h1>Sign in</h1>
      {viewer ? (
        <p className="notice">
          You are signed in as <strong>{viewer.email}</strong>. <Link href={next}>Continue</Link>
        </p>
      ) : (
        <>
          <p className="muted">
            Editors sign in to review, correct and add claims. Reading needs no account.
          </p>
          <SignInForm next={next} />
        </>
      )}
    </div>
  );
}
