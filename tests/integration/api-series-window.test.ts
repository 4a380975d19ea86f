import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupName } from "../../apps/api/src/curation/names.ts";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { latestPointsExcept } from "../../apps/api/src/graphql/sql/claim-series.ts";
import { testApi } from "../support/api.ts";
import { testDatabaseUrl } from "../support/database.ts";
import { createFixtureCorpus, type FixtureCorpus, globalId } from "../support/fixtures.ts";

const statements: string[] = [];
const prisma = createPrismaClient(testDatabaseUrl(), { max: 4, onQuery: (sql) => statements.push(sql) });
const { query } = testApi(prisma);
let corpus: FixtureCorpus;
/** The subject of the generated claims, so the fixture's claims and these can be asked for apart. */
let generatedSubject: string;

interface Point {
  claimId: string;
  date: string | null;
  precision: string;
  best: number | null;
  low: number | null;
  high: number | null;
  qualifier: string;
  reviewStatus: string;
}
interface Series {
  key: string;
  label: string;
  points: Point[];
}
interface Result {
  totalPoints: number;
  truncated: boolean;
  series: Series[];
  latestBySource: Series[];
}

const SERIES = /* GraphQL */ `
  query ($groupBy: SeriesGrouping, $filter: ClaimFilter, $maxPoints: Int) {
    claimSeries(groupBy: $groupBy, filter: $filter, maxPoints: $maxPoints) {
      totalPoints
      truncated
      series { key label points { claimId date precision best low high qualifier reviewStatus } }
      latestBySource { key label points { claimId date precision best low high qualifier reviewStatus } }
    }
  }
`;

async function series(variables: Record<string, unknown>): Promise<Result> {
  const result = await query<{ claimSeries: Result }>(SERIES, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.claimSeries;
}

const claimNumber = (id: string) => Number(Buffer.from(id, "base64").toString().split(":")[1]);
/** The order in which a bounded request keeps points: newest first, undated last, then by id. */
function newestFirst(a: Point, b: Point): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return claimNumber(b.claimId) - claimNumber(a.claimId);
}
const ids = (result: Result) =>
  result.series.flatMap((line) => line.points.map((point) => point.claimId)).sort();

/** A small deterministic random generator (mulberry32), so a failure can be replayed. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * 240 claims about one subject: dated ones with many ties; undated ones printed in zero to three articles
 * (some of those undated themselves), so their chart date is the first printing or nothing; six sources
 * on two sides plus unattributed claims; rejected and deleted claims among them.
 */
async function createGeneratedClaims(): Promise<void> {
  const next = random(20261122);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)] as T;
  const entity = async (type: "place" | "organization" | "person", name: string, affiliationId?: number) =>
    (
      await prisma.entity.create({
        data: { type, name, normalizedName: lookupName(name), affiliationId: affiliationId ?? null },
      })
    ).id;
  const subject = await entity("place", "Generated force");
  generatedSubject = globalId("Entity", subject);
  const sideA = await entity("place", "Side A");
  const sideB = await entity("place", "Side B");
  const sources = [
    await entity("organization", "Source A1", sideA),
    await entity("person", "Source A2", sideA),
    await entity("organization", "Source B1", sideB),
    await entity("person", "Source B2", sideB),
    await entity("organization", "Source with no side"),
    sideB, // a country speaking for itself
    null,
  ];
  const outlets = [await entity("organization", "Outlet X"), await entity("organization", "Outlet Y")];
  const day = (offset: number) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000);
  const articles: number[] = [];
  for (let i = 0; i < 40; i++) {
    const body = `Generated article ${i}.`;
    const article = await prisma.article.create({
      data: {
        title: `Generated ${i}`,
        body,
        rawInput: body,
        contentHash: `generated-${i}`,
        outletId: pick(outlets),
        publishedAt: i % 13 === 0 ? null : day(Math.floor(next() * 360)),
        publishedPrecision: i % 13 === 0 ? "unknown" : pick(["day", "week", "month"] as const),
      },
    });
    articles.push(article.id);
  }
  for (let i = 0; i < 240; i++) {
    const dated = next() < 0.75;
    const roll = next();
    const claim = await prisma.claim.create({
      data: {
        metric: pick(["deployed", "killed", "casualties"] as const),
        subject: "generated troops",
        subjectEntityId: subject,
        valueBest: 100 + Math.floor(next() * 10_000),
        qualifier: "exact",
        statedOn: dated ? day(Math.floor(next() * 60) * 6) : null,
        statedOnPrecision: dated ? pick(["day", "month"] as const) : "unknown",
        sourceId: pick(sources),
        reviewStatus: roll < 0.1 ? "rejected" : roll < 0.2 ? "disputed" : "unreviewed",
        deletedAt: roll > 0.95 ? new Date() : null,
      },
    });
    const printings = dated ? 1 : Math.floor(next() * 4);
    const printedIn = new Set(Array.from({ length: printings }, () => pick(articles)));
    for (const articleId of printedIn) {
      await prisma.appearance.create({
        data: { claimId: claim.id, articleId, start: 0, end: 9, quote: "Generated", prefix: "", suffix: "" },
      });
    }
  }
  // Two sources whose latest figure has no date of its own: first printed after all their dated claims.
  const last = await prisma.article.create({
    data: {
      title: "Generated last",
      body: "Generated last.",
      rawInput: "Generated last.",
      contentHash: "generated-last",
      publishedAt: day(362),
      publishedPrecision: "day",
    },
  });
  for (const sourceId of [sources[4], null]) {
    const claim = await prisma.claim.create({
      data: {
        metric: "killed",
        subject: "generated troops",
        subjectEntityId: subject,
        valueBest: 77,
        qualifier: "exact",
        sourceId: sourceId ?? null,
      },
    });
    await prisma.appearance.create({
      data: {
        claimId: claim.id,
        articleId: last.id,
        start: 0,
        end: 9,
        quote: "Generated",
        prefix: "",
        suffix: "",
      },
    });
  }
}

beforeAll(async () => {
  corpus = await createFixtureCorpus(prisma);
  await createGeneratedClaims();
});
afterAll(() => prisma.$disconnect());

describe("claimSeries with maxPoints", () => {
  const fixture = () => ({ subjectEntity: globalId("Entity", corpus.entities.northKorea) });

  it("keeps the newest points of the whole filtered set, groups them after, and reports the total", async () => {
    const newest = await series({ filter: fixture(), maxPoints: 2 });
    expect(newest.totalPoints).toBe(6);
    expect(newest.truncated).toBe(true);
    expect(newest.series.map((line) => [line.label, line.points.map((p) => p.date)])).toEqual([
      ["Pentagon", ["2025-01-01"]],
      ["Volodymyr Zelenskyy", ["2025-01-10"]],
    ]);
    // An undated claim ranks by its first printing (29 October): it is in the newest five, and the
    // Pentagon's claim stated a day earlier is the one left out.
    const five = await series({ filter: fixture(), maxPoints: 5 });
    expect(ids(five)).not.toContain(globalId("Claim", corpus.claims.pentagon10k));
    expect(ids(five)).toContain(globalId("Claim", corpus.claims.vagueThousands));
    expect(five).toMatchObject({ totalPoints: 6, truncated: true });
    const all = await series({ filter: fixture(), maxPoints: 6 });
    const unbounded = await series({ filter: fixture() });
    expect(all).toEqual({ ...unbounded, truncated: false });
    expect(unbounded).toMatchObject({ totalPoints: 6, truncated: false });
  });

  it("gives each source's latest figure over every matching claim, kept or not", async () => {
    const newest = await series({ filter: fixture(), maxPoints: 2 });
    expect(newest.latestBySource.map((line) => [line.label, line.points.map((p) => p.claimId)])).toEqual([
      ["National Intelligence Service", [globalId("Claim", corpus.claims.editorVerified11k)]],
      ["Pentagon", [globalId("Claim", corpus.claims.pentagonKilledRange)]],
      ["Volodymyr Zelenskyy", [globalId("Claim", corpus.claims.zelenskyyMoreThan15k)]],
      ["Unattributed", [globalId("Claim", corpus.claims.vagueThousands)]],
    ]);
    // The same, grouped by side, and without a bound.
    expect(
      (await series({ filter: fixture(), maxPoints: 2, groupBy: "AFFILIATION" })).latestBySource,
    ).toEqual(newest.latestBySource);
    expect((await series({ filter: fixture() })).latestBySource).toEqual(newest.latestBySource);
  });

  it("equals the newest N points of the unbounded result, for every grouping and many N", async () => {
    for (const groupBy of ["SOURCE", "AFFILIATION", "OUTLET", "METRIC"]) {
      const filter = { subjectEntity: generatedSubject };
      const unbounded = await series({ filter, groupBy });
      const seriesOf = new Map<string, string>();
      for (const line of unbounded.series)
        for (const point of line.points) seriesOf.set(point.claimId, line.key);
      const ordered = unbounded.series.flatMap((line) => line.points).sort(newestFirst);
      expect(unbounded.totalPoints).toBe(ordered.length);
      expect(ordered.length).toBeGreaterThan(150);
      expect(ordered.some((point) => point.date === null)).toBe(true);
      // Every bound for one grouping (each cutoff day, ties with undated claims printed that day
      // included), a sample for the others.
      const bounds =
        groupBy === "SOURCE"
          ? [...Array.from({ length: ordered.length + 1 }, (_, i) => i + 1), 1_000]
          : [1, 2, 7, 40, 99, 150, ordered.length - 1, ordered.length, 1_000];
      for (const maxPoints of bounds) {
        const bounded = await series({ filter, groupBy, maxPoints });
        const expected = ordered.slice(0, maxPoints);
        expect(ids(bounded), `${groupBy}, ${maxPoints}`).toEqual(expected.map((p) => p.claimId).sort());
        expect(bounded.totalPoints).toBe(ordered.length);
        expect(bounded.truncated).toBe(maxPoints < ordered.length);
        for (const line of bounded.series) {
          // Same series as unbounded, points in the same order (oldest first) with the same fields.
          const full = unbounded.series.find((other) => other.key === line.key)!;
          const kept = new Set(line.points.map((p) => p.claimId));
          expect(line.points).toEqual(full.points.filter((p) => kept.has(p.claimId)));
          for (const point of line.points) expect(seriesOf.get(point.claimId)).toBe(line.key);
        }
        // Largest series first.
        const sizes = bounded.series.map((line) => line.points.length);
        expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
        expect(bounded.latestBySource).toEqual(unbounded.latestBySource);
      }
    }
  });

  it("ranks an undated claim first printed on the cutoff day with the claims stated that day", async () => {
    const subject = await prisma.entity.create({
      data: { type: "group", name: "Tie force", normalizedName: "tie force" },
    });
    const claim = (statedOn: string | null) =>
      prisma.claim.create({
        data: {
          metric: "deployed",
          subject: "tie troops",
          subjectEntityId: subject.id,
          valueBest: 100,
          qualifier: "exact",
          statedOn: statedOn ? new Date(statedOn) : null,
          statedOnPrecision: statedOn ? "day" : "unknown",
        },
      });
    const older = await claim("2024-10-20");
    const stated = await claim("2024-10-29");
    const printed = await claim(null);
    // Printed on the day the other was stated; a larger id, so it ranks first among that day's claims.
    await prisma.appearance.create({
      data: {
        claimId: printed.id,
        articleId: corpus.articles[0]!,
        start: 0,
        end: 3,
        quote: "The",
        prefix: "",
        suffix: "",
      },
    });
    const filter = { subjectEntity: globalId("Entity", subject.id) };
    const newest = async (maxPoints: number) =>
      (await series({ filter, maxPoints })).series.flatMap((line) =>
        line.points.map((p) => [p.claimId, p.date]),
      );
    expect(await newest(1)).toEqual([[globalId("Claim", printed.id), "2024-10-29"]]);
    expect((await newest(2)).map(([id]) => id).sort()).toEqual(
      [globalId("Claim", printed.id), globalId("Claim", stated.id)].sort(),
    );
    expect((await newest(3)).map(([id]) => id)).toContain(globalId("Claim", older.id));
  });

  it("looks up the latest figure of the sources a window left out, each over all its claims", async () => {
    // What a window of the newest claims leaves out is looked up in SQL; here, for any set of sources.
    const filter = { subjectEntity: generatedSubject };
    const { latestBySource } = await series({ filter });
    const expected = new Map(
      latestBySource.map((line) => [
        line.key === "unattributed" ? null : claimNumber(line.key),
        line.points[0]!,
      ]),
    );
    expect(expected.size).toBe(7);
    // Some latest figures are undated claims, dated by their first printing.
    expect([...expected.values()].filter((point) => point.best === 77)).toHaveLength(2);
    const sources = [...expected.keys()].filter((id): id is number => id !== null);
    for (const [present, skipUnattributed] of [
      [[], false],
      [sources.slice(0, 3), true],
      [sources.slice(2), false],
      [sources, true],
    ] as [number[], boolean][]) {
      const found = await latestPointsExcept(
        prisma,
        { subjectEntityId: claimNumber(generatedSubject) },
        present,
        skipUnattributed,
      );
      const wanted = [...expected].filter(([source]) =>
        source === null ? !skipUnattributed : !present.includes(source),
      );
      expect(
        found
          .map(({ sourceId, point }) => [sourceId, globalId("Claim", point[0]), point[1], point[2]])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ).toEqual(
        wanted
          .map(([source, point]) => [source, point.claimId, point.date, point.precision.toLowerCase()])
          .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
    }
  });

  it("never plots deleted or rejected claims, and applies the filter before ranking", async () => {
    const rejected = await prisma.claim.findMany({
      where: {
        subjectEntityId: claimNumber(generatedSubject),
        OR: [{ reviewStatus: "rejected" }, { deletedAt: { not: null } }],
      },
      select: { id: true },
    });
    expect(rejected.length).toBeGreaterThan(0);
    const bounded = await series({ filter: { subjectEntity: generatedSubject }, maxPoints: 1_000 });
    for (const claim of rejected) expect(ids(bounded)).not.toContain(globalId("Claim", claim.id));
    const killed = await series({
      filter: { subjectEntity: generatedSubject, metric: ["KILLED"], reviewStatus: ["DISPUTED"] },
      maxPoints: 3,
    });
    const expected = await prisma.claim.count({
      where: {
        subjectEntityId: claimNumber(generatedSubject),
        metric: "killed",
        reviewStatus: "disputed",
        deletedAt: null,
      },
    });
    expect(killed.totalPoints).toBe(expected);
    expect(killed.series.flatMap((line) => line.points)).toHaveLength(Math.min(3, expected));
    for (const point of killed.series.flatMap((line) => line.points))
      expect(point.reviewStatus).toBe("DISPUTED");
  });

  it("refuses a bound outside 1 to 50,000 with a clear message", async () => {
    for (const maxPoints of [0, -5, 50_001]) {
      const result = await query(SERIES, { maxPoints });
      expect(result.data).toBeNull();
      expect(result.errors?.[0]?.message).toMatch(/maxPoints must be between 1 and 50000/);
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
  });

  it("ranks, groups and counts in two statements, side by side", async () => {
    statements.length = 0;
    const result = await query(
      `{ claimSeries(maxPoints: 3) { totalPoints truncated series { key points { claimId best } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(statements).toHaveLength(2);
    expect(statements.some((sql) => /(string|json)_agg/.test(sql))).toBe(true);
    expect(statements.some((sql) => /count\(\*\)/.test(sql) && !/(string|json)_agg/.test(sql))).toBe(true);
  });
});
