import { describe, expect, it } from "vitest";
import { nodes, type Page, testApi } from "../support/api.ts";
import { testPrisma } from "../support/database.ts";
import { globalId, useFixtureCorpus } from "../support/fixtures.ts";

const prisma = testPrisma();
const { query } = testApi(prisma);
const asEditor = { "x-test-role": "editor" };
const corpus = useFixtureCorpus(prisma);

interface ClaimNode {
  id: string;
  display: string;
  metric: string;
  qualifier: string;
  valueLow: number | null;
  valueHigh: number | null;
  valueBest: number | null;
  statedOn: string | null;
  source: { name: string; affiliation: { name: string } | null } | null;
  viewerCan: { edit: boolean; review: boolean; delete: boolean };
}

interface ClaimsPage {
  claims: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: ClaimNode }[];
  };
}

const CLAIMS = /* GraphQL */ `
  query ($filter: ClaimFilter, $orderBy: ClaimOrder, $direction: SortDirection, $first: Int, $after: String) {
    claims(filter: $filter, orderBy: $orderBy, direction: $direction, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id display metric qualifier valueLow valueHigh valueBest statedOn
          source { name affiliation { name } }
          viewerCan { edit review delete }
        }
      }
    }
  }
`;

async function claims(variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const result = await query<ClaimsPage>(CLAIMS, { first: 100, ...variables }, headers);
  expect(result.errors).toBeUndefined();
  return result.data!.claims;
}

describe("claims", () => {
  it("lists claims that are not deleted, latest statement first, undated last", async () => {
    const page = await claims({});
    expect(page.totalCount).toBe(7);
    const dates = page.edges.map(({ node }) => node.statedOn);
    expect(dates.at(-1)).toBeNull();
    expect(dates.slice(0, -1)).toEqual([...dates.slice(0, -1)].sort().reverse());
    expect(page.edges.map(({ node }) => node.id)).not.toContain(
      globalId("Claim", corpus.claims.deletedWounded),
    );
  });

  it("says each value the way a reader expects", async () => {
    const page = await claims({});
    const displays = page.edges.map(({ node }) => node.display);
    expect(displays).toEqual(
      expect.arrayContaining([
        "about 10,000",
        "as many as 8,000",
        "more than 15,000",
        "thousands",
        "1,000–1,200",
      ]),
    );
    const upTo = page.edges.find(({ node }) => node.display === "as many as 8,000")!.node;
    expect(upTo).toMatchObject({ qualifier: "UP_TO", valueLow: null, valueHigh: 8000 });
    expect(upTo.source).toEqual({
      name: "National Intelligence Service",
      affiliation: { name: "South Korea" },
    });
  });

  it("filters by metric, qualifier, review status, origin and dates", async () => {
    expect((await claims({ filter: { metric: ["DEPLOYED"] } })).totalCount).toBe(4);
    expect((await claims({ filter: { metric: ["KILLED", "CASUALTIES"] } })).totalCount).toBe(2);
    expect((await claims({ filter: { qualifier: ["VAGUE"] } })).edges[0]?.node.display).toBe("thousands");
    expect((await claims({ filter: { reviewStatus: ["REJECTED"] } })).totalCount).toBe(1);
    expect((await claims({ filter: { origin: "EDITOR" } })).edges[0]?.node.valueBest).toBe(11_000);
    const winter = await claims({ filter: { statedFrom: "2024-12-01", statedTo: "2025-01-01" } });
    expect(winter.edges.map(({ node }) => node.statedOn).sort()).toEqual([
      "2024-12-01",
      "2024-12-15",
      "2025-01-01",
    ]);
  });

  it("filters by source, the source's affiliation, subject and place", async () => {
    const bySource = await claims({ filter: { source: globalId("Entity", corpus.entities.pentagon) } });
    expect(bySource.totalCount).toBe(2);
    const southKorea = await claims({
      filter: { sourceAffiliation: globalId("Entity", corpus.entities.southKorea) },
    });
    expect(southKorea.edges.every(({ node }) => node.source?.affiliation?.name === "South Korea")).toBe(true);
    expect(southKorea.totalCount).toBe(2);
    const inKursk = await claims({ filter: { location: globalId("Entity", corpus.entities.kursk) } });
    expect(inKursk.totalCount).toBe(5);
    const about = await claims({ filter: { subjectEntity: globalId("Entity", corpus.entities.northKorea) } });
    expect(about.totalCount).toBe(7);
  });

  it("searches the quotes with stemming", async () => {
    const page = await claims({ filter: { search: "wound" } });
    expect(page.edges.map(({ node }) => node.display)).toEqual(["more than 15,000"]);
  });

  it("refuses an ID of the wrong type in a filter", async () => {
    const result = await query(CLAIMS, { filter: { source: globalId("Article", corpus.articles[0]!) } });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("orders by value, confidence and update time, in both directions, and pages through", async () => {
    const byValue = await claims({ orderBy: "VALUE", direction: "DESC" });
    expect(byValue.edges[0]?.node.valueBest).toBe(50_000);
    const byConfidence = await claims({ orderBy: "CONFIDENCE", direction: "ASC" });
    expect(byConfidence.edges[0]?.node.valueBest).toBe(50_000); // 0.3, the lowest
    expect((await claims({ orderBy: "UPDATED_AT" })).totalCount).toBe(7);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pageNumber = 0; pageNumber < 5; pageNumber++) {
      const page: ClaimsPage["claims"] = await claims({ first: 2, after });
      seen.push(...page.edges.map(({ node }) => node.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("tells anonymous viewers they may not change anything and editors that they may", async () => {
    const anonymous = await claims({ first: 1 });
    expect(anonymous.edges[0]?.node.viewerCan).toEqual({ edit: false, review: false, delete: false });
    const editor = await claims({ first: 1 }, asEditor);
    expect(editor.edges[0]?.node.viewerCan).toEqual({ edit: true, review: true, delete: true });
  });

  it("shows deleted claims to editors only", async () => {
    const anonymous = await query(CLAIMS, { filter: { includeDeleted: true } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const editor = await claims({ filter: { includeDeleted: true } }, asEditor);
    expect(editor.totalCount).toBe(8);
    const NODE = `query ($id: ID!) { node(id: $id) { id } }`;
    const id = globalId("Claim", corpus.claims.deletedWounded);
    expect((await query(NODE, { id })).data?.node).toBeNull();
    expect((await query(NODE, { id }, asEditor)).data?.node).toEqual({ id });
  });

  it("gives a claim with its evidence: every appearance, its exact span and the relay chain", async () => {
    const result = await query<{
      node: {
        appearances: Page<{
          start: number;
          end: number;
          quote: string;
          article: { body: string; outlet: { name: string } };
          via: { position: number; entity: { name: string } }[];
        }>;
      };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Claim {
        appearances { totalCount edges { node { start end quote article { body outlet { name } } via { position entity { name } } } } }
      } } }`,
      { id: globalId("Claim", corpus.claims.pentagon10k) },
    );
    expect(result.errors).toBeUndefined();
    const appearances = nodes(result.data!.node.appearances);
    expect(appearances.map((appearance) => appearance.article.outlet.name)).toEqual([
      "Reuters",
      "Associated Press",
    ]);
    for (const appearance of appearances) {
      expect(appearance.article.body.slice(appearance.start, appearance.end)).toBe(appearance.quote);
    }
    const nis = await query<{ node: { appearances: Page<{ via: { entity: { name: string } }[] }> } }>(
      `query ($id: ID!) { node(id: $id) { ... on Claim { appearances { totalCount edges { node { via { entity { name } } } } } } } }`,
      { id: globalId("Claim", corpus.claims.nisUpTo8k) },
    );
    expect(nodes(nis.data!.node.appearances)[0]!.via.map((link) => link.entity.name)).toEqual([
      "National Intelligence Service",
      "Lee Seong-kweun",
      "Yonhap",
    ]);
  });

  it("answers me with null for anonymous requests", async () => {
    expect((await query(`{ me { email role } }`)).data).toEqual({ me: null });
    expect((await query(`{ me { role } }`, {}, asEditor)).data).toEqual({ me: { role: "EDITOR" } });
  });
});

describe("articles", () => {
  it("carries appearances and entity mentions as spans a client can highlight", async () => {
    const result = await query<{
      articles: {
        totalCount: number;
        edges: {
          node: {
            body: string;
            appearances: Page<{ start: number; end: number; quote: string; claim: { display: string } }>;
            mentions: Page<{ start: number; end: number; text: string; entity: { name: string } }>;
          };
        }[];
      };
    }>(
      `query ($outlet: ID) { articles(filter: { outlet: $outlet }) { totalCount edges { node {
        body appearances { totalCount edges { node { start end quote claim { display } } } } mentions { totalCount edges { node { start end text entity { name } } } }
      } } } }`,
      { outlet: globalId("Entity", corpus.entities.yonhap) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.articles.totalCount).toBe(1);
    const { node } = result.data!.articles.edges[0]!;
    const article = { ...node, appearances: nodes(node.appearances), mentions: nodes(node.mentions) };
    // The deleted claim's appearance is left out.
    expect(article.appearances.map((appearance) => appearance.claim.display)).toEqual([
      "as many as 8,000",
      "11,000",
    ]);
    for (const span of [...article.appearances.map((a) => ({ ...a, text: a.quote })), ...article.mentions]) {
      expect(article.body.slice(span.start, span.end)).toBe(span.text);
    }
    expect(article.mentions.map((mention) => mention.entity.name)).toContain("National Intelligence Service");
  });

  it("filters by words, outlet and publication dates", async () => {
    const ARTICLES = `query ($filter: ArticleFilter) { articles(filter: $filter) { totalCount edges { node { title } } } }`;
    const count = async (filter: Record<string, unknown>) =>
      (await query<{ articles: { totalCount: number } }>(ARTICLES, { filter })).data?.articles.totalCount ??
      -1;
    expect(await count({ search: "lawmaker briefing" })).toBe(1);
    expect(await count({ search: "soldier" })).toBe(3);
    expect(await count({ publishedFrom: "2024-11-01", publishedTo: "2024-12-31" })).toBe(1);
    expect(await count({ publishedFrom: "2024-11-01" })).toBe(2);
  });
});

describe("entities", () => {
  const ENTITIES = `query ($filter: EntityFilter) { entities(filter: $filter) { totalCount edges { node { name } } } }`;
  const names = async (filter: Record<string, unknown>) =>
    (
      (await query<{ entities: { edges: { node: { name: string } }[] } }>(ENTITIES, { filter })).data
        ?.entities.edges ?? []
    ).map(({ node }) => node.name);

  it("finds entities by name or alias, ignoring case, accents and punctuation", async () => {
    expect(await names({ search: "nis" })).toEqual(["National Intelligence Service"]);
    expect(await names({ search: "CHŎNG-ŬN" })).toEqual(["Kim Jong Un"]);
    expect(await names({ search: "jong un" })).toEqual(["Kim Jong Un"]);
    expect(await names({ search: "zelensk" })).toEqual(["Volodymyr Zelensky", "Volodymyr Zelenskyy"]);
    expect(await names({ type: ["ORGANIZATION"], search: "press" })).toEqual(["Associated Press"]);
  });

  it("gives an entity's claims as source and as subject or place, and merge suggestions", async () => {
    const result = await query<{
      node: {
        claimsMade: { totalCount: number; edges: { node: { display: string } }[] };
        mentions: { totalCount: number };
        mergeSuggestions: { score: number; entity: { name: string } }[];
      };
    }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity {
        claimsMade(first: 10) { totalCount edges { node { display } } }
        mentions(first: 10) { totalCount }
        mergeSuggestions { score entity { name } }
      } } }`,
      { id: globalId("Entity", corpus.entities.zelenskyy) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.node.claimsMade.totalCount).toBe(2);
    expect(result.data!.node.mentions.totalCount).toBe(1);
    expect(result.data!.node.mergeSuggestions).toEqual([
      { score: 0.92, entity: { name: "Volodymyr Zelensky" } },
    ]);

    const kursk = await query<{ node: { claimsAbout: { totalCount: number } } }>(
      `query ($id: ID!) { node(id: $id) { ... on Entity { claimsAbout(first: 5) { totalCount } } } }`,
      { id: globalId("Entity", corpus.entities.kursk) },
    );
    expect(kursk.data!.node.claimsAbout.totalCount).toBe(5);
  });

  it("counts each listed entity's live claims, made and about, as the database does", async () => {
    const result = await query<{
      entities: {
        edges: {
          node: { id: string; claimsMade: { totalCount: number }; claimsAbout: { totalCount: number } };
        }[];
      };
    }>(`{ entities(first: 100) { edges { node { id claimsMade(first: 0) { totalCount }
          claimsAbout(first: 0) { totalCount } } } } }`);
    expect(result.errors).toBeUndefined();
    const live = await prisma.claim.findMany({
      where: { deletedAt: null },
      select: { sourceId: true, subjectEntityId: true, locationId: true },
    });
    const nodes = result.data!.entities.edges.map((e) => e.node);
    expect(nodes.some((n) => n.claimsMade.totalCount > 0)).toBe(true);
    expect(nodes.some((n) => n.claimsAbout.totalCount > 0)).toBe(true);
    for (const node of nodes) {
      const id = Number(Buffer.from(node.id, "base64").toString().split(":")[1]);
      expect(node.claimsMade.totalCount).toBe(live.filter((c) => c.sourceId === id).length);
      expect(node.claimsAbout.totalCount).toBe(
        live.filter((c) => c.subjectEntityId === id || c.locationId === id).length,
      );
    }
  });
});
