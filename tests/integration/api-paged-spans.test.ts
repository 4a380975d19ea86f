import { createHash } from "node:crypto";
import { complexityFromQuery } from "@pothos/plugin-complexity";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupName } from "../../apps/api/src/curation/names.ts";
import { PAGED_COST_LIMIT } from "../../apps/api/src/graphql/pagination.ts";
import { schema } from "../../apps/api/src/graphql/schema/index.ts";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { globalId } from "../support/fixtures.ts";

/**
 * An article printing 17,000 figures: its spans are paged, a small query cannot make the API send them
 * all, no answer exceeds the byte limit, and other reads stay fast while such queries run.
 */
const prisma = testPrisma();
const { api, query } = testApi(prisma);
const NUMBERS = 17_000;
/** The bound this test states for an answer about the huge article, whatever the query. */
const SMALL_ANSWER_BYTES = 512 * 1024;
let articleId = 0;
let claimId = 0;

beforeAll(async () => {
  const entity = await prisma.entity.create({
    data: {
      type: "organization",
      name: "Ministry of Tallies",
      normalizedName: lookupName("Ministry of Tallies"),
    },
  });
  const sentences = Array.from(
    { length: NUMBERS },
    (_, i) => `The ministry said on Monday that ${1_000 + i} troops were sent to the front line overnight.`,
  );
  const body = sentences.join(" ");
  const article = await prisma.article.create({
    data: {
      title: "A ledger of deployments",
      body,
      rawInput: body,
      contentHash: createHash("sha256").update(body).digest("hex"),
      publishedPrecision: "unknown",
    },
  });
  articleId = article.id;
  const claims = await prisma.claim.createManyAndReturn({
    data: sentences.map((_, i) => ({
      metric: "deployed" as const,
      subject: "troops",
      valueBest: 1_000 + i,
      qualifier: "exact" as const,
      sourceId: entity.id,
    })),
    select: { id: true },
  });
  claimId = claims[0]?.id as number;
  let offset = 0;
  const appearances = [];
  const mentions = [];
  for (const [i, sentence] of sentences.entries()) {
    const quote = `${1_000 + i} troops were sent`;
    const start = offset + sentence.indexOf(quote);
    appearances.push({
      claimId: claims[i]?.id as number,
      articleId,
      start,
      end: start + quote.length,
      quote,
    });
    const named = offset + sentence.indexOf("ministry");
    mentions.push({ entityId: entity.id, articleId, start: named, end: named + 8, text: "ministry" });
    offset += sentence.length + 1;
  }
  await prisma.appearance.createMany({ data: appearances });
  await prisma.entityMention.createMany({ data: mentions });
  // The first claim is printed in many places: its appearances are paged too.
}, 120_000);
afterAll(() => prisma.$disconnect());

const aliased = (count: number, selection: string) =>
  `query ($id: ID!) { ${Array.from({ length: count }, (_, i) => `a${i}: node(id: $id) { ... on Article { ${selection} } }`).join(" ")} }`;

async function post(document: string, variables: Record<string, unknown>) {
  const response = await api.fetch("http://localhost/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
    body: JSON.stringify({ query: document, variables }),
  });
  const text = await response.text();
  return {
    bytes: Buffer.byteLength(text),
    body: JSON.parse(text) as {
      data?: unknown;
      errors?: { message: string; extensions?: { code?: string } }[];
    },
  };
}

const SPANS =
  "appearances SELECT { totalCount edges { node { start end quote claim { id display subject } } } } mentions SELECT { totalCount edges { node { start end text entity { id name } } } }";

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
    expect(page.totalCount).toBe(NUMBERS);
    expect(page.edges).toHaveLength(100);
    expect(page.pageInfo.hasNextPage).toBe(true);
    expect(first.data!.node.mentions).toMatchObject({ totalCount: NUMBERS });
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

  it("other reads stay fast while such queries run", async () => {
    const id = globalId("Article", articleId);
    const READ = "{ claims(first: 10) { totalCount edges { node { id display } } } }";
    const timed = async () => {
      const started = performance.now();
      const result = await query(READ);
      expect(result.errors).toBeUndefined();
      return performance.now() - started;
    };
    await timed();
    const quiet: number[] = [];
    for (let i = 0; i < 15; i++) quiet.push(await timed());
    let attacking = true;
    // One client sending the 20-alias query again and again, as soon as each answer arrives.
    const attackers = Array.from({ length: 1 }, async () => {
      while (attacking) await post(aliased(20, SPANS.replaceAll("SELECT", "")), { id });
    });
    const loaded: number[] = [];
    for (let i = 0; i < 30; i++) loaded.push(await timed());
    attacking = false;
    await Promise.all(attackers);
    const p95 = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.ceil(values.length * 0.95) - 1] as number;
    console.log(
      `reads p95: ${p95(quiet).toFixed(1)} ms quiet, ${p95(loaded).toFixed(1)} ms beside a loop of the 20-alias query`,
    );
    // Before paging, reads beside this query took 4 to 5.7 s. This machine is shared (two cores, load
    // averages up to 20 while the suites run): the bound is 5 times 200 ms, or 5 times the quiet p95 when
    // that is higher.
    expect(p95(loaded)).toBeLessThan(Math.max(200, p95(quiet)) * 5);
  });
});
