import { type ExecutionResult, graphql } from "graphql";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import type { Context, Viewer } from "../../apps/api/src/graphql/context.ts";
import { createClaimEvents } from "../../apps/api/src/graphql/events.ts";
import { schema } from "../../apps/api/src/graphql/schema/index.ts";
import { CLAIM_ROW } from "../../bench/peer-questions.ts";
import {
  ARTICLE_QUERY,
  CLAIM_LIST_QUERY,
  CLAIM_QUERY,
  DEFAULT_STATUSES,
  ENTITIES_QUERY,
  SERIES_QUERY,
} from "../../bench/queries.ts";
import { TEST_ROLE_HEADER, testApi } from "../support/api.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { globalId, useFixtureCorpus } from "../support/fixtures.ts";

/**
 * node(id) of an entity or a claim is written as JSON text by PostgreSQL and sent as it is when every
 * field of its selection is one apps/api/src/graphql/sql/raw-node.ts writes. The same document executed
 * by graphql-js alone (no response size limit, so nothing is deferred) resolves field by field; both
 * must give the same answer, key for key and in the same order.
 */
const statements: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { max: 4, onQuery: (sql) => statements.push(sql) });
const { query } = testApi(prisma);
const corpus = useFixtureCorpus(prisma);
const pubsub = createClaimEvents();

/** The raw statements write global IDs in base64 from the row's id; json-read and Prisma never do. */
const RAW = /encode\(convert_to\('[^']*' \|\| \w+\.id, 'UTF8'\), 'base64'\)/;

async function completed(document: string, variables: Record<string, unknown>, viewer: Viewer | null) {
  const contextValue: Context = {
    prisma,
    requestId: "test",
    viewer,
    pubsub,
    cookies: { set: () => {} },
    secure: false,
    clientIp: null,
  };
  const result = (await graphql({
    schema,
    source: document,
    contextValue,
    variableValues: variables,
  })) as ExecutionResult;
  return JSON.parse(JSON.stringify(result));
}

async function both(document: string, variables: Record<string, unknown>, role?: "editor") {
  statements.length = 0;
  const raw = await query(document, variables, role ? { [TEST_ROLE_HEADER]: role } : {});
  const rawStatements = [...statements];
  const plain = await completed(
    document,
    variables,
    role ? { id: 0, email: "editor@example.org", role } : null,
  );
  expect(raw.errors).toBeUndefined();
  expect(plain.errors).toBeUndefined();
  return { raw: raw.data, plain: plain.data, rawStatements };
}

const ENTITY = /* GraphQL */ `
  query Entity($id: ID!, $first: Int) {
    node(id: $id) {
      __typename
      id
      ... on Entity {
        name type role version
        affiliation { id name type affiliation { id __typename } }
        mergedInto { id }
        made: claimsMade(first: $first) {
          __typename
          totalCount
          pageInfo { hasNextPage __typename }
          edges { __typename node { ...ClaimColumns source { id name } } }
        }
      }
      ... on Claim { metric }
      ...Named
    }
  }
  fragment Named on Node { id ... on Entity { name again: name } }
  fragment ClaimColumns on Claim {
    id metric subject valueLow valueHigh valueBest qualifier hedge additional rate statedOn
    statedOnPrecision refersFrom refersFromPrecision refersTo refersToPrecision reviewStatus origin
    extractorVersion version createdAt updatedAt
    location { id name } subjectEntity { id }
  }`;

const CLAIM = /* GraphQL */ `
  query Claim($id: ID!) {
    node(id: $id) {
      id
      ... on Claim {
        metric subject qualifier hedge rate additional valueLow valueHigh valueBest statedOn
        statedOnPrecision refersFrom refersTo reviewStatus origin version createdAt updatedAt
        source { id name affiliation { id name } claimsMade(first: 2) { totalCount edges { node { id } } } }
        subjectEntity { id name }
        location { __typename id name }
      }
    }
  }`;

const CLAIMS = /* GraphQL */ `
  query Claims($filter: ClaimFilter, $first: Int, $order: ClaimOrder) {
    claims(filter: $filter, orderBy: $order, direction: DESC, first: $first) {
      totalCount
      pageInfo { hasNextPage }
      edges {
        node {
          ${CLAIM_ROW}
          appearances { totalCount edges { node {
            id inTitle start end quote prefix suffix
            article { id title url publishedAt publishedPrecision outlet { id name } }
            via { position entity { id name } }
          } } }
        }
        __typename
      }
      ... on QueryClaimsConnection { again: totalCount pageInfo { __typename } }
    }
  }`;

describe("node(id) written by PostgreSQL", () => {
  it("answers an entity as graphql-js completes it, key for key, with its page of claims", async () => {
    for (const [entity, first] of [
      ["nis", 20],
      ["nis", 1],
      ["pentagon", 100],
      ["kursk", 3],
      ["russia", 5],
    ] as const) {
      const variables = { id: globalId("Entity", corpus.entities[entity]), first };
      const { raw, plain, rawStatements } = await both(ENTITY, variables);
      expect(rawStatements).toHaveLength(1);
      expect(rawStatements[0]).toMatch(RAW);
      expect(JSON.stringify(raw)).toBe(JSON.stringify(plain));
    }
    // The page's size, its count and hasNextPage come from the statement.
    const { raw } = await both(ENTITY, { id: globalId("Entity", corpus.entities.nis), first: 1 });
    const made = (raw as { node: { made: { totalCount: number; pageInfo: { hasNextPage: boolean } } } }).node
      .made;
    expect(made.totalCount).toBeGreaterThan(1);
    expect(made.pageInfo.hasNextPage).toBe(true);
  });

  it("answers a claim as graphql-js completes it, and hides a deleted one from readers", async () => {
    for (const claim of Object.keys(corpus.claims) as (keyof typeof corpus.claims)[]) {
      const variables = { id: globalId("Claim", corpus.claims[claim]) };
      for (const role of [undefined, "editor"] as const) {
        const { raw, plain, rawStatements } = await both(CLAIM, variables, role);
        expect(rawStatements).toHaveLength(1);
        expect(rawStatements[0]).toMatch(RAW);
        expect(JSON.stringify(raw)).toBe(JSON.stringify(plain));
        if (claim === "deletedWounded")
          expect((raw as { node: unknown }).node === null).toBe(role !== "editor");
      }
    }
  });

  it("leaves any other selection to the resolvers", async () => {
    const id = globalId("Entity", corpus.entities.nis);
    for (const document of [
      `{ node(id: "${id}") { id ... on Entity { claimsMade(first: 2) { edges { cursor node { id } } } } } }`,
      `{ node(id: "${id}") { id ... on Entity { name @include(if: true) } } }`,
      `{ node(id: "${id}") { id ... on Entity { claimsMade(first: 2) { pageInfo { endCursor } } } } }`,
    ]) {
      statements.length = 0;
      const raw = await query(document);
      expect(statements.some((sql) => RAW.test(sql))).toBe(false);
      const plain = await completed(document, {}, null);
      expect(JSON.stringify(raw)).toBe(JSON.stringify(plain));
    }
  });

  it("writes an entity's aliases and a count-only page of its claims", async () => {
    for (const entity of ["nis", "russia", "kursk"] as const) {
      const id = globalId("Entity", corpus.entities[entity]);
      const document = `{ node(id: "${id}") { id ... on Entity {
        aliases { name __typename } claimsMade(first: 0) { totalCount pageInfo { hasNextPage } } } } }`;
      const { raw, plain, rawStatements } = await both(document, {});
      expect(rawStatements).toHaveLength(1);
      expect(rawStatements[0]).toMatch(RAW);
      expect(JSON.stringify(raw)).toBe(JSON.stringify(plain));
    }
  });

  it("answers the claims page as graphql-js completes it, with its evidence", async () => {
    for (const [filter, first, order] of [
      [{}, 50, "VALUE"],
      [{}, 2, "STATED_ON"],
      [
        { metric: ["DEPLOYED"], sourceAffiliation: globalId("Entity", corpus.entities.southKorea) },
        5,
        "VALUE",
      ],
      [{ reviewStatus: ["VERIFIED", "UNREVIEWED"] }, 3, "CONFIDENCE"],
      [{ metric: ["MISSING"] }, 10, "VALUE"],
    ] as const) {
      const { raw, plain, rawStatements } = await both(CLAIMS, { filter, first, order });
      expect(rawStatements).toHaveLength(2);
      expect(rawStatements.some((sql) => RAW.test(sql))).toBe(true);
      expect(JSON.stringify(raw)).toBe(JSON.stringify(plain));
    }
  });

  it("answers the dashboard's five reads (the load benchmark's mix) as graphql-js completes them", async () => {
    const asked: [string, string, Record<string, unknown>, number][] = [];
    for (const article of corpus.articles)
      asked.push(["article", ARTICLE_QUERY, { id: globalId("Article", article) }, 1]);
    for (const claim of Object.values(corpus.claims))
      asked.push(["claim", CLAIM_QUERY, { id: globalId("Claim", claim) }, 1]);
    for (const first of [50, 2, 1]) asked.push(["entities", ENTITIES_QUERY, { first }, 2]);
    asked.push(["entities", ENTITIES_QUERY, { first: 50, filter: { type: ["PLACE", "PERSON"] } }, 2]);
    for (const [filter, first] of [
      [{ reviewStatus: DEFAULT_STATUSES }, 50],
      [{ metric: ["DEPLOYED"], sourceAffiliation: globalId("Entity", corpus.entities.southKorea) }, 50],
      [{}, 1],
    ] as const) {
      asked.push(["claims", CLAIM_LIST_QUERY, { filter, orderBy: "VALUE", direction: "DESC", first }, 2]);
    }
    for (const groupBy of ["SOURCE", "AFFILIATION", "OUTLET", "METRIC"])
      for (const filter of [
        { reviewStatus: DEFAULT_STATUSES },
        { metric: ["KILLED"], statedFrom: "2024-01-01" },
      ])
        asked.push(["series", SERIES_QUERY, { filter, groupBy }, 2]);
    for (const [kind, document, variables, count] of asked) {
      for (const role of [undefined, "editor"] as const) {
        const { raw, plain, rawStatements } = await both(document, variables, role);
        expect(JSON.stringify(raw), `${kind} ${JSON.stringify(variables)}`).toBe(JSON.stringify(plain));
        expect(rawStatements.length, `${kind} ${JSON.stringify(variables)}`).toBeLessThanOrEqual(count);
        // A series by metric names no entity: its points are written by the chart's own statement.
        if (variables.groupBy !== "METRIC") expect(rawStatements.some((sql) => RAW.test(sql))).toBe(true);
      }
    }
  });

  // Runs after the reads above: it adds claims whose confidence only the resolvers write.
  it("writes confidences as JavaScript does, or leaves them to the resolvers", async () => {
    const claims = (metric: "missing" | "repatriated", values: number[]) =>
      prisma.claim.createMany({
        data: values.map((confidence, i) => ({
          metric,
          subject: `confidence ${i}`,
          qualifier: "exact" as const,
          valueBest: i,
          confidence,
          sourceId: corpus.entities.reuters,
        })),
      });
    // PostgreSQL prints these as JavaScript does; below 1e-4 it switches to an exponent sooner.
    await claims("missing", [0.5, 1 / 3, 0.1 + 0.2, 0.0001, 0.00012345, -0, 0, 0.93, 123456.789]);
    await claims("repatriated", [0.00001, 1e-7, 0.25]);
    const source = globalId("Entity", corpus.entities.reuters);
    const written = await both(CLAIMS, {
      filter: { source, metric: ["MISSING"] },
      first: 50,
      order: "VALUE",
    });
    expect(written.rawStatements).toHaveLength(2);
    expect(JSON.stringify(written.raw)).toBe(JSON.stringify(written.plain));
    expect(JSON.stringify(written.raw)).toContain('"confidence":0.30000000000000004');
    const left = await both(CLAIMS, {
      filter: { source, metric: ["REPATRIATED"] },
      first: 50,
      order: "VALUE",
    });
    expect(left.rawStatements.length).toBeGreaterThan(2);
    expect(JSON.stringify(left.raw)).toBe(JSON.stringify(left.plain));
    expect(JSON.stringify(left.raw)).toContain('"confidence":1e-7');
  });

  it("is null for an id with no row", async () => {
    const { raw } = await both(ENTITY, { id: globalId("Entity", 2_000_000_000), first: 2 });
    expect(raw).toEqual({ node: null });
  });
});
