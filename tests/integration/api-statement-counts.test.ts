import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
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
    const count = await statementsFor(
      /* GraphQL */ `
        query ($filter: ClaimFilter) {
          claims(filter: $filter, orderBy: VALUE, direction: DESC, first: 50) {
            totalCount
            pageInfo { hasNextPage }
            edges { node {
              id metric valueBest statedOn updatedAt
              source { id name affiliation { id name } }
              location { id name }
              appearances { totalCount edges { node { quote article { id title url publishedAt outlet { id name } } } } }
            } }
          }
        }`,
      { filter: { metric: [metric], sourceAffiliation: gid("Entity", side) } },
    );
    expect(count).toBe(PINNED.claims);
  });

  it("a claim by id with its evidence", async () => {
    const count = await statementsFor(
      /* GraphQL */ `
        query ($id: ID!) {
          node(id: $id) {
            id
            ... on Claim {
              metric valueBest statedOn
              source { id name affiliation { id name } }
              subjectEntity { id name }
              location { id name }
              appearances { totalCount edges { node {
                start end quote
                article { id title url publishedAt outlet { id name } }
                via { position entity { id name } }
              } } }
            }
          }
        }`,
      { id: gid("Claim", claimId) },
    );
    expect(count).toBe(PINNED.claim);
  });

  it("an entity with its 20 newest claims", async () => {
    const count = await statementsFor(
      /* GraphQL */ `
        query ($id: ID!) {
          node(id: $id) {
            id
            ... on Entity {
              name type
              affiliation { id name }
              claimsMade(first: 20) { totalCount edges { node { id metric valueBest statedOn } } }
            }
          }
        }`,
      { id: gid("Entity", sourceId) },
    );
    expect(count).toBe(PINNED.entity);
  });

  it("the per-source count of live claims for one metric", async () => {
    const count = await statementsFor(
      /* GraphQL */ `
        query ($filter: ClaimFilter) {
          claimFacets(filter: $filter) { sources { count entity { id name } } }
        }`,
      { filter: { metric: [metric] } },
    );
    expect(count).toBe(PINNED.aggregate);
  });
});

const PINNED = { claims: 2, claim: 1, entity: 1, aggregate: 2 };
