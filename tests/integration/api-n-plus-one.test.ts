import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { testApi } from "../support/api.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { createBulkClaims } from "../support/fixtures.ts";

const statements: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { max: 4, onQuery: (sql) => statements.push(sql) });
const { query } = testApi(prisma);

beforeAll(async () => {
  await createBulkClaims(prisma, 100, "bulk");
});
afterAll(() => prisma.$disconnect());

/** The claims page of the dashboard: every claim with its source, side, place and evidence. */
const CLAIMS_PAGE = /* GraphQL */ `
  query ($first: Int!) {
    claims(first: $first, orderBy: VALUE) {
      totalCount
      edges {
        node {
          id display metric qualifier statedOn statedOnPrecision
          source { name aliases { name } affiliation { name } }
          subjectEntity { name }
          location { name }
          appearances { totalCount edges { node {
            quote start end
            article { title publishedAt outlet { name } }
            via { position entity { name } }
          } } }
          viewerCan { edit review delete }
        }
      }
    }
  }
`;

/** The article page: each article with its highlighted claim spans and entity mentions. */
const ARTICLES_PAGE = /* GraphQL */ `
  query ($first: Int!) {
    articles(first: $first) {
      totalCount
      edges {
        node {
          title body publishedAt
          outlet { name }
          appearances { totalCount edges { node { start end quote claim { display source { name affiliation { name } } } } } }
          mentions { totalCount edges { node { start end text entity { name type } } } }
        }
      }
    }
  }
`;

/** The entity list: each entity with its aliases, side and how many claims it made and mentions it has. */
const ENTITIES_PAGE = /* GraphQL */ `
  query ($first: Int!) {
    entities(first: $first, filter: { type: [PERSON] }) {
      totalCount
      edges {
        node {
          name type
          aliases { name }
          affiliation { name }
          claimsMade(first: 3) { totalCount edges { node { display } } }
          mentions(first: 0) { totalCount }
          mergeSuggestions { score entity { name } }
        }
      }
    }
  }
`;

async function statementsFor(document: string, first: number): Promise<number> {
  statements.length = 0;
  const result = await query<Record<string, { edges: unknown[] }>>(document, { first });
  expect(result.errors).toBeUndefined();
  expect(Object.values(result.data!)[0]!.edges).toHaveLength(first);
  return statements.length;
}

describe("no N+1 queries", () => {
  it("the claims page issues the same number of SQL statements for 10 and for 100 claims", async () => {
    const ten = await statementsFor(CLAIMS_PAGE, 10);
    const hundred = await statementsFor(CLAIMS_PAGE, 100);
    expect(hundred).toBe(ten);
    // The page with every relation it selects is one statement; its count is a second, sent beside it.
    expect(ten).toBe(2);
    const page = await query<{
      claims: { edges: { node: { source: { name: string } | null; appearances: { edges: unknown[] } } }[] };
    }>(CLAIMS_PAGE, { first: 10 });
    const nodes = page.data?.claims.edges.map((edge) => edge.node) ?? [];
    expect(nodes.every((node) => node.source?.name && node.appearances.edges.length > 0)).toBe(true);
  });

  it("the article page issues the same number of SQL statements for 10 and for 100 articles", async () => {
    const ten = await statementsFor(ARTICLES_PAGE, 10);
    const hundred = await statementsFor(ARTICLES_PAGE, 100);
    expect(hundred).toBe(ten);
    expect(ten).toBeGreaterThan(3); // the relations are loaded, in batches
    expect(ten).toBeLessThanOrEqual(15);
  });

  it("the entity list issues the same number of SQL statements for 10 and for 100 entities", async () => {
    const ten = await statementsFor(ENTITIES_PAGE, 10);
    const hundred = await statementsFor(ENTITIES_PAGE, 100);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThanOrEqual(15);
  });
});
