import type { Prisma } from "../generated/prisma/client.ts";
import type { Actor } from "./actor.ts";

/** What an audit event is about. */
export interface AuditSubject {
  type: "Article" | "Claim" | "Entity";
  id: number;
}

/**
 * Records who changed what, written in the transaction of the change itself so the history never
 * disagrees with the record. An absent before (a creation) or after (a removal) is stored as no value.
 */
export async function audit(
  tx: Prisma.TransactionClient,
  actor: Actor,
  action: string,
  subject: AuditSubject,
  before: unknown,
  after: unknown,
  note: string | null | undefined,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      action,
      subjectType: subject.type,
      subjectId: subject.id,
      actorId: actor.userId,
      requestId: actor.requestId,
      before: (wellFormed(before) ?? undefined) as Prisma.InputJsonValue | undefined,
      after: (wellFormed(after) ?? undefined) as Prisma.InputJsonValue | undefined,
      note: note ?? null,
    },
  });
}

// A UTF-16 half of a pair standing alone: text columns store it as U+FFFD (UTF-8 cannot hold it), while
// PostgreSQL's JSON refuses its escape outright.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The values as the changed rows hold them: a lone surrogate becomes U+FFFD, as it does in text columns. */
function wellFormed(value: unknown): unknown {
  if (typeof value === "string") return value.replace(LONE_SURROGATE, "\uFFFD");
  if (Array.isArray(value)) return value.map(wellFormed);
  // Plain objects only: a Date or a Decimal serialises itself.
  if (value !== null && typeof value === "object" && !("toJSON" in value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wellFormed(item)]));
  }
  return value;
}
