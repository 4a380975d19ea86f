import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { login, logout, resolveSession, THROTTLE } from "../../apps/api/src/auth/sessions.ts";
import {
  createClaim,
  deleteClaim,
  restoreClaim,
  reviewClaim,
  updateClaim,
} from "../../apps/api/src/curation/claims.ts";
import { mergeEntities, undoMerge } from "../../apps/api/src/curation/entities.ts";
import { ConflictError, ValidationError } from "../../apps/api/src/curation/errors.ts";
import { history } from "../../apps/api/src/curation/history.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { claimUpdatesAudited, testDatabaseUrl, testPrisma, warmPrisma } from "../support/database.ts";
import { loadSeeds } from "../support/seeds.ts";

const prisma = testPrisma();
let editor = { userId: 0, requestId: null as string | null };

beforeAll(async () => {
  await loadSeeds();
  const user = await createUser(prisma, {
    email: "editor@example.org",
    role: "editor",
    password: "a long editor password",
  });
  editor = { userId: user.id, requestId: "test" };
});
afterAll(() => prisma.$disconnect());

async function someClaim() {
  return prisma.claim.findFirstOrThrow({
    where: { deletedAt: null, sourceId: { not: null } },
    orderBy: { id: "asc" },
  });
}

describe("updateClaim", () => {
  it("50 concurrent edits from the same version: exactly one wins, 49 conflict, one audit event", async () => {
    const claim = await someClaim();
    // One connection per edit: the 50 race inside PostgreSQL at once, none waits on a small pool.
    const wide = await warmPrisma(50);
    const attempts = Array.from({ length: 50 }, (_, i) =>
      updateClaim(wide, editor, {
        claimId: claim.id,
        expectedVersion: claim.version,
        patch: { subject: `edited subject ${i}` },
        note: `attempt ${i}`,
      }).then(
        (updated) => ({ ok: true as const, updated, i }),
        (error: unknown) => ({ ok: false as const, error, i }),
      ),
    );
    const results = await Promise.all(attempts).finally(() => wide.$disconnect());
    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(49);
    for (const loser of losers) {
      expect(loser.error).toBeInstanceOf(ConflictError);
      expect((loser.error as ConflictError).currentVersion).toBe(claim.version + 1);
    }
    const stored = await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect(stored.subject).toBe(`edited subject ${winners[0]?.i}`);
    expect(stored.version).toBe(claim.version + 1);
    expect(stored.editedFields).toContain("subject");
    expect(await claimUpdatesAudited(prisma, claim.id)).toBe(1);
  });

  it("refuses an inconsistent interval or qualifier and changes nothing", async () => {
    const claim = await someClaim();
    const attempt = updateClaim(prisma, editor, {
      claimId: claim.id,
      expectedVersion: claim.version,
      patch: { qualifier: "range", valueLow: 9_000, valueHigh: 8_000 },
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((e: unknown) => e)) as ValidationError;
    expect(error.fieldErrors.map((f) => f.path.join("."))).toEqual(
      expect.arrayContaining(["patch.valueHigh", "patch.qualifier"]),
    );
    expect(await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).toEqual(claim);
  });

  it("refuses entities that do not exist", async () => {
    const claim = await someClaim();
    await expect(
      updateClaim(prisma, editor, {
        claimId: claim.id,
        expectedVersion: claim.version,
        patch: { sourceId: 987_654 },
      }),
    ).rejects.toThrow(ValidationError);
  });

  it("records field-level history, newest first", async () => {
    const claim = await someClaim();
    const updated = await updateClaim(prisma, editor, {
      claimId: claim.id,
      expectedVersion: claim.version,
      patch: { qualifier: "up_to", valueLow: null, valueHigh: 9_000, valueBest: null, hedge: "as many as" },
      note: "the article says as many as",
    });
    await reviewClaim(prisma, editor, {
      claimId: claim.id,
      expectedVersion: updated.version,
      status: "verified",
    });
    const entries = await history(prisma, { type: "Claim", id: claim.id });
    expect(entries[0]?.action).toBe("claim.review");
    expect(entries[1]?.action).toBe("claim.update");
    expect(entries[1]?.note).toBe("the article says as many as");
    expect(entries[1]?.actorEmail).toBe("editor@example.org");
    expect(entries[1]?.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(["qualifier", "valueHigh", "hedge"]),
    );
  });
});

describe("soft delete", () => {
  it("hides a deleted claim and brings it back on restore", async () => {
    const claim = await someClaim();
    const deleted = await deleteClaim(prisma, editor, {
      claimId: claim.id,
      expectedVersion: claim.version,
      note: "duplicate",
    });
    expect(deleted.deletedAt).not.toBeNull();
    await expect(
      deleteClaim(prisma, editor, { claimId: claim.id, expectedVersion: deleted.version }),
    ).rejects.toThrow(/No claim/);
    const restored = await restoreClaim(prisma, editor, {
      claimId: claim.id,
      expectedVersion: deleted.version,
    });
    expect(restored.deletedAt).toBeNull();
    expect(restored.version).toBe(claim.version + 2);
  });
});

describe("createClaim", () => {
  it("anchors an editor's claim to an exact span, and refuses a quote that is not the article's text", async () => {
    const article = await prisma.article.findFirstOrThrow({ orderBy: { id: "asc" } });
    const start = 0;
    const end = Math.min(40, article.body.length);
    const claim = await createClaim(prisma, editor, {
      articleId: article.id,
      start,
      end,
      quote: article.body.slice(start, end),
      metric: "deployed",
      subject: "troops",
      qualifier: "exact",
      valueLow: 100,
      valueHigh: 100,
      valueBest: 100,
    });
    expect(claim.origin).toBe("editor");
    const appearance = await prisma.appearance.findFirstOrThrow({ where: { claimId: claim.id } });
    expect(appearance.quote).toBe(article.body.slice(start, end));
    await expect(
      createClaim(prisma, editor, {
        articleId: article.id,
        start,
        end,
        quote: "not what the article says",
        metric: "deployed",
        subject: "troops",
        qualifier: "exact",
        valueLow: 1,
        valueHigh: 1,
      }),
    ).rejects.toThrow(ValidationError);
  });
});

describe("merge and undo", () => {
  const TABLES = ["Claim", "EntityMention", "AppearanceVia", "EntityAlias", "Entity", "Article"];

  async function rowSets(): Promise<Record<string, string[]>> {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    try {
      const result: Record<string, string[]> = {};
      for (const table of TABLES) {
        const { rows } = await client.query(`select t::text as r from "${table}" t order by 1`);
        result[table] = rows.map((row) => row.r);
      }
      return result;
    } finally {
      await client.end();
    }
  }

  it("moves claims, mentions and aliases to the kept entity, and undo restores every row exactly", async () => {
    const suggestion = await prisma.mergeJudgement.findFirstOrThrow({
      where: { verdict: "unsure", origin: "machine" },
    });
    const before = await rowSets();
    const judgement = await mergeEntities(prisma, editor, {
      keepId: suggestion.keepId,
      mergeId: suggestion.mergeId,
      note: "same person",
    });
    const merged = await prisma.entity.findUniqueOrThrow({ where: { id: suggestion.mergeId } });
    expect(merged.mergedIntoId).toBe(suggestion.keepId);
    expect(await prisma.entityMention.count({ where: { entityId: suggestion.mergeId } })).toBe(0);
    expect(await prisma.entityAlias.count({ where: { entityId: suggestion.mergeId } })).toBe(0);
    expect(await rowSets()).not.toEqual(before);

    await undoMerge(prisma, editor, { judgementId: judgement.id });
    expect(await rowSets()).toEqual(before);
    await expect(undoMerge(prisma, editor, { judgementId: judgement.id })).rejects.toThrow(/already undone/);
  });

  it("refuses to merge an entity into itself or across types", async () => {
    const person = await prisma.entity.findFirstOrThrow({ where: { type: "person" } });
    const place = await prisma.entity.findFirstOrThrow({ where: { type: "place" } });
    await expect(mergeEntities(prisma, editor, { keepId: person.id, mergeId: person.id })).rejects.toThrow(
      ValidationError,
    );
    await expect(mergeEntities(prisma, editor, { keepId: person.id, mergeId: place.id })).rejects.toThrow(
      /same type/,
    );
  });
});

describe("sessions", () => {
  it("signs in, resolves the session, and refuses it after logout, idle time and expiry", async () => {
    await createUser(prisma, {
      email: "session@example.org",
      role: "editor",
      password: "another long password",
    });
    const t0 = new Date("2030-01-01T00:00:00Z");
    const ok = await login(
      prisma,
      {
        email: "Session@example.org",
        password: "another long password",
        clientIp: "10.0.0.1",
        userAgent: "test",
      },
      t0,
    );
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const stored = await prisma.session.findUniqueOrThrow({ where: { id: ok.viewer.sessionId } });
    expect(stored.tokenHash).not.toBe(ok.token); // only a hash is stored
    expect(await resolveSession(prisma, ok.token, new Date(t0.getTime() + 60_000))).toMatchObject({
      email: "session@example.org",
    });
    expect(await resolveSession(prisma, ok.token, new Date(t0.getTime() + 13 * 3_600_000))).toBeNull(); // idle
    expect(await resolveSession(prisma, `${ok.token}x`, t0)).toBeNull();

    const again = await login(
      prisma,
      { email: "session@example.org", password: "another long password", clientIp: null, userAgent: null },
      t0,
    );
    if (!again.ok) throw new Error("login failed");
    expect(again.viewer.sessionId).not.toBe(ok.viewer.sessionId); // a new session at every sign-in
    await logout(prisma, again.viewer.sessionId);
    expect(await resolveSession(prisma, again.token, t0)).toBeNull();

    const late = await login(
      prisma,
      { email: "session@example.org", password: "another long password", clientIp: null, userAgent: null },
      t0,
    );
    if (!late.ok) throw new Error("login failed");
    const beyond = new Date(t0.getTime() + 15 * 24 * 3_600_000);
    await prisma.session.update({ where: { id: late.viewer.sessionId }, data: { lastSeenAt: beyond } });
    expect(await resolveSession(prisma, late.token, beyond)).toBeNull(); // absolute expiry
  });

  it("answers the same for an unknown account and a wrong password, and throttles guessing", async () => {
    await createUser(prisma, {
      email: "target@example.org",
      role: "viewer",
      password: "the right password!",
    });
    const now = new Date();
    const unknown = await login(
      prisma,
      { email: "nobody@example.org", password: "whatever it is", clientIp: "10.9.9.9", userAgent: null },
      now,
    );
    const wrong = await login(
      prisma,
      { email: "target@example.org", password: "not the password", clientIp: "10.9.9.9", userAgent: null },
      now,
    );
    expect(unknown).toEqual(wrong);
    for (let i = 1; i < THROTTLE.perAccountAddress; i++) {
      await login(
        prisma,
        { email: "target@example.org", password: `wrong ${i}`, clientIp: "10.9.9.9", userAgent: null },
        now,
      );
    }
    const throttled = await login(
      prisma,
      { email: "target@example.org", password: "the right password!", clientIp: "10.9.9.9", userAgent: null },
      now,
    );
    expect(throttled).toMatchObject({ ok: false, reason: "throttled" });
    const later = await login(
      prisma,
      { email: "target@example.org", password: "the right password!", clientIp: "10.9.9.9", userAgent: null },
      new Date(now.getTime() + THROTTLE.windowMs + 1_000),
    );
    expect(later.ok).toBe(true);
  });
});
