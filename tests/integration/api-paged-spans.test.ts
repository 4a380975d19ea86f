import { complexityFromQuery } from "@pothos/plugin-complexity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGED_COST_LIMIT } from "../../apps/api/src/graphql/pagination.ts";
import { schema } from "../../apps/api/src/graphql/schema/index.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { globalId } from "../support/fixtures.ts";
import { aliased, createLedgerArticle, LEDGER_NUMBERS, poster, SPANS } from "../support/ledger-article.ts";

/**
 * An article printing 17,000 figures: its spans are paged, a small query cannot make the API send them
 * all, and no answer exceeds the byte limit (that other reads stay fast beside such queries is a hardening test).
 */
const prisma = testPrisma();
const { api, query } = testApi(prisma);
/** The bound this test states for an answer about the huge article, whatever the query. */
const SMALL_ANSWER_BYTES = 512 * 1024;
let articleId = 0;
let claimId = 0;

beforeAll(async () => {
  ({ articleId, claimId } = await createLedgerArticle(prisma));
}, 120_000);
afterAll(() => prisma.$disconnect());

const post = poster(api);

describe("an article's spans are paged", () => {
  it("gives the first page and the total, and the next page from the cursor", async () => {
    const id = globalId("Article", articleId);
    const first = await query<{
      node: {
        appearances: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string };
          edges: { node: { start: number } }[];
        };
        mentions: { totalCount: number; edges: unknown[] };
      };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Article {
        appearances(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { start } } }
        mentions { totalCount edges { node { start } } } } } }`,
      { id },
    );
    expect(first.errors).toBeUndefined();
    const page = first.data!.node.appearances;
    expect(page.totalCount).toBe(LEDGER_NUMBERS);
    expect(page.edges).toHaveLength(100);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(first.data!.node.mentions).toMatchObject({ totalCount: LEDGER_NUMBERS });
    expect(first.data!.node.mentions.edges).toHaveLength(20);
    const next = await query<{ node: { appearances: { edges: { node: { start: number } }[] } } }>(
      `query ($id: ID!, $after: String) { node(id: $id) { ... on Article { appearances(first: 100, after: $after) { edges { node { start } } } } } }`,
      { id, after: page.pageInfo.endCursor },
    );
    const starts = next.data!.node.appearances.edges.map((edge) => edge.node.start);
    expect(starts[0]).toBeGreaterThan(page.edges.at(-1)!.node.start);
    const over = await query(
      `query ($id: ID!) { node(id: $id) { ... on Article { appearances(first: 101) { totalCount } } } }`,
      { id },
    );
    expect(over.errors?.[0]?.message).toMatch(/between 0 and 100/);
  });

  it("20 aliases of the article's spans: large pages are refused by the cost limit, default pages answer small", async () => {
    const id = globalId("Article", articleId);
    const costly = await post(aliased(20, SPANS.replaceAll("SELECT", "(first: 100)")), { id });
    expect(costly.body.data).toBeUndefined();
    expect(costly.body.errors?.[0]?.message).toMatch(/Cost limit of 60000 exceeded/);
    expect(costly.bytes).toBeLessThan(2_000);

    const paged = await post(aliased(20, SPANS.replaceAll("SELECT", "")), { id });
    expect(paged.body.errors).toBeUndefined();
    expect(paged.bytes).toBeLessThan(SMALL_ANSWER_BYTES);
  });

  it("pages inside pages count each item they may return, and such a query is refused before running", async () => {
    const nested = (size: number) =>
      `{ claims(first: ${size}) { edges { node { appearances(first: ${size}) { edges { node { quote start end article { title } } } } } } } }`;
    const cost = (size: number) => complexityFromQuery(nested(size), { schema }).complexity;
    expect(cost(10)).toBeLessThan(PAGED_COST_LIMIT / 50);
    expect(cost(100)).toBeGreaterThan(PAGED_COST_LIMIT);
    const refused = await post(nested(100), {});
    expect(refused.body.data).toBeUndefined();
    expect(refused.body.errors?.[0]?.message).toMatch(/limit/);
    const small = await post(nested(10), {});
    expect(small.body.errors).toBeUndefined();
  });

  it("an answer larger than the byte limit is refused with a clear error, not sent", async () => {
    const id = globalId("Article", articleId);
    const bodies = await post(aliased(20, "body"), { id });
    expect(bodies.body.data === undefined).toBe(true);
    expect(bodies.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/The answer would be \d+\.\d MB, more than the limit of 16\.0 MB/),
      extensions: { code: "RESPONSE_TOO_LARGE" },
    });
    expect(bodies.bytes).toBeLessThan(2_000);
  });

  it("a claim's appearances are a page with a total", async () => {
    const result = await query<{
      node: { appearances: { totalCount: number; edges: { node: { quote: string } }[] } };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Claim { appearances(first: 5) { totalCount edges { node { quote } } } } } }`,
      { id: globalId("Claim", claimId) },
    );
    expect(result.data!.node.appearances).toEqual({
      totalCount: 1,
      edges: [{ node: { quote: "1000 troops were sent" } }],
    });
  });
});
