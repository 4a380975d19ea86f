import type { PrismaClient } from "../db/prisma.ts";

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export interface HistoryEntry {
  id: number;
  at: Date;
  action: string;
  actorId: number | null;
  actorEmail: string | null;
  /** The actor's display name and role, what readers who may not see e-mails are shown. */
  actorName: string | null;
  actorRole: string | null;
  note: string | null;
  changes: FieldChange[];
}

/** Field-level differences between an audit event's before and after. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
  const b = (before && typeof before === "object" ? before : {}) as Record<string, unknown>;
  const a = (after && typeof after === "object" ? after : {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return fields
    .filter((field) => JSON.stringify(b[field] ?? null) !== JSON.stringify(a[field] ?? null))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }));
}

/** The audit trail of a claim, entity or article, newest first. */
export async function history(
  prisma: PrismaClient,
  subject: { type: "Claim" | "Entity" | "Article"; id: number },
  limit = 100,
): Promise<HistoryEntry[]> {
  const events = await prisma.auditEvent.findMany({
    where: { subjectType: subject.type, subjectId: subject.id },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
    include: { actor: { select: { email: true, displayName: true, role: true } } },
  });
  return events.map((event) => ({
    id: event.id,
    at: event.at,
    action: event.action,
    actorId: event.actorId,
    actorEmail: event.actor?.email ?? null,
    actorName: event.actor?.displayName?.trim() || null,
    actorRole: event.actor?.role ?? null,
    note: event.note,
    changes: fieldChanges(event.before, event.after),
  }));
}
