"use client";

import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "urql";
import { graphql } from "../lib/graphql";
import type { Viewer } from "../lib/viewer";

const LOGOUT_MUTATION = graphql(`
  mutation Logout {
    logout
  }
`);

/** Who is signed in (from `me`, read by the layout) and the way out; or the way in. */
export function AccountMenu({ viewer }: { viewer: Viewer | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const [{ fetching }, logout] = useMutation(LOGOUT_MUTATION);
  const [error, setError] = useState<string | null>(null);
  if (!viewer) {
    if (pathname === "/signin") return null;
    return (
      <Link className="account" href={`/signin?next=${encodeURIComponent(pathname)}`}>
        Sign in
      </Link>
    );
  }
  const signOut = async () => {
    setError(null);
    const result = await logout({});
    if (result.error) {
      setError(`Could not sign out: ${result.error.message}`);
      return;
    }
    router.refresh();
  };
  return (
    <div className="account" data-testid="account">
      <span>
        Signed in as <strong>{viewer.email}</strong>{" "}
        <span className="muted-light">({viewer.role.toLowerCase()})</span>
      </span>
      <button type="button" className="header-button" onClick={signOut} disabled={fetching}>
        Sign out
      </button>
      {error && (
        <span role="alert" className="header-error">
          {error}
        </span>
      )}
    </div>
  );
}
