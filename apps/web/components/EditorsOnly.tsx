import Link from "next/link";
import type { Viewer } from "../lib/viewer";

/** What a visitor who may not use an editor's screen sees instead of it. */
export function EditorsOnly({ viewer, path, title }: { viewer: Viewer | null; path: string; title: string }) {
  return (
    <div className="narrow">
      <h1>{title}</h1>
      {viewer ? (
        <p className="notice">
          This screen is for editors; you are signed in as {viewer.email} ({viewer.role.toLowerCase()}).
        </p>
      ) : (
        <p className="notice">
          This screen is for editors. <Link href={`/signin?next=${encodeURIComponent(path)}`}>Sign in</Link>{" "}
          to use it.
        </p>
      )}
    </div>
  );
}
