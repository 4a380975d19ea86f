import { type ClaimChangeKind, type ClaimEvents, publishClaimChanged } from "../graphql/events.ts";
import { INGESTED_CLAIMS_CHANNEL } from "../ingest/notifications.ts";
import type { ChangeFeed } from "./change-feed.ts";

interface IngestedClaim {
  claimId: number;
  change: ClaimChangeKind;
  version: number;
}

function parse(payload: string | undefined): IngestedClaim | null {
  try {
    const value = JSON.parse(payload ?? "") as Partial<IngestedClaim>;
    if (typeof value.claimId !== "number" || typeof value.version !== "number") return null;
    if (value.change !== "created" && value.change !== "updated") return null;
    return { claimId: value.claimId, change: value.change, version: value.version };
  } catch {
    return null;
  }
}

/**
 * Republishes ingested claims to the API's live subscriptions (claimChanged), from the API's one listening
 * connection (change-feed.ts). Claims ingested while it was down are not replayed: an open page shows them
 * at its next refresh.
 */
export function forwardIngestedClaims(feed: ChangeFeed, events: ClaimEvents): void {
  feed.onNotification(INGESTED_CLAIMS_CHANNEL, (payload) => {
    const claim = parse(payload);
    if (claim) publishClaimChanged(events, claim);
  });
}
