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

/**
 * One in-process channel per API process. Several API processes would swap this for a Redis- or
 * Postgres-backed event target (graphql-yoga's pubsub accepts one) without touching the publishers.
 */
export function createClaimEvents(): ClaimEvents {
  return createPubSub<{ [CLAIM_CHANGED]: [ClaimChangedEvent] }>();
}

/** Editing mutations call this after their transaction commits, so dashboards update live. */
export function publishClaimChanged(events: ClaimEvents, event: ClaimChangedEvent): void {
  events.publish(CLAIM_CHANGED, event);
}
