import { createHash, randomBytes } from "node:crypto";
import type { Role } from "@headcount/shared";
import type { PrismaClient } from "../db/prisma.ts";
import { hashPassword, verifyPassword } from "../users/passwords.ts";

export const SESSION_COOKIE = "hc_session";
/** A session ends after this long without a request… */
export const IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** …and in any case this long after sign-in. */
export const ABSOLUTE_TIMEOUT_MS = 14 * 24 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const TOUCH_INTERVAL_MS = 60 * 1000;

/** Failed sign-ins allowed per account, and per client address, within the window. */
export const THROTTLE = { windowMs: 15 * 60 * 1000, perAccount: 5, perAddress: 20 } as const;

export interface SessionViewer {
  id: number;
  email: string;
  role: Role;
  sessionId: number;
}

export type LoginResult =
  | { ok: true; token: string; viewer: SessionViewer; expiresAt: Date }
  | { ok: false; reason: "invalid" | "throttled"; retryAfterSeconds?: number };

/** Only a hash of the token is stored: a leaked database does not leak sessions. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// A fixed hash to verify against when the account does not exist, so that both failures take as long.
let dummyHash: Promise<string> | undefined;

/**
 * Signs in with e-mail and password. The same answer for an unknown account and a wrong password;
 * throttled per account and per client address; a successful sign-in always starts a new session.
 */
export async function login(
  prisma: PrismaClient,
  input: { email: string; password: string; clientIp: string | null; userAgent: string | null },
  now = new Date(),
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const [accountFailures, addressFailures] = await Promise.all([
    prisma.loginAttempt.findMany({
      where: { email, succeeded: false, at: { gte: since } },
      orderBy: { at: "asc" },
      select: { at: true },
    }),
    input.clientIp
      ? prisma.loginAttempt.count({
          where: { clientIp: input.clientIp, succeeded: false, at: { gte: since } },
        })
      : Promise.resolve(0),
  ]);
  if (accountFailures.length >= THROTTLE.perAccount || addressFailures >= THROTTLE.perAddress) {
    const oldest = accountFailures[0]?.at ?? since;
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((oldest.getTime() + THROTTLE.windowMs - now.getTime()) / 1000),
    );
    return { ok: false, reason: "throttled", retryAfterSeconds };
  }
  const user = await prisma.user.findUnique({ where: { email } });
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await dummyHash, input.password).then(() => false);
  if (!user || !valid || user.disabledAt) {
    await prisma.loginAttempt.create({
      data: { email, clientIp: input.clientIp, succeeded: false, at: now },
    });
    return { ok: false, reason: "invalid" };
  }
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS);
  const session = await prisma.$transaction(async (tx) => {
    await tx.loginAttempt.create({ data: { email, clientIp: input.clientIp, succeeded: true, at: now } });
    const created = await tx.session.create({
      data: {
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        clientIp: input.clientIp,
        userAgent: input.userAgent?.slice(0, 300) ?? null,
      },
    });
    await tx.auditEvent.create({
      data: { action: "session.login", subjectType: "User", subjectId: user.id, actorId: user.id, at: now },
    });
    return created;
  });
  return {
    ok: true,
    token,
    expiresAt,
    viewer: { id: user.id, email: user.email, role: user.role, sessionId: session.id },
  };
}

/** The signed-in user for a session token, or null when the session is unknown, revoked, idle or expired. */
export async function resolveSession(
  prisma: PrismaClient,
  token: string | null | undefined,
  now = new Date(),
): Promise<SessionViewer | null> {
  if (!token || token.length > 200) return null;
  const session = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { select: { id: true, email: true, role: true, disabledAt: true } } },
  });
  if (!session || session.revokedAt || session.user.disabledAt) return null;
  if (session.expiresAt <= now) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS) return null;
  if (now.getTime() - session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  return { id: session.user.id, email: session.user.email, role: session.user.role, sessionId: session.id };
}

/** Ends a session for good. */
export async function logout(prisma: PrismaClient, sessionId: number, now = new Date()): Promise<void> {
  await prisma.session.updateMany({ where: { id: sessionId, revokedAt: null }, data: { revokedAt: now } });
}

/**
 * Reads one cookie from a Cookie header. A value that is not valid percent-encoding is returned as sent:
 * it matches no session, so the request is simply signed out instead of failing.
 */
export function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    if (part.slice(0, index).trim() !== name) continue;
    const value = part.slice(index + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return null;
}

/** The Set-Cookie value for a session: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [
    `${SESSION_COOKIE}=${encodeURIComponent(token)}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${options.maxAgeSeconds}`,
  ];
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie("", { secure, maxAgeSeconds: 0 });
}
