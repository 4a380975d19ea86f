/**
 * GraphQL over HTTP against the best hand-written SQL through `pg` returning the same rows, side by side in
 * one run (requests alternate, so both see the same machine load):
 *
 *   1. claimSeries: one metric over all time, grouped by source, as the overview asks for it;
 *   2. the claims page: claims(first: 50) filtered by metric and side (plus the review statuses the
 *      dashboard always sends), sorted by value, with totalCount, sources, places and evidence.
 *
 *   npx tsx bench/api.bench.ts [--data-dir /tmp/hc-bench-1m] [--port 54339] [--requests 50] [--warmup 5]
 *
 * The API is the real one (createApi + createHttpServer, production mode) in a child process on a free
 * port; the database is a `npm run bench:data` corpus. Both answers are checked equal once before timing.
 * Prints one JSON object (bench/run.ts reads it).
 */
import { isDeepStrictEqual } from "node:util";
import { displayClaimValue, type Qualifier, type Rate } from "@headcount/shared";
import pg from "pg";
import {
  databaseIdOf,
  globalId,
  graphql,
  median,
  openBenchDatabase,
  quantile,
  requestBenchFlags,
  startApiProcess,
} from "./lib.ts";
import {
  CLAIM_LIST_QUERY,
  type ClaimListResult,
  DEFAULT_STATUSES,
  SERIES_QUERY,
  type SeriesResult,
} from "./queries.ts";

const { flags, dataDir, port, requests, warmup } = requestBenchFlags(process.argv.slice(2));
/** claimSeries over a metric's whole history takes seconds at a million claims: fewer pairs for it. */
const seriesRequests = Number(flags.get("series-requests") ?? requests);
const METRIC = "killed";
const SIDE = "Russia";

/** The series as plain rows: [source id, name, affiliation id, affiliation name, points]. */
type SeriesRows = [number | null, string | null, number | null, string | null, unknown[][]][];

const SERIES_SQL = `
  select c."sourceId" as "entityId", s.name, s."affiliationId", af.name as "affiliationName",
    json_agg(json_build_array(c.id, to_char(d.date, 'YYYY-MM-DD'), d.precision, c.qualifier,
                              c."valueLow", c."valueHigh", c."valueBest")
             order by d.date asc nulls last, c.id asc) as points
  from "Claim" c
  left join "Entity" s on s.id = c."sourceId"
  left join "Entity" af on af.id = s."affiliationId"
  left join lateral (
    select art."publishedAt", art."publishedPrecision"
    from "Appearance" ap join "Article" art on art.id = ap."articleId"
    where c."statedOn" is null and ap."claimId" = c.id
    order by art."publishedAt" asc nulls last, ap.id asc
    limit 1
  ) fp on true
  cross join lateral (
    select coalesce(c."statedOn", fp."publishedAt") as date,
           case when c."statedOn" is not null then c."statedOnPrecision"
                when fp."publishedAt" is not null then fp."publishedPrecision"
                else 'unknown'::"Precision" end as precision
  ) d
  where c."deletedAt" is null and c."reviewStatus" <> 'rejected'
    and c.metric = any($1::"Metric"[]) and c."reviewStatus" = any($2::"ReviewStatus"[])
  group by c."sourceId", s.name, s."affiliationId", af.name
  order by count(*) desc, s.name asc nulls last`;

const CLAIMS_WHERE = `c."deletedAt" is null and c.metric = any($1::"Metric"[])
    and c."reviewStatus" = any($2::"ReviewStatus"[]) and s."affiliationId" = $3`;
const CLAIMS_ORDER = `"valueBest" desc nulls last, "valueHigh" desc nulls last, id desc`;
const CLAIMS_SQL = `
  with page as (
    select c.* from "Claim" c join "Entity" s on s.id = c."sourceId"
    where ${CLAIMS_WHERE}
    order by c.${CLAIMS_ORDER.replace(/, /g, ", c.")}
    limit $4
  )
  select p.id, p.metric, p.subject, p.qualifier, p.hedge, p.rate, p."valueLow", p."valueHigh", p."valueBest",
    to_char(p."statedOn", 'YYYY-MM-DD') as "statedOn", p."statedOnPrecision", p."reviewStatus", p.confidence,
    p."updatedAt", s.id as "sourceId", s.name as "sourceName", af.id as "affiliationId",
    af.name as "affiliationName", loc.id as "locationId", loc.name as "locationName",
    (select coalesce(json_agg(json_build_array(ap.quote, art.id, art.title, art.url, o.id, o.name)
                              order by art."publishedAt" asc nulls last, ap.id asc), '[]'::json)
       from "Appearance" ap join "Article" art on art.id = ap."articleId"
       left join "Entity" o on o.id = art."outletId"
       where ap."claimId" = p.id) as appearances,
    (select count(*)::int from "Claim" c join "Entity" s on s.id = c."sourceId" where ${CLAIMS_WHERE})
      as "totalCount"
  from page p
  left join "Entity" s on s.id = p."sourceId"
  left join "Entity" af on af.id = s."affiliationId"
  left join "Entity" loc on loc.id = p."locationId"
  order by p.${CLAIMS_ORDER.replace(/, /g, ", p.")}`;

interface Timing {
  p50: number;
  p95: number;
  min: number;
  max: number;
}
const timing = (values: number[]): Timing => ({
  p50: round(median(values)),
  p95: round(quantile(values, 0.95)),
  min: round(Math.min(...values)),
  max: round(Math.max(...values)),
});
const round = (value: number) => Math.round(value * 100) / 100;

async function timed(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

/** Both sides alternately (which goes first alternates too); warm-up requests are not counted. */
async function sideBySide(
  graphqlRun: () => Promise<unknown>,
  sqlRun: () => Promise<unknown>,
  pairs: number,
  warm: number,
) {
  const gql: number[] = [];
  const sql: number[] = [];
  for (let i = 0; i < warm + pairs; i++) {
    const pair =
      i % 2 === 0
        ? [await timed(graphqlRun), await timed(sqlRun)]
        : [await timed(sqlRun), await timed(graphqlRun)].reverse();
    if (i >= warm) {
      gql.push(pair[0] as number);
      sql.push(pair[1] as number);
    }
  }
  const g = timing(gql);
  const s = timing(sql);
  return { graphql: g, sql: s, ratioP50: round(g.p50 / s.p50) };
}

const db = await openBenchDatabase(dataDir, port);
const pool = new pg.Pool({ connectionString: db.url, max: 2 });
// Without the read cache: these requests repeat, and the comparison is of computing the answer.
const api = await startApiProcess(db.url, { readCache: false });
try {
  const { rows: counts } = await pool.query(
    `select (select count(*)::int from "Claim") as claims, (select count(*)::int from "Article") as articles,
            (select id from "Entity" where name = $1 and type = 'place' order by id limit 1) as side`,
    [SIDE],
  );
  const { claims, articles, side } = counts[0] as { claims: number; articles: number; side: number };

  // 1. claimSeries
  const seriesVariables = {
    filter: { metric: [METRIC.toUpperCase()], reviewStatus: DEFAULT_STATUSES },
    groupBy: "SOURCE",
  };
  const seriesParams = [[METRIC], DEFAULT_STATUSES.map((s) => s.toLowerCase())];
  const seriesGraphql = () => graphql<SeriesResult>(api.url, SERIES_QUERY, seriesVariables);
  const seriesSql = async (): Promise<SeriesRows> => {
    const { rows } = await pool.query(SERIES_SQL, seriesParams);
    return rows.map((r) => [r.entityId, r.name, r.affiliationId, r.affiliationName, r.points]);
  };
  const fromGraphql: SeriesRows = (await seriesGraphql()).claimSeries.series.map((s) => [
    s.entity ? databaseIdOf(s.entity.id) : null,
    s.entity?.name ?? null,
    s.entity?.affiliation ? databaseIdOf(s.entity.affiliation.id) : null,
    s.entity?.affiliation?.name ?? null,
    s.points.map((p) => [
      databaseIdOf(p.claimId),
      p.date,
      p.precision.toLowerCase(),
      p.qualifier.toLowerCase(),
      p.low,
      p.high,
      p.best,
    ]),
  ]);
  const fromSql = await seriesSql();
  if (!isDeepStrictEqual(fromGraphql, fromSql))
    throw new Error("claimSeries: GraphQL and SQL answers differ");
  const points = fromSql.reduce((sum, s) => sum + s[4].length, 0);
  const seriesBytes = JSON.stringify(await seriesGraphql()).length;
  const series = await sideBySide(seriesGraphql, seriesSql, seriesRequests, Math.min(warmup, 2));

  // 2. the claims page
  const claimsVariables = {
    filter: {
      metric: [METRIC.toUpperCase()],
      sourceAffiliation: globalId("Entity", side),
      reviewStatus: DEFAULT_STATUSES,
    },
    orderBy: "VALUE",
    direction: "DESC",
    first: 50,
  };
  const claimsGraphql = () => graphql<ClaimListResult>(api.url, CLAIM_LIST_QUERY, claimsVariables);
  const claimsSql = async () => {
    const { rows } = await pool.query(CLAIMS_SQL, [...seriesParams, side, 51]);
    return {
      totalCount: (rows[0]?.totalCount as number) ?? 0,
      hasNextPage: rows.length > 50,
      rows: rows.slice(0, 50).map((r) => [
        r.id,
        displayClaimValue({
          valueLow: r.valueLow,
          valueHigh: r.valueHigh,
          valueBest: r.valueBest,
          qualifier: r.qualifier as Qualifier,
          rate: r.rate as Rate,
          hedge: r.hedge,
        }),
        r.metric,
        r.subject,
        r.valueBest,
        r.statedOn,
        r.confidence,
        (r.updatedAt as Date).toISOString(),
        r.sourceName,
        r.affiliationName,
        r.locationName,
        (r.appearances as unknown[][]).map(([quote, articleId, title, url, , outletName]) => [
          quote,
          articleId,
          title,
          url,
          outletName ?? null,
        ]),
      ]),
    };
  };
  const page = (await claimsGraphql()).claims;
  const pageFromGraphql = {
    totalCount: page.totalCount,
    hasNextPage: page.pageInfo.hasNextPage,
    rows: page.edges.map(({ node: n }) => [
      databaseIdOf(n.id),
      n.display,
      n.metric.toLowerCase(),
      n.subject,
      n.valueBest,
      n.statedOn,
      n.confidence,
      n.updatedAt,
      n.source?.name ?? null,
      n.source?.affiliation?.name ?? null,
      n.location?.name ?? null,
      n.appearances.edges.map(({ node: a }) => [
        a.quote,
        databaseIdOf(a.article.id),
        a.article.title,
        a.article.url,
        a.article.outlet?.name ?? null,
      ]),
    ]),
  };
  const pageFromSql = await claimsSql();
  if (!isDeepStrictEqual(pageFromGraphql, pageFromSql)) {
    console.error(JSON.stringify(pageFromGraphql).slice(0, 600));
    console.error(JSON.stringify(pageFromSql).slice(0, 600));
    throw new Error("claims page: GraphQL and SQL answers differ");
  }
  const claimsPage = await sideBySide(claimsGraphql, claimsSql, requests, warmup);

  console.log(
    JSON.stringify(
      {
        corpus: { claims, articles },
        requests,
        seriesRequests,
        warmup,
        series: { metric: METRIC, series: fromSql.length, points, responseBytes: seriesBytes, ...series },
        claimsPage: { metric: METRIC, side: SIDE, totalCount: pageFromSql.totalCount, ...claimsPage },
      },
      null,
      2,
    ),
  );
} finally {
  await api.stop();
  await pool.end();
  await db.stop();
}
