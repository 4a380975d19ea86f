import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { Prisma } from "../../apps/api/src/generated/prisma/client.ts";
import { claimCondition, sourceJoin } from "../../apps/api/src/graphql/sql/claim-filter.ts";
import { TEST_ROLE_HEADER, testApi } from "../support/api.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";
import { createBulkClaims, globalId } from "../support/fixtures.ts";
import { loadSeeds } from "../support/seeds.ts";

/**
 * The claims page and node(id) of a claim or an entity are answered by one statement that builds the
 * nested JSON in PostgreSQL (apps/api/src/graphql/sql/json-read.ts). nodes(ids) still loads through
 * Prisma, relation level by relation level, so the same selection asked both ways must give the same
 * answer, field for field, dates and global IDs included.
 */
const prisma = testPrisma();
const { query } = testApi(prisma);
const editor = { [TEST_ROLE_HEADER]: "editor" };

const CLAIM_FIELDS = /* GraphQL */ `
  id metric subject qualifier hedge additional rate display valueLow valueHigh valueBest
  statedOn statedOnPrecision refersFrom refersFromPrecision refersTo refersToPrecision
  reviewStatus origin extractorVersion confidence version createdAt updatedAt deletedAt
  viewerCan { edit review delete }
  source { id name type role affiliation { id name } aliases { name } }
  subjectEntity { id name }
  location { id name }
  appearances(first: 5) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node {
      id start end quote prefix suffix
      article { id title url publishedAt outlet { id name } }
      via { position entity { id name } }
    } }
  }`;

const ENTITY_FIELDS = /* GraphQL */ `
  id name type role version
  aliases { name }
  affiliation { id name }
  mergedInto { id }
  mentions(first: 3) { totalCount edges { node { start end text article { id title } } } }
  claimsMade(first: 4) { totalCount pageInfo { hasNextPage } edges { cursor node { id display statedOn } } }
  claimsAbout(first: 2) { totalCount edges { node { id } } }
  mergeSuggestions { score entity { id name } }`;

let deletedClaim = 0;
let deletedSource = 0;

beforeAll(async () => {
  await loadSeeds();
  await createBulkClaims(prisma, 12, "json");
  const claim = await prisma.claim.findFirstOrThrow({
    where: { source: { name: { startsWith: "Speaker json" } } },
    orderBy: { id: "asc" },
  });
  await prisma.claim.update({ where: { id: claim.id }, data: { deletedAt: new Date() } });
  deletedClaim = claim.id;
  deletedSource = claim.sourceId as number;
});
afterAll(() => prisma.$disconnect());

async function byNodes(ids: string[], fields: string, type: string, headers = {}) {
  const result = await query<{ nodes: unknown[] }>(
    `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on ${type} { ${fields} } } }`,
    { ids },
    headers,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.nodes;
}

async function byNode(id: string, fields: string, type: string, headers = {}) {
  const result = await query<{ node: unknown }>(
    `query ($id: ID!) { node(id: $id) { ... on ${type} { ${fields} } } }`,
    { id },
    headers,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.node;
}

describe("answers built in PostgreSQL equal Prisma's", () => {
  it("the claims page, in every order and direction, with a filter on the source's side", async () => {
    const side = await prisma.entity.findFirstOrThrow({ where: { name: "Country json" } });
    for (const orderBy of ["STATED_ON", "VALUE", "UPDATED_AT", "CONFIDENCE"]) {
      for (const direction of ["ASC", "DESC"]) {
        for (const filter of [{}, { sourceAffiliation: globalId("Entity", side.id) }]) {
          const result = await query<{ claims: { totalCount: number; edges: { node: { id: string } }[] } }>(
            `query ($filter: ClaimFilter, $orderBy: ClaimOrder, $direction: SortDirection) {
              claims(filter: $filter, orderBy: $orderBy, direction: $direction, first: 30) {
                totalCount edges { node { ${CLAIM_FIELDS} } } } }`,
            { filter, orderBy, direction },
          );
          expect(result.errors).toBeUndefined();
          const page = result.data!.claims.edges.map((edge) => edge.node);
          expect(page.length).toBeGreaterThan(0);
          expect(page.map((claim) => claim.id)).not.toContain(globalId("Claim", deletedClaim));
          const ids = page.map((claim) => claim.id);
          expect(page).toEqual(await byNodes(ids, CLAIM_FIELDS, "Claim"));
        }
      }
    }
  });

  it("a claim by id, a deleted one only for editors", async () => {
    const claims = await prisma.claim.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const ids = claims.map((claim) => globalId("Claim", claim.id));
    const viaNodes = await byNodes(ids, CLAIM_FIELDS, "Claim", editor);
    for (const [index, id] of ids.entries()) {
      expect(await byNode(id, CLAIM_FIELDS, "Claim", editor)).toEqual(viaNodes[index]);
    }
    const deleted = globalId("Claim", deletedClaim);
    expect(await byNode(deleted, "id", "Claim")).toBeNull();
    expect(await byNode(deleted, "id deletedAt", "Claim", editor)).toMatchObject({ id: deleted });
  });

  it("an entity by id, its claims made counting live claims only", async () => {
    const entities = await prisma.entity.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const ids = entities.map((entity) => globalId("Entity", entity.id));
    const viaNodes = await byNodes(ids, ENTITY_FIELDS, "Entity");
    for (const [index, id] of ids.entries()) {
      expect(await byNode(id, ENTITY_FIELDS, "Entity")).toEqual(viaNodes[index]);
    }
    const source = (await byNode(globalId("Entity", deletedSource), ENTITY_FIELDS, "Entity")) as {
      claimsMade: { totalCount: number; edges: unknown[] };
    };
    expect(source.claimsMade).toMatchObject({ totalCount: 0, edges: [] });
  });
});

describe("the claims page's plan", () => {
  // On a million claims, sorting every claim of a metric before the LIMIT cost ~130 ms; walking the
  // value index in order stops after the page. The test corpus is small, so the planner is told that
  // sequential and bitmap scans are dear: what is checked is that the ordered index walk is possible.
  it("walks the value index in order for one metric, with no sort of the matches", async () => {
    const side = await prisma.entity.findFirstOrThrow({ where: { affiliates: { some: {} } } });
    const filter = {
      metric: ["killed" as const],
      sourceAffiliationId: side.id,
      reviewStatus: ["unreviewed" as const, "verified" as const, "disputed" as const],
    };
    const plan = await prisma.$transaction(async (tx) => {
      await tx.$executeRaw`set local enable_seqscan = off`;
      await tx.$executeRaw`set local enable_bitmapscan = off`;
      const rows = await tx.$queryRaw<{ "QUERY PLAN": string }[]>(Prisma.sql`explain
        select c.id from "Claim" c ${sourceJoin(filter)} where ${claimCondition(filter)}
        order by c."valueBest" desc nulls last, c."valueHigh" desc nulls last, c.id desc limit 51`);
      return rows.map((row) => row["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("claim_metric_value_idx");
    expect(plan).not.toMatch(/Sort/);
  });
});

describe("per-request overheads", () => {
  it("sends the JSON read statements as named statements, parsed once per connection", async () => {
    const client = createPrismaClient(testDatabaseUrl(), { max: 1 });
    try {
      const read = Prisma.sql`
        select coalesce(json_agg(json_build_object('id', c.id)), '[]'::json)::text as rows
        from (select id from "Claim" order by id limit ${3}) c`;
      const first = await client.$queryRaw<{ rows: string }[]>(read);
      const second = await client.$queryRaw<{ rows: string }[]>(read);
      expect(second).toEqual(first);
      await client.$queryRaw`select count(*) from "Claim"`;
      const prepared = await client.$queryRaw<{ name: string; statement: string }[]>`
        select name, statement from pg_prepared_statements`;
      expect(prepared).toHaveLength(1);
      expect(prepared[0]?.name).toMatch(/^hc_[0-9a-f]{40}$/);
      expect(prepared[0]?.statement).toContain("json_agg");
    } finally {
      await client.$disconnect();
    }
  });
});
