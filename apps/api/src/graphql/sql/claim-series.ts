import type { Metric, Precision, Qualifier, Rate, ReviewStatus } from "@headcount/shared";
import { type PrismaClient, queryRows } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { type ClaimFilter, claimCondition, sourceJoin } from "./claim-filter.ts";
import { displayClaimSql } from "./raw-tables.ts";

export type SeriesGrouping = "SOURCE" | "AFFILIATION" | "OUTLET" | "METRIC";

/**
 * One plotted claim: [claim id, date (YYYY-MM-DD or null), precision, low, high, best, qualifier, rate,
 * review status, hedge, source id, metric, subject entity id, additional, refers from, refers to].
 */
export type PointTuple = [
  number,
  string | null,
  Precision,
  number | null,
  number | null,
  number | null,
  Qualifier,
  Rate,
  ReviewStatus,
  string | null,
  number | null,
  Metric,
  number | null,
  boolean,
  string | null,
  string | null,
];

export interface SeriesRow {
  entityId: number | null;
  entityName: string | null;
  metric: Metric | null;
  /** The points as tuples, or null when they came as JSON text in a point shape (`pointsJson`). */
  points: PointTuple[] | null;
  /** The points as the JSON text of the GraphQL list, when a point shape was given. */
  pointsJson: string | null;
  pointCount: number;
}

/** The fields of a `ClaimPoint` that PostgreSQL can write itself (every field of the type). */
export const POINT_FIELDS = [
  "__typename",
  "claimId",
  "date",
  "precision",
  "low",
  "high",
  "best",
  "qualifier",
  "rate",
  "reviewStatus",
  "metric",
  "subjectEntity",
  "additional",
  "refersFrom",
  "refersTo",
  "display",
] as const;
export type PointField = (typeof POINT_FIELDS)[number];

/** A selection of `ClaimPoint` fields: each response key (an alias or the field's name), in order. */
export type PointShape = { key: string; field: PointField }[];

/** A JSON string of a text that needs no escaping (enum values, dates, base64). */
const quoted = (text: Prisma.Sql) => Prisma.sql`('"' || ${text} || '"')`;
const nullable = (json: Prisma.Sql) => Prisma.sql`coalesce(${json}, 'null')`;
/** A relay global ID (base64 of `Type:id`, as ids.ts encodes it). */
const globalIdSql = (type: string, id: Prisma.Sql) =>
  quoted(
    Prisma.sql`translate(encode(convert_to(${`${type}:`}::text || ${id}, 'UTF8'), 'base64'), E'\n', '')`,
  );
const day = (date: Prisma.Sql) => nullable(quoted(Prisma.sql`to_char(${date}, 'YYYY-MM-DD')`));
const upperEnum = (value: Prisma.Sql) => quoted(Prisma.sql`upper(${value}::text)`);

/** Each point field's JSON value, as text, over the columns of `plotted p`. */
const POINT_JSON: Record<PointField, () => Prisma.Sql> = {
  __typename: () => Prisma.sql`'"ClaimPoint"'`,
  claimId: () => globalIdSql("Claim", Prisma.sql`p.id`),
  date: () => day(Prisma.sql`p.date`),
  precision: () => upperEnum(Prisma.sql`p.precision`),
  low: () => nullable(Prisma.sql`p."valueLow"::text`),
  high: () => nullable(Prisma.sql`p."valueHigh"::text`),
  best: () => nullable(Prisma.sql`p."valueBest"::text`),
  qualifier: () => upperEnum(Prisma.sql`p.qualifier`),
  rate: () => upperEnum(Prisma.sql`p.rate`),
  reviewStatus: () => upperEnum(Prisma.sql`p."reviewStatus"`),
  metric: () => upperEnum(Prisma.sql`p."claimMetric"`),
  subjectEntity: () => nullable(globalIdSql("Entity", Prisma.sql`p."subjectEntityId"`)),
  additional: () => Prisma.sql`case when p.additional then 'true' else 'false' end`,
  refersFrom: () => day(Prisma.sql`p."refersFrom"`),
  refersTo: () => day(Prisma.sql`p."refersTo"`),
  display: () => Prisma.sql`to_json(${Prisma.raw(displayClaimSql("p"))})::text`,
};

/** One point as the JSON object of its GraphQL selection (keys are GraphQL names: no escaping needed). */
function pointObjectSql(shape: PointShape): Prisma.Sql {
  const parts = shape.map(({ key, field }, i) => {
    if (!/^[_A-Za-z][_0-9A-Za-z]*$/.test(key)) throw new Error(`not a GraphQL name: ${key}`);
    return Prisma.sql`${Prisma.raw(`'${i === 0 ? "{" : ","}"${key}":'`)} || ${POINT_JSON[field]()}`;
  });
  return Prisma.sql`(${Prisma.join(parts, " || ")} || '}')`;
}

/*
 * What a series is keyed by. Fixed fragments chosen by the enum, never text from the request.
 * A source with no affiliation that is itself a place (a country speaking) stands for its own side.
 */
const GROUP_ENTITY: Record<SeriesGrouping, Prisma.Sql> = {
  SOURCE: Prisma.sql`c."sourceId"`,
  AFFILIATION: Prisma.sql`coalesce(s."affiliationId", case when s.type = 'place' then s.id end)`,
  OUTLET: Prisma.sql`first_print."outletId"`,
  METRIC: Prisma.sql`null::int`,
};

/**
 * When the first printing must be looked up: always to group by outlet, else only for a claim with no date
 * of its own (the lookup is a one-time filter of the lateral subquery, so a dated claim costs no index
 * probe; over all claims of a metric that was most of the statement's time, see docs/performance.md).
 */
const FIRST_PRINT_NEEDED: Record<SeriesGrouping, Prisma.Sql> = {
  SOURCE: Prisma.sql`c."statedOn" is null`,
  AFFILIATION: Prisma.sql`c."statedOn" is null`,
  OUTLET: Prisma.sql`true`,
  METRIC: Prisma.sql`c."statedOn" is null`,
};

/** The most points a bounded request may ask for (`claimSeries(maxPoints:)`). */
export const MAX_SERIES_POINTS = 50_000;

/** The condition every plotted claim meets: the filter, never deleted, never rejected. */
function plottedCondition(filter: ClaimFilter): Prisma.Sql {
  return Prisma.sql`c."reviewStatus" <> 'rejected' and ${claimCondition({ ...filter, includeDeleted: false })}`;
}

/**
 * The ids of the newest `maxPoints` plotted claims, as CTEs ending in `chosen(id)`: ranked over the whole
 * filtered set by the chart's date (when stated, else when first printed), newest first, ties by id.
 *
 * Claims with a date of their own come in that order from an index (`claim_stated_live_idx`, or
 * `claim_metric_stated_idx` for one metric), so only the first `maxPoints` are read. A claim without one
 * is dated by its first printing, which no index orders; but it can only enter the window when it was
 * first printed on or after the oldest day of those dated claims (the cutoff), so only claims printed
 * in articles since then are looked at (through the index on the articles' dates). When fewer than
 * `maxPoints` claims have a date of their own there is no cutoff and every undated claim is a candidate.
 */
function newestClaims(where: Prisma.Sql, maxPoints: number): Prisma.Sql {
  return Prisma.sql`
    dated as (
      select c.id, c."statedOn" as date
      from "Claim" c
      left join "Entity" s on s.id = c."sourceId"
      where c."statedOn" is not null and ${where}
      order by c."statedOn" desc nulls last, c.id desc
      limit ${maxPoints}
    ),
    cutoff as (
      select case when count(*) = ${maxPoints} then min(date) end as day from dated
    ),
    undated as (
      select c.id
      from "Claim" c
      left join "Entity" s on s.id = c."sourceId"
      where (select day from cutoff) is null and c."statedOn" is null and ${where}
      union
      select c.id
      from "Article" art
      join "Appearance" ap on ap."articleId" = art.id
      join "Claim" c on c.id = ap."claimId"
      left join "Entity" s on s.id = c."sourceId"
      -- The upper bound (the newest article) changes no result; with both bounds unknown when planning,
      -- PostgreSQL estimates a narrow range and walks the articles' date index instead of hashing every
      -- appearance.
      where art."publishedAt" >= (select day from cutoff)
        and art."publishedAt" <= (select max(latest."publishedAt") from "Article" latest)
        and c."statedOn" is null and ${where}
    ),
    undated_dated as (
      select u.id, first_print."publishedAt" as date
      from undated u
      left join lateral (
        select art."publishedAt"
        from "Appearance" ap join "Article" art on art.id = ap."articleId"
        where ap."claimId" = u.id
        order by art."publishedAt" asc nulls last, ap.id asc
        limit 1
      ) first_print on true
    ),
    chosen as (
      select id from (select id, date from dated union all select id, date from undated_dated) candidates
      order by date desc nulls last, id desc
      limit ${maxPoints}
    ),`;
}

/**
 * The chart's data in one statement: filters, the first printing of each claim (for undated claims and
 * the OUTLET grouping), grouping and the ordering of points all happen in PostgreSQL; JavaScript only
 * reads the rows. Deleted and rejected claims are never plotted. A claim's date is when it was stated,
 * or else when it was first printed.
 *
 * With `maxPoints`, only the newest that many claims of the whole filtered set are plotted (see
 * newestClaims), grouped after ranking; series with none of them are left out.
 */
export async function claimSeriesRows(
  prisma: PrismaClient,
  filter: ClaimFilter,
  groupBy: SeriesGrouping,
  maxPoints?: number | null,
  shape?: PointShape | null,
): Promise<SeriesRow[]> {
  const groupMetric = groupBy === "METRIC" ? Prisma.sql`c.metric` : Prisma.sql`null::"Metric"`;
  const where = plottedCondition(filter);
  const bounded = maxPoints !== null && maxPoints !== undefined;
  // Each series' points come as JSON text, parsed here once: as a json column they were parsed by the
  // driver and then walked value by value by Prisma's result mapping, about 10 % of a request's CPU for
  // a metric's 84,653 points (docs/performance.md, section 10).
  // With a point shape, PostgreSQL writes each series' points as the JSON of the GraphQL list itself,
  // which the API sends on as it is (graphql/raw-json.ts).
  const pointsSql = shape
    ? Prisma.sql`'[' || string_agg(${pointObjectSql(shape)}, ',' order by p.date asc nulls last, p.id asc) || ']'`
    : Prisma.sql`json_agg(
        json_build_array(p.id, to_char(p.date, 'YYYY-MM-DD'), p.precision, p."valueLow", p."valueHigh",
                         p."valueBest", p.qualifier, p.rate, p."reviewStatus", p.hedge, p."sourceId",
                         p."claimMetric", p."subjectEntityId", p.additional,
                         to_char(p."refersFrom", 'YYYY-MM-DD'), to_char(p."refersTo", 'YYYY-MM-DD'))
        order by p.date asc nulls last, p.id asc
      )::text`;
  const rows = await queryRows<
    Pick<SeriesRow, "entityId" | "entityName" | "metric" | "pointCount"> & { points: string }
  >(
    prisma,
    Prisma.sql`
    with ${bounded ? newestClaims(where, maxPoints) : Prisma.empty}
    plotted as (
      select
        c.id,
        c."sourceId",
        ${GROUP_ENTITY[groupBy]} as "entityId",
        ${groupMetric} as metric,
        coalesce(c."statedOn", first_print."publishedAt") as date,
        case when c."statedOn" is not null then c."statedOnPrecision"
             when first_print."publishedAt" is not null then first_print."publishedPrecision"
             else 'unknown'::"Precision" end as precision,
        c."valueLow", c."valueHigh", c."valueBest", c.qualifier, c.rate, c."reviewStatus", c.hedge,
        c.metric as "claimMetric", c."subjectEntityId", c.additional, c."refersFrom", c."refersTo"
      from "Claim" c
      left join "Entity" s on s.id = c."sourceId"
      left join lateral (
        select art."outletId", art."publishedAt", art."publishedPrecision"
        from "Appearance" ap join "Article" art on art.id = ap."articleId"
        where ${FIRST_PRINT_NEEDED[groupBy]} and ap."claimId" = c.id
        order by art."publishedAt" asc nulls last, ap.id asc
        limit 1
      ) first_print on true
      where ${bounded ? Prisma.sql`c.id in (select id from chosen)` : where}
    )
    select
      p."entityId",
      e.name as "entityName",
      p.metric,
      count(*)::int as "pointCount",
      ${pointsSql} as points
    from plotted p
    left join "Entity" e on e.id = p."entityId"
    group by p."entityId", e.name, p.metric
    order by count(*) desc, coalesce(e.name, p.metric::text) asc nulls last`,
  );
  return rows.map(({ points, ...row }) =>
    shape
      ? { ...row, points: null, pointsJson: points }
      : { ...row, points: JSON.parse(points) as PointTuple[], pointsJson: null },
  );
}

/** How many claims the chart would plot for a filter, all of them (a bounded request's total). */
export async function plottedCount(prisma: PrismaClient, filter: ClaimFilter): Promise<number> {
  const [row] = await prisma.$queryRaw<{ total: number }[]>`
    select count(*)::int as total
    from "Claim" c
    ${sourceJoin(filter)}
    where ${plottedCondition(filter)}`;
  return row?.total ?? 0;
}

/**
 * The newest dated point of every source with plotted claims except the given ones (and of the claims
 * with no source, unless `skipUnattributed`), over the whole filtered set: for the sources that have no
 * point among a bounded request's newest claims. Per source, the newest claim with a date of its own
 * comes from the `(sourceId, statedOn)` index; its claims without one are dated by their first printing,
 * as on the chart. The cost grows with the number of entities and with the claims of the sources looked
 * at, not with the whole set.
 */
export function latestPointsExcept(
  prisma: PrismaClient,
  filter: ClaimFilter,
  skipSources: number[],
  skipUnattributed: boolean,
): Promise<{ sourceId: number | null; point: PointTuple }[]> {
  const where = plottedCondition(filter);
  const candidates = (source: Prisma.Sql) => Prisma.sql`
    (select c.id, c."statedOn" as date, c."statedOnPrecision" as precision
     from "Claim" c
     left join "Entity" s on s.id = c."sourceId"
     where ${source} and c."statedOn" is not null and ${where}
     order by c."statedOn" desc, c.id desc
     limit 1)
    union all
    (select c.id, first_print."publishedAt", first_print."publishedPrecision"
     from "Claim" c
     left join "Entity" s on s.id = c."sourceId"
     join lateral (
       select art."publishedAt", art."publishedPrecision"
       from "Appearance" ap join "Article" art on art.id = ap."articleId"
       where ap."claimId" = c.id
       order by art."publishedAt" asc nulls last, ap.id asc
       limit 1
     ) first_print on true
     where ${source} and c."statedOn" is null and first_print."publishedAt" is not null and ${where})`;
  return prisma.$queryRaw<{ sourceId: number | null; point: PointTuple }[]>`
    with latest as (
      select source.id as "sourceId", newest.id, newest.date, newest.precision
      from "Entity" source
      cross join lateral (
        select * from (${candidates(Prisma.sql`c."sourceId" = source.id`)}) candidate
        order by date desc, id desc
        limit 1
      ) newest
      where source.id <> all(${skipSources}::int[])
      union all
      select null, newest.id, newest.date, newest.precision
      from (
        select * from (${candidates(Prisma.sql`c."sourceId" is null`)}) candidate
        order by date desc, id desc
        limit 1
      ) newest
      where not ${skipUnattributed}
    )
    select
      l."sourceId",
      json_build_array(c.id, to_char(l.date, 'YYYY-MM-DD'), l.precision, c."valueLow", c."valueHigh",
                       c."valueBest", c.qualifier, c.rate, c."reviewStatus", c.hedge, c."sourceId",
                       c.metric, c."subjectEntityId", c.additional,
                       to_char(c."refersFrom", 'YYYY-MM-DD'), to_char(c."refersTo", 'YYYY-MM-DD')) as point
    from latest l
    join "Claim" c on c.id = l.id`;
}
