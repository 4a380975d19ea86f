import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Sessions from "../../apps/api/src/auth/sessions.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";

// Every password check is counted: the throttle must decide before the slow hash, not after it. A worker
// keeps its modules between files, so sessions.ts may already be loaded on the real check: this file loads
// a copy of it of its own (the query makes it another module) on a counting one, which nothing else sees.
const checks = { count: 0 };
const PASSWORDS = "../../apps/api/src/users/passwords.ts";
vi.doMock(PASSWORDS, async (importOriginal) => {
  const original = await importOriginal<typeof import("../../apps/api/src/users/passwords.ts")>();
  return {
    ...original,
    verifyPassword: (hash: string, password: string) => {
      checks.count++;
      return original.verifyPassword(hash, password);
    },
  };
});
const COUNTED_SESSIONS = "../../apps/api/src/auth/sessions.ts?counted-checks";
const { login, THROTTLE, MAX_EMAIL_LENGTH } = (await import(COUNTED_SESSIONS)) as typeof Sessions;
vi.doUnmock(PASSWORDS);

const prisma = testPrisma();
const PASSWORD = "the owner's long password";

beforeAll(async () => {
  for (const email of ["race@example.org", "owner@example.org", "spread@example.org", "rotate@example.org"]) {
    await createUser(prisma, { email, role: "editor", password: PASSWORD });
  }
});
afterAll(() => prisma.$disconnect());

const attempt = (email: string, password: string, clientIp: string | null, now: Date) =>
  login(prisma, { email, password, clientIp, userAgent: null }, now);

describe("sign-in throttle", () => {
  it("verifies at most the limit of 60 parallel wrong passwords for one account from one address", async () => {
    checks.count = 0;
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        attempt("race@example.org", `wrong guess ${i}`, "198.51.100.7", now),
      ),
    );
    expect(checks.count).toBeLessThanOrEqual(5);
    // Every attempt let through was checked, and counted.
    expect(checks.count).toBe(results.filter((r) => !r.ok && r.reason === "invalid").length);
    expect(results.filter((r) => !r.ok && r.reason === "throttled").length).toBeGreaterThanOrEqual(60 - 5);
  });

  it("verifies at most the account's allowance of 60 parallel guesses from 60 addresses", async () => {
    checks.count = 0;
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        attempt("spread@example.org", `guess ${i}`, `203.0.113.${i + 1}`, now),
      ),
    );
    expect(checks.count).toBeLessThanOrEqual(10);
    expect(checks.count).toBe(results.filter((r) => !r.ok && r.reason === "invalid").length);
  });

  it("lets the owner sign in from another address while an attacker's address is locked out", async () => {
    const now = new Date();
    for (let i = 0; i < 5 + 3; i++) {
      await attempt("owner@example.org", `attacker guess ${i}`, "192.0.2.66", now);
    }
    const attacker = await attempt("owner@example.org", PASSWORD, "192.0.2.66", now);
    expect(attacker).toMatchObject({ ok: false, reason: "throttled" });
    const owner = await attempt("owner@example.org", PASSWORD, "198.51.100.20", now);
    expect(owner.ok).toBe(true);
  });

  it("slows an account guessed from many addresses, but only for a bounded time, and not from the owner's known address", async () => {
    const t0 = new Date(Date.now() + 60_000);
    // The owner has signed in from home before.
    expect((await attempt("rotate@example.org", PASSWORD, "198.51.100.99", t0)).ok).toBe(true);
    // An attacker rotates addresses, two guesses from each.
    for (let i = 0; i < 40; i++) {
      await attempt("rotate@example.org", `rotated guess ${i}`, `100.64.${i}.1`, new Date(t0.getTime() + i));
    }
    const last = new Date(t0.getTime() + 40);
    const fresh = await attempt("rotate@example.org", PASSWORD, "100.64.200.1", last);
    expect(fresh).toMatchObject({ ok: false, reason: "throttled" });
    if (fresh.ok) return;
    expect(fresh.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE.accountBackoffMaxMs / 1000);
    // From the address the owner used before, no wait at all.
    expect((await attempt("rotate@example.org", PASSWORD, "198.51.100.99", last)).ok).toBe(true);
    // From a new address, after the stated wait.
    const later = new Date(last.getTime() + (fresh.retryAfterSeconds ?? 0) * 1000);
    expect((await attempt("rotate@example.org", PASSWORD, "100.64.201.1", later)).ok).toBe(true);
  });

  it("states the true wait for the per-address limit: refused just before it, allowed at it", async () => {
    const t0 = new Date(Date.now() + 3_600_000);
    const ip = "192.0.2.200";
    // Failures from one address against many accounts, spread over five minutes.
    for (let i = 0; i < THROTTLE.perAddress; i++) {
      await attempt(`account-${i}@example.org`, "a wrong password", ip, new Date(t0.getTime() + i * 15_000));
    }
    const at = new Date(t0.getTime() + THROTTLE.perAddress * 15_000);
    const refused = await attempt("owner@example.org", PASSWORD, ip, at);
    expect(refused).toMatchObject({ ok: false, reason: "throttled" });
    if (refused.ok) return;
    const wait = refused.retryAfterSeconds ?? 0;
    expect(wait).toBeGreaterThan(60);
    const justBefore = new Date(at.getTime() + (wait - 2) * 1000);
    expect(await attempt("owner@example.org", PASSWORD, ip, justBefore)).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    expect((await attempt("owner@example.org", PASSWORD, ip, new Date(at.getTime() + wait * 1000))).ok).toBe(
      true,
    );
  });

  it("refuses an over-long e-mail without storing it, and prunes old attempts", async () => {
    const { query } = testApi(prisma);
    const long = `${"x".repeat(MAX_EMAIL_LENGTH)}@example.org`;
    const before = await prisma.loginAttempt.count();
    const result = await query(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { __typename } }`,
      { e: long, p: "whatever password" },
    );
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/e-mail/i);
    expect(await prisma.loginAttempt.count()).toBe(before);

    const old = new Date(Date.now() - THROTTLE.retentionMs - 60_000);
    await prisma.loginAttempt.create({
      data: { email: "old@example.org", clientIp: "192.0.2.1", succeeded: false, at: old },
    });
    await attempt(
      "nobody@example.org",
      "any password at all",
      "192.0.2.2",
      new Date(Date.now() + 2 * 3_600_000),
    );
    expect(await prisma.loginAttempt.count({ where: { email: "old@example.org" } })).toBe(0);
  });
});
