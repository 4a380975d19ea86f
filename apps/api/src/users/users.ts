import { ROLES, type Role } from "@headcount/shared";
import { z } from "zod";
import type { PrismaClient } from "../db/prisma.ts";
import { generatePassword, hashPassword, MIN_PASSWORD_LENGTH } from "./passwords.ts";

export const FIRST_ADMIN_EMAIL = "admin@headcount.local";

export class UserError extends Error {
  override name = "UserError";
}

const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "is longer than 254 characters")
  .email("is not a valid e-mail address");

function parseEmail(email: string): string {
  const parsed = EmailSchema.safeParse(email);
  if (!parsed.success) {
    const shown = email.length > 80 ? `${email.slice(0, 80)}…` : email;
    throw new UserError(`"${shown}" ${parsed.error.issues[0]?.message ?? "is not valid"}`);
  }
  return parsed.data;
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new UserError(`Passwords need at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
}

export async function createUser(
  prisma: PrismaClient,
  input: {
    email: string;
    role: Role;
    password?: string;
    displayName?: string;
    /** The admin who made the account through the API; none when made from the terminal. */
    actorId?: number;
  },
): Promise<{ id: number; email: string; role: Role; password: string; generated: boolean }> {
  const email = parseEmail(input.email);
  if (!ROLES.includes(input.role)) throw new UserError(`Role must be one of ${ROLES.join(", ")}.`);
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword();
  checkPassword(password);
  const existing = await prisma.user.findUnique({ where: { email } });
  if (existing) throw new UserError(`A user with e-mail ${email} already exists.`);
  // The slow hash is computed before the transaction, so it holds no connection meanwhile.
  const passwordHash = await hashPassword(password);
  const user = await prisma.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: { email, role: input.role, displayName: input.displayName ?? null, passwordHash },
    });
    await tx.auditEvent.create({
      data: {
        action: "user.create",
        subjectType: "User",
        subjectId: created.id,
        actorId: input.actorId ?? null,
        after: { email, role: input.role },
        note: input.actorId === undefined ? "created from the terminal" : "created by an admin",
      },
    });
    return created;
  });
  return { id: user.id, email, role: input.role, password, generated };
}

export async function resetPassword(
  prisma: PrismaClient,
  input: { email: string; password?: string },
): Promise<{ email: string; password: string; generated: boolean }> {
  const email = parseEmail(input.email);
  const generated = input.password === undefined;
  const password = input.password ?? generatePassword();
  checkPassword(password);
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) throw new UserError(`No user has e-mail ${email}.`);
  const passwordHash = await hashPassword(password);
  await prisma.$transaction([
    prisma.user.update({ where: { id: user.id }, data: { passwordHash, version: { increment: 1 } } }),
    // A new password ends every session signed in with the old one.
    prisma.session.updateMany({
      where: { userId: user.id, revokedAt: null },
      data: { revokedAt: new Date() },
    }),
    prisma.auditEvent.create({
      data: {
        action: "user.reset_password",
        subjectType: "User",
        subjectId: user.id,
        note: "reset from the terminal",
      },
    }),
  ]);
  return { email, password, generated };
}

export function listUsers(prisma: PrismaClient) {
  return prisma.user.findMany({
    orderBy: { id: "asc" },
    select: { id: true, email: true, role: true, displayName: true, createdAt: true, disabledAt: true },
  });
}

/**
 * On the very first start, creates an admin with a random password and returns it (to be printed once);
 * afterwards returns null. Only the argon2id hash is stored.
 */
export async function ensureFirstAdmin(
  prisma: PrismaClient,
): Promise<{ email: string; password: string } | null> {
  if ((await prisma.user.count()) > 0) return null;
  try {
    const admin = await createUser(prisma, {
      email: FIRST_ADMIN_EMAIL,
      role: "admin",
      displayName: "Administrator",
    });
    return { email: admin.email, password: admin.password };
  } catch (error) {
    // Another process created it first.
    if (error instanceof UserError) return null;
    throw error;
  }
}
