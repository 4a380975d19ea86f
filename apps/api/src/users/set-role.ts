import type { Role } from "@headcount/shared";
import { NotFoundError, ValidationError } from "../curation/errors.ts";
import type { PrismaClient } from "../db/prisma.ts";

/**
 * Changes what an account may do. Its sessions are signed out, so the new role applies from the next
 * sign-in; an admin cannot demote themselves (someone must be left to undo it). Audited in the same
 * transaction.
 */
export async function setUserRole(
  prisma: PrismaClient,
  actor: { userId: number | null; requestId: string | null },
  input: { email: string; role: Role },
) {
  const email = input.email.trim().toLowerCase();
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email } });
    if (!user) throw new NotFoundError(`No account has e-mail ${email}.`);
    if (user.id === actor.userId && input.role !== "admin") {
      throw new ValidationError("An admin cannot demote themselves.", [
        { path: ["role"], message: "would remove your own admin role" },
      ]);
    }
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { role: input.role, version: { increment: 1 } },
      select: { id: true, email: true, role: true, displayName: true, createdAt: true, disabledAt: true },
    });
    await tx.session.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    await tx.auditEvent.create({
      data: {
        action: "user.set_role",
        subjectType: "User",
        subjectId: user.id,
        actorId: actor.userId,
        requestId: actor.requestId,
        before: { role: user.role },
        after: { role: input.role },
      },
    });
    return updated;
  });
}
