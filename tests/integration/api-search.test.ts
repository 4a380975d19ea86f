import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { createBulkClaims, createFixtureCorpus } from "../support/fixtures.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);

beforeAll(async () => {
  await createFixtureCorpus(prisma);
});
afterAll(() => prisma.$disconnect());

interface Hit {
  rank: number;
  snippet: { text: string; highlights: { start: number; end: number }[] };
  node: { __typename: string; title?: string; display?: string; name?: string };
}

const SEARCH = /* GraphQL */ `
  query ($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      rank
      snippet { text highlights { start end } }
      node {
        __typename
        ... on Article { title }
        ... on Claim { display }
        ... on Entity { name }
      }
    }
  }
`;

async function search(text: string, first = 20): Promise<Hit[]> {
  const result = await query<{ search: Hit[] }>(SEARCH, { query: text, first });
  expect(result.errors).toBeUndefined();
  return result.data!.search;
}

describe("search", () => {
  it("finds articles, claim quotes and entities, best first, with highlighted snippets", async () => {
    const hits = await search("wounded");
    const kinds = new Set(hits.map((hit) => hit.node.__typename));
    expect(kinds).toEqual(new Set(["Article", "Claim"]));
    // Deleted claims are not found.
    expect(hits.filter((hit) => hit.node.__typename === "Claim").map((hit) => hit.node.display)).toEqual([
      "more than 15,000",
    ]);
    const ranks = hits.map((hit) => hit.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    for (const hit of hits) {
      expect(hit.snippet.highlights.length).toBeGreaterThan(0);
      for (const { start, end } of hit.snippet.highlights) {
        expect(hit.snippet.text.slice(start, end).toLowerCase()).toMatch(/^wound/);
      }
    }
  });

  it("matches entity names and aliases without regard to case or accents", async () => {
    const byAlias = await search("nis");
    expect(byAlias.find((hit) => hit.node.__typename === "Entity")?.node.name).toBe(
      "National Intelligence Service",
    );
    const accented = await search("Chŏng-ŭn");
    expect(accented.map((hit) => hit.node.name)).toContain("Kim Jong Un");
  });

  it("understands phrases and exclusions, and limits the results", async () => {
    expect((await search('"Kursk region"')).length).toBeGreaterThan(0);
    const withoutPentagon = await search("soldiers -pentagon");
    expect(withoutPentagon.every((hit) => !JSON.stringify(hit).toLowerCase().includes("pentagon"))).toBe(
      true,
    );
    expect(await search("soldiers", 2)).toHaveLength(2);
    expect(await search("xylophone")).toEqual([]);
    // Only stop words or punctuation: nothing to look for, and no error.
    expect(await search("the")).toEqual([]);
    expect(await search("!!! ###")).toEqual([]);
  });

  it("refuses an empty query and too many results", async () => {
    const empty = await query(SEARCH, { query: "  " });
    expect(empty.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const many = await query(SEARCH, { query: "troops", first: 1000 });
    expect(many.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("uses the text-search indexes", async () => {
    await createBulkClaims(prisma, 50, "search");
    await prisma.$executeRawUnsafe("analyze");
    const plans: string[] = [];
    await prisma.$transaction(async (tx) => {
      // A tiny table is cheaper to scan; forbid that so the plan shows whether the index can be used.
      await tx.$executeRawUnsafe("set local enable_seqscan = off");
      for (const sql of [
        `select a.id from "Article" a where to_tsvector('english'::regconfig, (a.title || ' '::text) || a.body) @@ websearch_to_tsquery('english'::regconfig, 'soldiers')`,
        `select ap.id from "Appearance" ap where to_tsvector('english'::regconfig, ap.quote) @@ websearch_to_tsquery('english'::regconfig, 'soldiers')`,
        `select e.id from "Entity" e where to_tsvector('simple'::regconfig, e."normalizedName") @@ websearch_to_tsquery('simple'::regconfig, 'kursk')`,
        `select al.id from "EntityAlias" al where to_tsvector('simple'::regconfig, al.normalized) @@ websearch_to_tsquery('simple'::regconfig, 'nis')`,
      ]) {
        const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`explain ${sql}`);
        plans.push(rows.map((row) => row["QUERY PLAN"]).join("\n"));
      }
    });
    expect(plans[0]).toMatch(/article_search_idx/);
    expect(plans[1]).toMatch(/appearance_quote_search_idx/);
    expect(plans[2]).toMatch(/entity_name_search_idx/);
    expect(plans[3]).toMatch(/entity_alias_search_idx/);
  });
});
