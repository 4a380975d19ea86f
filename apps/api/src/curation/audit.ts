import { wellFormed } from "@headcount/shared";
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
