import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodes, type Page, testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { loadSeeds } from "../support/seeds.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);

beforeAll(async () => {
  await loadSeeds();
});
afterAll(() => prisma.$disconnect());

/** The API over what the extractor made of the seed corpus, rather than over hand-made fixtures. */
describe("the API over the ingested seed corpus", () => {
  it("serves every article with spans that are exactly the text they point at", async () => {
    const result = await query<{
      articles: {
        edges: {
          node: {
            body: string;
            appearances: Page<{ start: number; end: number; quote: string }>;
            mentions: Page<{ start: number; end: number; text: string }>;
          };
        }[];
      };
    }>(`{ articles(first: 100) { edges { node {
      body appearances { totalCount edges { node { start end quote } } } mentions { totalCount edges { node { start end text } } }
    } } } }`);
    expect(result.errors).toBeUndefined();
    const articles = result.data!.articles.edges.map(({ node }) => node);
    expect(articles.length).toBeGreaterThanOrEqual(5);
    for (const article of articles) {
      for (const span of nodes(article.appearances))
        expect(article.body.slice(span.start, span.end)).toBe(span.quote);
      for (const span of nodes(article.mentions))
        expect(article.body.slice(span.start, span.end)).toBe(span.text);
    }
  });

  it("lists the extracted claims and plots every one that is neither deleted nor rejected", async () => {
    const claims = await query<{ claims: { totalCount: number; edges: { node: { display: string } }[] } }>(
      `{ claims(first: 100, filter: { reviewStatus: [UNREVIEWED, VERIFIED, DISPUTED] }) {
        totalCount edges { node { display } } } }`,
    );
    expect(claims.errors).toBeUndefined();
    const total = claims.data!.claims.totalCount;
    expect(total).toBeGreaterThan(0);
    expect(claims.data!.claims.edges.every(({ node }) => node.display.length > 0)).toBe(true);
    for (const groupBy of ["SOURCE", "AFFILIATION", "OUTLET", "METRIC"]) {
      const series = await query<{ claimSeries: { series: { points: unknown[] }[] } }>(
        `query ($groupBy: SeriesGrouping) { claimSeries(groupBy: $groupBy) { series { key label points { claimId date best } } } }`,
        { groupBy },
      );
      expect(series.errors, groupBy).toBeUndefined();
      const plotted = series.data!.claimSeries.series.reduce((sum, line) => sum + line.points.length, 0);
      expect(plotted, groupBy).toBe(total);
    }
  });

  it("gives each spelling one entity: a claim credited to a longer form of a name joins that entity", async () => {
    const result = await query<{
      entities: { edges: { node: { name: string; type: string; aliases: { name: string }[] } }[] };
    }>(`{ entities(first: 100) { edges { node { name type aliases { name } } } } }`);
    expect(result.errors).toBeUndefined();
    const owner = new Map<string, string>();
    for (const { node } of result.data!.entities.edges) {
      for (const written of new Set([node.name, ...node.aliases.map((a) => a.name)])) {
        const k = `${node.type}:${written.toLowerCase()}`;
        expect(owner.get(k), `"${written}" names both ${owner.get(k)} and ${node.name}`).toBeUndefined();
        owner.set(k, node.name);
      }
    }
  });

  it("finds the corpus by words and by names", async () => {
    const result = await query<{ search: { node: { __typename: string } }[] }>(
      `{ search(query: "North Korean troops", first: 20) { node { __typename } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.search.map(({ node }) => node.__typename)).toContain("Article");
    const entities = await query<{ entities: { totalCount: number } }>(
      `{ entities(filter: { search: "korea" }) { totalCount } }`,
    );
    expect(entities.data!.entities.totalCount).toBeGreaterThan(0);
  });
});
