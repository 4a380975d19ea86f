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

/**
 * Sign-in throttling, after the OWASP Authentication Cheat Sheet: a hard limit per account *and* address
 * (a guesser at one address is stopped; the owner elsewhere is not), a hard limit per address (one
 * address guessing many accounts), and a soft, growing delay per account across all addresses (a guesser
 * rotating addresses is slowed), which an address the owner has signed in from is spared. Failures count
 * from the account's last successful sign-in and within the window.
 */
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  /** Failed sign-ins allowed for one account from one address within the window. */
  perAccountAddress: 5,
  /** Failed sign-ins allowed from one address, whatever the accounts, within the window. */
  perAddress: 20,
  /** After this many failures for one account (all addresses), each attempt waits for a delay… */
  accountBackoffAfter: 10,
  /** …that starts at this… */
  accountBackoffBaseMs: 1_000,
  /** …doubles with each further failure, and never exceeds this. */
  accountBackoffMaxMs: 60_000,
  /** Attempts older than this are deleted. */
  retentionMs: 24 * 60 * 60 * 1000,
} as const;

/** The longest e-mail address (RFC 5321's path limit) and password a sign-in accepts. */
export const MAX_EMAIL_LENGTH = 254;
export const MAX_PASSWORD_LENGTH = 1024;

// Namespaces of the advisory locks that make counting and recording an attempt one step.
const ACCOUNT_LOCK = 74_201;
const ADDRESS_LOCK = 74_202;
// Old attempts are deleted at most this often per process.
const PRUNE_INTERVAL_MS = 60 * 1000;
let lastPrunedAt: number | undefined;

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

/** The sign-in's e-mail as stored and compared: trimmed, lower-case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Deletes sign-in attempts past the retention time. */
export async function pruneLoginAttempts(prisma: PrismaClient, now = new Date()): Promise<number> {
  const { count } = await prisma.loginAttempt.deleteMany({
    where: { at: { lt: new Date(now.getTime() - THROTTLE.retentionMs) } },
  });
  return count;
}

/** Milliseconds until fewer than `limit` of these failures (oldest first) remain within the window. */
function waitForLimit(failures: Date[], limit: number, now: Date): number {
  if (failures.length < limit) return 0;
  const oldestThatMustExpire = failures[failures.length - limit] as Date;
  return oldestThatMustExpire.getTime() + THROTTLE.windowMs - now.getTime();
}

/**
 * Decides whether this attempt may be checked and, if so, records it as a failure before the password is
 * verified, all under advisory locks on the account and the address: parallel attempts are counted one
 * after another, so no more than the limits ever reach the slow hash. Returns the attempt's id, or the
 * seconds to wait.
 */
async function admitAttempt(
  prisma: PrismaClient,
  email: string,
  clientIp: string | null,
  now: Date,
): Promise<{ attemptId: number } | { retryAfterSeconds: number }> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${ACCOUNT_LOCK}::int4, hashtext(${email}))`;
      if (clientIp) {
        await tx.$executeRaw`select pg_advisory_xact_lock(${ADDRESS_LOCK}::int4, hashtext(${clientIp}))`;
      }
      const lastSuccess = await tx.loginAttempt.findFirst({
        where: { email, succeeded: true },
        orderBy: { id: "desc" },
        select: { id: true },
      });
      const afterSuccess = lastSuccess ? { id: { gt: lastSuccess.id } } : {};
      const [accountFailures, addressFailures] = await Promise.all([
        tx.loginAttempt.findMany({
          where: { email, succeeded: false, at: { gt: since }, ...afterSuccess },
          orderBy: { at: "asc" },
          select: { at: true, clientIp: true },
        }),
        clientIp
          ? tx.loginAttempt.findMany({
              where: { clientIp, succeeded: false, at: { gt: since } },
              orderBy: { at: "asc" },
              select: { at: true },
            })
          : Promise.resolve([]),
      ]);
      const pair = accountFailures.filter((failure) => failure.clientIp === clientIp).map((f) => f.at);
      const waits = [
        waitForLimit(pair, THROTTLE.perAccountAddress, now),
        clientIp
          ? waitForLimit(
              addressFailures.map((f) => f.at),
              THROTTLE.perAddress,
              now,
            )
          : 0,
      ];
      const beyond = accountFailures.length - THROTTLE.accountBackoffAfter;
      if (beyond >= 0) {
        const known =
          clientIp !== null &&
          (await tx.session.findFirst({ where: { clientIp, user: { email } }, select: { id: true } })) !==
            null;
        if (!known) {
          const delay = Math.min(
            THROTTLE.accountBackoffMaxMs,
            THROTTLE.accountBackoffBaseMs * 2 ** Math.min(beyond, 30),
          );
          const last = accountFailures[accountFailures.length - 1]?.at ?? now;
          waits.push(last.getTime() + delay - now.getTime());
        }
      }
      const wait = Math.max(...waits);
      if (wait > 0) return { retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
      const attempt = await tx.loginAttempt.create({
        data: { email, clientIp, succeeded: false, at: now },
        select: { id: true },
      });
      return { attemptId: attempt.id };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/**
 * Signs in with e-mail and password. The same answer for an unknown account and a wrong password;
 * throttled as THROTTLE describes; a successful sign-in always starts a new session.
 */
export async function login(
  prisma: PrismaClient,
  input: { email: string; password: string; clientIp: string | null; userAgent: string | null },
  now = new Date(),
): Promise<LoginResult> {
  const email = normalizeEmail(input.email);
  if (email.length > MAX_EMAIL_LENGTH || input.password.length > MAX_PASSWORD_LENGTH) {
    return { ok: false, reason: "invalid" };
  }
  const clientIp = input.clientIp?.slice(0, 100) ?? null;
  if (lastPrunedAt === undefined || Math.abs(now.getTime() - lastPrunedAt) > PRUNE_INTERVAL_MS) {
    lastPrunedAt = now.getTime();
    await pruneLoginAttempts(prisma, now);
  }
  const admitted = await admitAttempt(prisma, email, clientIp, now);
  if ("retryAfterSeconds" in admitted) {
    return { ok: false, reason: "throttled", retryAfterSeconds: admitted.retryAfterSeconds };
  }
  const user = await prisma.user.findUnique({ where: { email } });
  dummyHash ??= hashPassword(randomBytes(16).toString("hex"));
  const valid = user
    ? await verifyPassword(user.passwordHash, input.password)
    : await verifyPassword(await dummyHash, input.password).then(() => false);
  if (!user || !valid || user.disabledAt) return { ok: false, reason: "invalid" };
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS);
  const session = await prisma.$transaction(async (tx) => {
    await tx.loginAttempt.update({ where: { id: admitted.attemptId }, data: { succeeded: true } });
    const created = await tx.session.create({
      data: {
        tokenHash: hashToken(token),
        userId: user.id,
        createdAt: now,
        lastSeenAt: now,
        expiresAt,
        clientIp,
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
