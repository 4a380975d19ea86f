/** Who makes a change, and the request it came in, for the audit trail. */
export interface Actor {
  userId: number;
  requestId: string | null;
}
