"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useSubscription } from "urql";
import type { ClaimFilterInput } from "../lib/claim-filter";
import { graphql } from "../lib/graphql";

const CLAIM_CHANGED_SUBSCRIPTION = graphql(`
  subscription ClaimChanged($filter: ClaimFilter) {
    claimChanged(filter: $filter) {
      change
      version
      claim {
        id
        version
      }
    }
  }
`);

/**
 * Keeps a server-rendered page current: the API pushes each change to a matching claim (server-sent
 * events), and the page's server components fetch again.
 */
export function LiveRefresh({ filter, claimId }: { filter?: ClaimFilterInput; claimId?: string }) {
  const router = useRouter();
  const [mounted, setMounted] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => setMounted(true), []);
  const [{ data }] = useSubscription({
    query: CLAIM_CHANGED_SUBSCRIPTION,
    variables: { filter: filter ?? null },
    pause: !mounted,
  });
  const [updates, setUpdates] = useState(0);
  const event = data?.claimChanged;
  useEffect(() => {
    if (!event) return;
    if (claimId && event.claim?.id !== claimId) return;
    setUpdates((n) => n + 1);
    clearTimeout(timer.current);
    // Several edits in a burst cause one refetch.
    timer.current = setTimeout(() => router.refresh(), 250);
  }, [event, claimId, router]);
  return (
    <p className="live" aria-live="polite" data-testid="live-status">
      <span className="live-dot" aria-hidden="true" /> Live
      {updates > 0 ? ` · ${updates} update${updates === 1 ? "" : "s"} received` : ""}
    </p>
  );
}
