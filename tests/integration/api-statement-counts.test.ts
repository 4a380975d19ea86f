import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { HEADCOUNT } from "../../bench/peer-questions.ts";
import { testApi } from "../support/api.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { createBulkClaims } from "../support/fixtures.ts";

/**
 * The SQL statements each question of the peer benchmark (bench/peer.bench.ts) costs the API, pinned so a
 * change that adds a round trip to one of them shows up here rather than in a slower benchmark. Lower a
 * count when a change removes statements; never raise one without a reason in the commit.
 */
const statements: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { max: 4, onQuery: (sql) => statements.push(sql) });
const { query } = testApi(prisma);
const gid = (type: string, id: number) => Buffer.from(`${type}:${id}`).toString("base64");

let side = 0;
let claimId = 0;
let sourceId = 0;
let metric = "";

beforeAll(async () => {
  await createBulkClaims(prisma, 30, "counts");
  const claim = await prisma.claim.findFirstOrThrow({
    where: { source: { name: { startsWith: "Speaker counts" } } },
    include: { source: true },
    orderBy: { id: "asc" },
  });
  side = claim.source?.affiliationId as number;
  claimId = claim.id;
  sourceId = claim.sourceId as number;
  metric = claim.metric.toUpperCase();
});
afterAll(() => prisma.$disconnect());

async function statementsFor(document: string, variables: Record<string, unknown>): Promise<number> {
  statements.length = 0;
  const result = await query<Record<string, unknown>>(document, variables);
  expect(result.errors).toBeUndefined();
  expect(Object.values(result.data ?? {})[0]).toBeTruthy();
  return statements.length;
}

describe("SQL statements per request of the benchmarked questions", () => {
  it("the claims page (first 50 of a metric and side, with source, place and evidence)", async () => {
    const count = await statementsFor(HEADCOUNT.claims, {
      filter: { metric: [metric], sourceAffiliation: gid("Entity", side) },
    });
    expect(count).toBe(PINNED.claims);
  });

  it("a claim by id with its evidence", async () => {
    expect(await statementsFor(HEADCOUNT.claim, { id: gid("Claim", claimId) })).toBe(PINNED.claim);
  });

  it("an entity with its 20 newest claims", async () => {
    expect(await statementsFor(HEADCOUNT.entity, { id: gid("Entity", sourceId) })).toBe(PINNED.entity);
  });

  it("the per-source count of live claims for one metric", async () => {
    expect(await statementsFor(HEADCOUNT.aggregate, { filter: { metric: [metric] } })).toBe(PINNED.aggregate);
  });
});

const PINNED = { claims: 2, claim: 1, entity: 1, aggregate: 2 };
