import { QUALIFIERS, RATES } from "@headcount/shared";
import { beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { testApi } from "../support/api.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { useFixtureCorpus } from "../support/fixtures.ts";

// claimSeries' points are written as JSON text by PostgreSQL and sent as they are when the request asks
// for `series { points }` without `latestBySource`; with `latestBySource` they are read as tuples and
// completed by graphql-js. Both must give the same answer, field for field and key for key.

const statements: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { max: 4, onQuery: (sql) => statements.push(sql) });
const { query } = testApi(prisma);
const corpus = useFixtureCorpus(prisma);

const HEDGES = [
  null,
  "",
  "   ",
  "thousands of",
  "  Tens of\u00a0OF\u3000",
  "\u2003dozens   Of",
  "of",
  'hundreds "of" \\ of',
  "line\nbreak of",
];
const VALUES: [number | null, number | null, number | null][] = [
  [null, null, 1234567],
  [1000, 2000, null],
  [null, 8000, null],
  [15, null, null],
  [null, null, null],
  [0, 2147483647, 5],
];

beforeAll(async () => {
  // Runs after useFixtureCorpus' beforeAll (hooks run in the order they were registered).
  const source = corpus.entities.nis;
  let day = 1;
  const data = [];
  for (const qualifier of QUALIFIERS)
    for (const rate of RATES)
      for (const [i, [valueLow, valueHigh, valueBest]] of VALUES.entries()) {
        const hedge = qualifier === "vague" ? (HEDGES[i % HEDGES.length] ?? null) : i === 0 ? "about" : null;
        data.push({
          metric: "wounded" as const,
          subject: "soldiers",
          qualifier,
          rate,
          valueLow,
          valueHigh,
          valueBest,
          hedge,
          sourceId: i % 3 === 0 ? null : source,
          subjectEntityId: i % 2 === 0 ? source : null,
          additional: i % 2 === 1,
          statedOn: i === 4 ? null : new Date(Date.UTC(2024, 0, 1 + (day++ % 300))),
          statedOnPrecision: "day" as const,
          refersFrom: i === 1 ? new Date(Date.UTC(2023, 5, 1)) : null,
          refersTo: i === 1 ? new Date(Date.UTC(2023, 5, 30)) : null,
        });
      }
  // A vague claim for every hedge, whatever the values.
  for (const hedge of HEDGES)
    data.push({
      metric: "wounded" as const,
      subject: "soldiers",
      qualifier: "vague" as const,
      rate: "total" as const,
      valueLow: 10,
      valueHigh: 20,
      valueBest: null,
      hedge,
      sourceId: source,
      statedOn: new Date(Date.UTC(2024, 11, 1)),
      statedOnPrecision: "month" as const,
    });
  await prisma.claim.createMany({ data });
});

const POINT_SELECTION = /* GraphQL */ `
  __typename claimId when: date precision low high best qualifier rate reviewStatus metric subjectEntity
  additional refersFrom refersTo display
  ...More
  ... on ClaimPoint { best claimId again: display }
`;
const FRAGMENT = /* GraphQL */ `
  fragment More on ClaimPoint { precision text: display }
`;

interface SeriesAnswer {
  claimSeries: { totalPoints: number; series: { key: string; points: Record<string, unknown>[] }[] };
}

async function both(args: string) {
  statements.length = 0;
  const raw = await query<SeriesAnswer>(
    `{ claimSeries(${args}) { totalPoints series { key points { ${POINT_SELECTION} } } } } ${FRAGMENT}`,
  );
  const rawStatements = [...statements];
  // latestBySource makes the points tuples completed field by field; the second root field makes
  // graphql-js execute the document (a claimSeries-only document runs through graphql-jit).
  const completed = await query<SeriesAnswer>(
    `{ claimSeries(${args}) { totalPoints series { key points { ${POINT_SELECTION} } } latestBySource { key } }
       claims(first: 1) { totalCount } } ${FRAGMENT}`,
  );
  expect(raw.errors).toBeUndefined();
  expect(completed.errors).toBeUndefined();
  const { latestBySource: _, ...completedSeries } = completed.data!
    .claimSeries as SeriesAnswer["claimSeries"] & {
    latestBySource: unknown;
  };
  return { raw: raw.data!.claimSeries, completed: completedSeries, rawStatements };
}

describe("claimSeries points written by PostgreSQL", () => {
  it("are the points graphql-js completes, key for key, for every qualifier, rate and hedge", async () => {
    for (const args of [
      "filter: { metric: [WOUNDED] }",
      "groupBy: METRIC",
      "groupBy: AFFILIATION",
      "maxPoints: 7",
    ]) {
      const { raw, completed, rawStatements } = await both(args);
      expect(rawStatements.some((sql) => /string_agg/.test(sql))).toBe(true);
      expect(raw.series.length).toBeGreaterThan(0);
      expect(raw).toEqual(completed);
      // The same keys in the same order too (graphql-js' order: fragments spread where they appear).
      expect(JSON.stringify(raw) === JSON.stringify(completed)).toBe(true);
    }
    const { raw } = await both("filter: { metric: [WOUNDED] }");
    const displays = raw.series.flatMap((line) => line.points.map((point) => point.display));
    expect(displays).toContain("1,234,567 a day");
    expect(displays).toContain("Tens of\u00a0OF".replace(/\s+of$/i, ""));
    expect(displays).toContain("between 10 and 20");
    expect(displays).toContain("15%");
  });

  it("lands at every alias of claimSeries, series and points", async () => {
    const fields = (extra: string) => /* GraphQL */ `
      a: claimSeries(filter: { metric: [WOUNDED] }) { s: series { key p: points { claimId display } } ${extra} }
      b: claimSeries(groupBy: METRIC) { series { key points { best } again: points { when: date } } ${extra} }`;
    statements.length = 0;
    const raw = await query<Record<string, { series?: unknown; s?: unknown }>>(`{ ${fields("")} }`);
    expect(statements.some((sql) => /string_agg/.test(sql))).toBe(true);
    const completed = await query<
      Record<string, { series?: unknown; s?: unknown; latestBySource?: unknown }>
    >(`{ ${fields("latestBySource { key }")} claims(first: 1) { totalCount } }`);
    expect(raw.errors).toBeUndefined();
    expect(completed.errors).toBeUndefined();
    expect(raw.data?.a?.s).toEqual(completed.data?.a?.s);
    expect(raw.data?.b?.series).toEqual(completed.data?.b?.series);
    expect(JSON.stringify(raw.data?.a?.s)).toContain('"p":[{"claimId":');
  });

  it("still answers within the response size limit", async () => {
    const small = testApi(prisma, { maxResponseBytes: 2_000 });
    const result = await small.query(`{ claimSeries { series { points { claimId display } } } }`);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe("RESPONSE_TOO_LARGE");
  });
});
