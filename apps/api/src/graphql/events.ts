import { randomUUID } from "node:crypto";
import { createPubSub, type PubSub } from "graphql-yoga";

/** What happened to a claim. */
/** What can happen to a claim, as subscribers are told. */
export const CLAIM_CHANGES = ["created", "updated", "reviewed", "deleted", "restored"] as const;
export type ClaimChangeKind = (typeof CLAIM_CHANGES)[number];

export interface ClaimChangedEvent {
  claimId: number;
  change: ClaimChangeKind;
  /** The claim's version after the change. */
  version: number;
}

export const CLAIM_CHANGED = "claim:changed";

export type ClaimEvents = PubSub<{ [CLAIM_CHANGED]: [ClaimChangedEvent] }>;

const origins = new WeakMap<ClaimEvents, string>();

/**
 * One in-process channel per API process. An edit is published here at once, and announced to the other API
 * processes through PostgreSQL (graphql/schema/claim-mutations.ts); each process knows its own announcements by
 * this channel's origin and does not publish them twice (server/claim-notifications.ts).
 */
export function createClaimEvents(): ClaimEvents {
  return createPubSub<{ [CLAIM_CHANGED]: [ClaimChangedEvent] }>();
}

/** The id a channel's announcements carry, so that its process can tell them from other processes'. */
export function originOf(events: ClaimEvents): string {
  let origin = origins.get(events);
  if (!origin) {
    origin = randomUUID();
    origins.set(events, origin);
  }
  return origin;
}

/** Editing mutations call this after their transaction commits, so dashboards update live. */
export function publishClaimChanged(events: ClaimEvents, event: ClaimChangedEvent): void {
  events.publish(CLAIM_CHANGED, event);
}
