import {
  CLAIM_CHANGES,
  type ClaimChangeKind,
  type ClaimEvents,
  originOf,
  publishClaimChanged,
} from "../graphql/events.ts";
import { INGESTED_CLAIMS_CHANNEL } from "../ingest/notifications.ts";
import type { ChangeFeed } from "./change-feed.ts";

interface IngestedClaim {
  claimId: number;
  change: ClaimChangeKind;
  version: number;
  /** The API process whose edit this was (absent for ingest). */
  origin?: string;
}

function parse(payload: string | undefined): IngestedClaim | null {
  try {
    const value = JSON.parse(payload ?? "") as Partial<IngestedClaim>;
    if (typeof value.claimId !== "number" || typeof value.version !== "number") return null;
    if (!CLAIM_CHANGES.includes(value.change as ClaimChangeKind)) return null;
    const claim = { claimId: value.claimId, change: value.change as ClaimChangeKind, version: value.version };
    return typeof value.origin === "string" ? { ...claim, origin: value.origin } : claim;
  } catch {
    return null;
  }
}

/**
 * Republishes ingested claims, and edits made in other API processes, to this process's live subscriptions
 * (claimChanged), from the API's one listening connection (change-feed.ts). Claims ingested while it was down are not replayed: an open page shows them
 * at its next refresh.
 */
export function forwardIngestedClaims(feed: ChangeFeed, events: ClaimEvents): void {
  feed.onNotification(INGESTED_CLAIMS_CHANNEL, (payload) => {
    const claim = parse(payload);
    // An edit made in this process was published here already.
    if (!claim || claim.origin === originOf(events)) return;
    publishClaimChanged(events, { claimId: claim.claimId, change: claim.change, version: claim.version });
  });
}
