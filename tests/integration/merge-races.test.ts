import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClaim, updateClaim } from "../../apps/api/src/curation/claims.ts";
import { mergeEntities } from "../../apps/api/src/curation/entities.ts";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { ingestDocument } from "../../apps/api/src/ingest/pipeline.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";

const pool = createPool(testDatabaseUrl(), { max: 16 });
const prisma = testPrisma();
let editor = { userId: 0, requestId: null as string | null };

beforeAll(async () => {
  const user = await createUser(prisma, {
    email: "merge-races@example.org",
    role: "editor",
    password: "a long editor password",
  });
  editor = { userId: user.id, requestId: "merge-races" };
});
afterAll(async () => {
  await pool.end();
  await prisma.$disconnect();
});

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const { rows } = await pool.query(sql, params);
  return Number(Object.values(rows[0])[0]);
}

/** Every row that names an entity, counted for one entity id. */
async function referencesTo(entityId: number): Promise<Record<string, number>> {
  return {
    mentions: await count(`select count(*) from "EntityMention" where "entityId" = $1`, [entityId]),
    claimSources: await count(`select count(*) from "Claim" where "sourceId" = $1`, [entityId]),
    claimLocations: await count(`select count(*) from "Claim" where "locationId" = $1`, [entityId]),
    claimSubjects: await count(`select count(*) from "Claim" where "subjectEntityId" = $1`, [entityId]),
    relays: await count(`select count(*) from "AppearanceVia" where "entityId" = $1`, [entityId]),
    outlets: await count(`select count(*) from "Article" where "outletId" = $1`, [entityId]),
    affiliates: await count(`select count(*) from "Entity" where "affiliationId" = $1`, [entityId]),
    aliases: await count(`select count(*) from "EntityAlias" where "entityId" = $1`, [entityId]),
  };
}

const NOTHING = {
  mentions: 0,
  claimSources: 0,
  claimLocations: 0,
  claimSubjects: 0,
  relays: 0,
  outlets: 0,
  affiliates: 0,
  aliases: 0,
};

function article(index: number, speaker: string) {
  return {
    origin: `merge-race-${speaker}-${index}.txt`,
    format: "txt" as const,
    raw:
      `Brigade moves north, report ${index}\n\n` +
      `Defence Minister ${speaker} said on Tuesday that ${300 + index} troops were sent to the Kharkiv region ` +
      `in report number ${index}. ${speaker} added that more would follow within weeks, according to ` +
      `officials who spoke to reporters in Kyiv about the deployment.`,
  };
}

/** Two person entities that are the same man under two spellings, the first known from an article. */
async function twoSpellings(speaker: string, variant: string): Promise<{ mergeId: number; keepId: number }> {
  const first = await ingestDocument(pool, article(0, speaker));
  expect(first.status).toBe("created");
  const { rows } = await pool.query<{ id: number }>(
    `select e.id from "Entity" e join "EntityAlias" a on a."entityId" = e.id
      where e.type = 'person' and a.normalized = lower($1)`,
    [speaker],
  );
  const mergeId = rows[0]?.id;
  expect(mergeId, `the extractor names ${speaker} as a person`).toBeDefined();
  const keep = await prisma.entity.create({
    data: {
      type: "person",
      name: variant,
      normalizedName: variant.toLowerCase(),
      aliases: { create: { name: variant, normalized: variant.toLowerCase(), kind: "written" } },
    },
  });
  return { mergeId: mergeId as number, keepId: keep.id };
}

describe("merges racing writes", () => {
  it("12 parallel ingests naming a person while that entity is merged leave nothing on the merged-away entity", async () => {
    for (let round = 0; round < 3; round++) {
      const speaker = ["Oleksandr Kovalenko", "Mykola Savchenko", "Andriy Melnychuk"][round] as string;
      const { mergeId, keepId } = await twoSpellings(speaker, `${speaker.split(" ")[0]} Variant${round}`);
      const ingests = Array.from({ length: 12 }, (_, i) => ingestDocument(pool, article(i + 1, speaker)));
      // The merge starts while the ingests are resolving and writing.
      await new Promise((resolve) => setTimeout(resolve, 40 * round));
      const merge = mergeEntities(prisma, editor, { keepId, mergeId, note: "same man" });
      const outcomes = await Promise.all(ingests);
      await merge;
      expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(12).fill("created"));
      expect(await referencesTo(mergeId)).toEqual(NOTHING);
      // Everything the ingests wrote about him is on the kept entity.
      expect(
        await count(`select count(*) from "Claim" where "sourceId" = $1`, [keepId]),
      ).toBeGreaterThanOrEqual(13);
      expect(
        await count(
          `select count(*) from "EntityMention" m join "Article" a on a.id = m."articleId"
            where m."entityId" = $1 and a.title like 'Brigade moves north%'`,
          [keepId],
        ),
      ).toBeGreaterThanOrEqual(26);
    }
  });

  it("updateClaim and createClaim given a merged-away entity store the entity it was merged into", async () => {
    const { mergeId, keepId } = await twoSpellings("Taras Hnatiuk", "Taras Variant");
    await mergeEntities(prisma, editor, { keepId, mergeId, note: "same man" });
    const claim = await prisma.claim.findFirstOrThrow({
      where: { sourceId: keepId },
      orderBy: { id: "asc" },
    });
    const other = await prisma.claim.create({
      data: { ...claimCopy(claim), sourceId: null, subject: "another claim" } as never,
    });
    const updated = await updateClaim(prisma, editor, {
      claimId: other.id,
      expectedVersion: other.version,
      patch: { sourceId: mergeId, subjectEntityId: mergeId },
    });
    expect(updated.sourceId).toBe(keepId);
    expect(updated.subjectEntityId).toBe(keepId);
    const event = await prisma.auditEvent.findFirstOrThrow({
      where: { subjectType: "Claim", subjectId: other.id, action: "claim.update" },
    });
    expect(event.after).toMatchObject({ sourceId: keepId });

    const appearance = await prisma.appearance.findFirstOrThrow({ where: { claimId: claim.id } });
    const { body } = await prisma.article.findUniqueOrThrow({ where: { id: appearance.articleId } });
    const created = await createClaim(prisma, editor, {
      articleId: appearance.articleId,
      start: 0,
      end: 10,
      quote: body.slice(0, 10),
      metric: "deployed",
      subject: "troops",
      qualifier: "exact",
      valueLow: 5,
      valueHigh: 5,
      valueBest: 5,
      sourceId: mergeId,
      viaEntityIds: [mergeId],
    });
    expect(created.sourceId).toBe(keepId);
    expect(await referencesTo(mergeId)).toEqual(NOTHING);
  });

  it("updateClaim racing a merge of the entity it names leaves the claim on the kept entity", async () => {
    for (let round = 0; round < 5; round++) {
      const speaker = `Petro Racer${"abcde"[round]}`;
      const { mergeId, keepId } = await twoSpellings(`Petro Kravets${round}`, speaker);
      const claim = await prisma.claim.create({
        data: {
          ...claimCopy(await prisma.claim.findFirstOrThrow({ orderBy: { id: "asc" } })),
          sourceId: null,
          subject: `racing edit ${round}`,
        } as never,
      });
      const [edit, merge] = await Promise.allSettled([
        updateClaim(prisma, editor, {
          claimId: claim.id,
          expectedVersion: claim.version,
          patch: { sourceId: mergeId },
        }),
        mergeEntities(prisma, editor, { keepId, mergeId }),
      ]);
      expect(edit.status).toBe("fulfilled");
      expect(merge.status).toBe("fulfilled");
      expect((await prisma.claim.findUniqueOrThrow({ where: { id: claim.id } })).sourceId).toBe(keepId);
      expect(await referencesTo(mergeId)).toEqual(NOTHING);
    }
  });
});

function claimCopy(claim: {
  metric: string;
  subject: string;
  qualifier: string;
  valueLow: number | null;
  valueHigh: number | null;
  valueBest: number | null;
  rate: string;
}) {
  return {
    metric: claim.metric,
    subject: claim.subject,
    qualifier: claim.qualifier,
    valueLow: claim.valueLow,
    valueHigh: claim.valueHigh,
    valueBest: claim.valueBest,
    rate: claim.rate,
    origin: "editor",
  } as Record<string, unknown>;
}
