/** Who makes a change, and the request it came in, for the audit trail. */
export interface Actor {
  /** The signed-in user; null for the machine (ingest's automatic merges). */
  userId: number | null;
  requestId: string | null;
}

/** Ingest itself, when it changes what editors curate (an automatic merge): no user, no request. */
export const MACHINE: Actor = { userId: null, requestId: null };
