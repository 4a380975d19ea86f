import { describe, expect, it } from "vitest";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { testApi } from "../support/api.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { globalId, useFixtureCorpus } from "../support/fixtures.ts";

const statements: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { max: 4, onQuery: (sql) => statements.push(sql) });
const { query } = testApi(prisma);
const corpus = useFixtureCorpus(prisma);

interface Point {
  claimId: string;
  date: string | null;
  precision: string;
  low: number | null;
  high: number | null;
  best: number | null;
  qualifier: string;
}
interface SeriesResult {
  claimSeries: { series: { key: string; label: string; entity: { name: string } | null; points: Point[] }[] };
}

const SERIES = /* GraphQL */ `
  query ($groupBy: SeriesGrouping, $filter: ClaimFilter) {
    claimSeries(groupBy: $groupBy, filter: $filter) {
      series { key label entity { name } points { claimId date precision low high best qualifier } }
    }
  }
`;

async function series(variables: Record<string, unknown>) {
  const result = await query<SeriesResult>(SERIES, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.claimSeries.series;
}

describe("claimSeries", () => {
  it("groups by source, with unattributed claims in their own series, and never plots deleted or rejected claims", async () => {
    const bySource = await series({ groupBy: "SOURCE" });
    expect(bySource.map((line) => [line.label, line.points.length])).toEqual([
      ["National Intelligence Service", 2],
      ["Pentagon", 2],
      ["Volodymyr Zelenskyy", 1],
      ["Unattributed", 1],
    ]);
    const nis = bySource[0]!;
    expect(nis.key).toBe(globalId("Entity", corpus.entities.nis));
    expect(nis.entity).toEqual({ name: "National Intelligence Service" });
    expect(nis.points).toEqual([
      {
        claimId: globalId("Claim", corpus.claims.nisUpTo8k),
        date: "2024-11-05",
        precision: "DAY",
        low: null,
        high: 8000,
        best: null,
        qualifier: "UP_TO",
      },
      {
        claimId: globalId("Claim", corpus.claims.editorVerified11k),
        date: "2024-12-01",
        precision: "WEEK",
        low: null,
        high: null,
        best: 11000,
        qualifier: "EXACT",
      },
    ]);
    // An undated claim is plotted at its first printing, with that article's precision.
    const unattributed = bySource.find((line) => line.key === "unattributed")!;
    expect(unattributed.entity).toBeNull();
    expect(unattributed.points[0]).toMatchObject({
      date: "2024-10-29",
      precision: "DAY",
      qualifier: "VAGUE",
    });
    const plotted = bySource.flatMap((line) => line.points.map((point) => point.claimId));
    expect(plotted).not.toContain(globalId("Claim", corpus.claims.deletedWounded));
    expect(plotted).not.toContain(globalId("Claim", corpus.claims.rejected50k));
  });

  it("groups by affiliation, outlet of the first printing, and metric", async () => {
    const byAffiliation = await series({ groupBy: "AFFILIATION" });
    expect(byAffiliation.map((line) => line.label).sort()).toEqual([
      "No known affiliation",
      "South Korea",
      "Ukraine",
      "United States",
    ]);
    const byOutlet = await series({ groupBy: "OUTLET" });
    expect(Object.fromEntries(byOutlet.map((line) => [line.label, line.points.length]))).toEqual({
      Reuters: 2, // the Pentagon's figure, reprinted later by AP, counts once, for its first outlet
      Yonhap: 2,
      "Associated Press": 2,
    });
    const byMetric = await series({ groupBy: "METRIC" });
    expect(byMetric.map((line) => [line.key, line.label, line.points.length])).toEqual([
      ["DEPLOYED", "Deployed", 3],
      ["CASUALTIES", "Casualties", 1],
      ["KILLED", "Killed", 1],
      ["PRESENT", "Present", 1],
    ]);
  });

  it("applies the claim filter in SQL", async () => {
    const deployed = await series({
      groupBy: "SOURCE",
      filter: {
        metric: ["DEPLOYED"],
        sourceAffiliation: globalId("Entity", corpus.entities.southKorea),
        statedFrom: "2024-11-01",
        search: "troops",
      },
    });
    expect(
      deployed.map((line) => [line.label, line.points.map((point) => point.best ?? point.high)]),
    ).toEqual([["National Intelligence Service", [8000, 11000]]]);
  });

  it("is computed by one SQL statement, whatever the number of claims and series", async () => {
    statements.length = 0;
    await series({ groupBy: "SOURCE" });
    // One for the series; one (batched) for the entities of the series, requested by the query.
    expect(statements).toHaveLength(2);
    expect(statements[0]).toMatch(/(string|json)_agg/);
    statements.length = 0;
    const result = await query(`{ claimSeries(groupBy: METRIC) { series { key points { claimId best } } } }`);
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(1);
  });
});
