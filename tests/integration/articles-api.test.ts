import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { loadSeeds } from "../support/seeds.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);

beforeAll(async () => {
  await loadSeeds();
});
afterAll(() => prisma.$disconnect());

interface ArticlesPage {
  articles: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { id: string; title: string; publishedAt: string | null; publishedPrecision: string } }[];
  };
}

const ARTICLES = /* GraphQL */ `
  query ($first: Int!, $after: String) {
    articles(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id title publishedAt publishedPrecision } }
    }
  }
`;

describe("articles", () => {
  it("lists the five seed articles, newest first, with their dates and precision", async () => {
    const result = await query<ArticlesPage>(ARTICLES, { first: 10 });
    expect(result.errors).toBeUndefined();
    const { articles } = result.data!;
    expect(articles.totalCount).toBe(5);
    expect(articles.edges).toHaveLength(5);
    const dates = articles.edges.map(({ node }) => node.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(
      articles.edges.find(({ node }) => node.publishedAt === "2025-10-22")?.node.publishedPrecision,
    ).toBe("DAY");
    expect(
      articles.edges.find(({ node }) => node.publishedAt === "2024-10-29")?.node.publishedPrecision,
    ).toBe("WEEK");
  });

  it("pages through with cursors and keeps totalCount", async () => {
    const first = await query<ArticlesPage>(ARTICLES, { first: 2 });
    expect(first.data!.articles.pageInfo.hasNextPage).toBe(true);
    const second = await query<ArticlesPage>(ARTICLES, {
      first: 10,
      after: first.data!.articles.pageInfo.endCursor,
    });
    expect(second.data!.articles.totalCount).toBe(5);
    const ids = [...first.data!.articles.edges, ...second.data!.articles.edges].map(({ node }) => node.id);
    expect(new Set(ids).size).toBe(5);
  });

  it("refuses a page larger than 100", async () => {
    const result = await query(ARTICLES, { first: 1000 });
    expect(result.errors?.[0]?.message).toMatch(/between 0 and 100/);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("resolves a global id through node()", async () => {
    const list = await query<ArticlesPage>(ARTICLES, { first: 1 });
    const id = list.data!.articles.edges[0]!.node.id;
    const result = await query<{ node: { __typename: string; title: string } }>(
      `query ($id: ID!) { node(id: $id) { __typename ... on Article { title } } }`,
      { id },
    );
    expect(result.data?.node.__typename).toBe("Article");
    expect(result.data?.node.title).toBe(list.data!.articles.edges[0]!.node.title);
  });

  it("keeps the body as stored, so offsets can refer to it", async () => {
    const stored = await prisma.article.findFirstOrThrow({ orderBy: { id: "asc" } });
    const result = await query<{ nodes: { body: string }[] }>(
      `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Article { body } } }`,
      { ids: [Buffer.from(`Article:${stored.id}`).toString("base64")] },
    );
    expect(result.data?.nodes[0]?.body).toBe(stored.body);
  });
});
