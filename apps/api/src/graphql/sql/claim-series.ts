import type { Metric, Precision, Qualifier, Rate, ReviewStatus } from "@headcount/shared";
import type { PrismaClient } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { type ClaimFilter, claimCondition } from "./claim-filter.ts";

export type SeriesGrouping = "SOURCE" | "AFFILIATION" | "OUTLET" | "METRIC";

/**
 * One plotted claim: [claim id, date (YYYY-MM-DD or null), precision, low, high, best, qualifier, rate,
 * review status, hedge].
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
];

export interface SeriesRow {
  entityId: number | null;
  entityName: string | null;
  metric: Metric | null;
  points: PointTuple[];
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

/**
 * The chart's data in one statement: filters, the first printing of each claim (for undated claims and
 * the OUTLET grouping), grouping and the ordering of points all happen in PostgreSQL; JavaScript only
 * reads the rows. Deleted and rejected claims are never plotted. A claim's date is when it was stated,
 * or else when it was first printed.
 */
export function claimSeriesRows(
  prisma: PrismaClient,
  filter: ClaimFilter,
  groupBy: SeriesGrouping,
): Promise<SeriesRow[]> {
  const groupMetric = groupBy === "METRIC" ? Prisma.sql`c.metric` : Prisma.sql`null::"Metric"`;
  return prisma.$queryRaw<SeriesRow[]>`
    with plotted as (
      select
        c.id,
        ${GROUP_ENTITY[groupBy]} as "entityId",
        ${groupMetric} as metric,
        coalesce(c."statedOn", first_print."publishedAt") as date,
        case when c."statedOn" is not null then c."statedOnPrecision"
             when first_print."publishedAt" is not null then first_print."publishedPrecision"
             else 'unknown'::"Precision" end as precision,
        c."valueLow", c."valueHigh", c."valueBest", c.qualifier, c.rate, c."reviewStatus", c.hedge
      from "Claim" c
      left join "Entity" s on s.id = c."sourceId"
      left join lateral (
        select art."outletId", art."publishedAt", art."publishedPrecision"
        from "Appearance" ap join "Article" art on art.id = ap."articleId"
        where ${FIRST_PRINT_NEEDED[groupBy]} and ap."claimId" = c.id
        order by art."publishedAt" asc nulls last, ap.id asc
        limit 1
      ) first_print on true
      where c."reviewStatus" <> 'rejected' and ${claimCondition({ ...filter, includeDeleted: false })}
    )
    select
      p."entityId",
      e.name as "entityName",
      p.metric,
      json_agg(
        json_build_array(p.id, to_char(p.date, 'YYYY-MM-DD'), p.precision, p."valueLow", p."valueHigh",
                         p."valueBest", p.qualifier, p.rate, p."reviewStatus", p.hedge)
        order by p.date asc nulls last, p.id asc
      ) as points
    from plotted p
    left join "Entity" e on e.id = p."entityId"
    group by p."entityId", e.name, p.metric
    order by count(*) desc, coalesce(e.name, p.metric::text) asc nulls last`;
}
