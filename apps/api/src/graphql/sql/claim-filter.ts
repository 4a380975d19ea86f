import type { Metric, Origin, Qualifier, Rate, ReviewStatus } from "@headcount/shared";
import type { PrismaClient } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { proseQuery, quoteDocument } from "./text-search.ts";

/** The claim filter of the API, with global IDs already decoded to database ids. */
export interface ClaimFilter {
  metric?: Metric[] | null;
  subjectEntityId?: number | null;
  sourceId?: number | null;
  sourceAffiliationId?: number | null;
  locationId?: number | null;
  statedFrom?: Date | null;
  statedTo?: Date | null;
  reviewStatus?: ReviewStatus[] | null;
  qualifier?: Qualifier[] | null;
  rate?: Rate[] | null;
  origin?: Origin | null;
  search?: string | null;
  includeDeleted?: boolean | null;
}

const present = <T>(value: T | null | undefined): value is T => value !== null && value !== undefined;

/**
 * The filter for Prisma queries. A text search is resolved first to the ids of claims whose quotes match
 * (one statement, through the quote index), because Prisma cannot express `@@`.
 */
export async function claimWhere(
  prisma: PrismaClient | Prisma.TransactionClient,
  filter: ClaimFilter | null | undefined,
): Promise<Prisma.ClaimWhereInput> {
  const where: Prisma.ClaimWhereInput = {};
  if (!filter?.includeDeleted) where.deletedAt = null;
  if (!filter) return where;
  if (filter.metric?.length) where.metric = { in: filter.metric };
  if (present(filter.subjectEntityId)) where.subjectEntityId = filter.subjectEntityId;
  if (present(filter.sourceId)) where.sourceId = filter.sourceId;
  if (present(filter.sourceAffiliationId)) where.source = { affiliationId: filter.sourceAffiliationId };
  if (present(filter.locationId)) where.locationId = filter.locationId;
  if (present(filter.statedFrom) || present(filter.statedTo)) {
    where.statedOn = {
      ...(present(filter.statedFrom) ? { gte: filter.statedFrom } : {}),
      ...(present(filter.statedTo) ? { lte: filter.statedTo } : {}),
    };
  }
  if (filter.reviewStatus?.length) where.reviewStatus = { in: filter.reviewStatus };
  if (filter.qualifier?.length) where.qualifier = { in: filter.qualifier };
  if (filter.rate?.length) where.rate = { in: filter.rate };
  if (present(filter.origin)) where.origin = filter.origin;
  if (filter.search?.trim()) {
    const rows = await prisma.$queryRaw<{ claimId: number }[]>`
      select distinct ap."claimId" from "Appearance" ap
      where ${quoteDocument} @@ ${proseQuery(filter.search)}`;
    where.id = { in: rows.map((row) => row.claimId) };
  }
  return where;
}

/**
 * The join claimCondition needs (the source entity as `s`), or nothing when the filter does not look at the
 * source's affiliation: even a join PostgreSQL removes keeps `c."sourceId"` among the columns the plan
 * needs, which rules out an index-only scan of an index without it.
 */
export function sourceJoin(filter: ClaimFilter | null | undefined): Prisma.Sql {
  return present(filter?.sourceAffiliationId)
    ? Prisma.sql`left join "Entity" s on s.id = c."sourceId"`
    : Prisma.empty;
}

/**
 * The same filter as a SQL condition on `"Claim" c` (with the source entity joined as `s`, see sourceJoin),
 * for statements that aggregate in the database. Every value is a bound parameter.
 */
export function claimCondition(filter: ClaimFilter | null | undefined): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (!filter?.includeDeleted) conditions.push(Prisma.sql`c."deletedAt" is null`);
  // One metric is written as an equality: then an index led by the metric (claim_metric_value_idx) hands
  // the rows over in the page's order and the LIMIT stops the scan early; `= any(array)` makes the
  // planner read every matching row and sort them.
  if (filter?.metric?.length === 1) conditions.push(Prisma.sql`c.metric = ${filter.metric[0]}::"Metric"`);
  else if (filter?.metric?.length) conditions.push(Prisma.sql`c.metric = any(${filter.metric}::"Metric"[])`);
  if (present(filter?.subjectEntityId))
    conditions.push(Prisma.sql`c."subjectEntityId" = ${filter.subjectEntityId}`);
  if (present(filter?.sourceId)) conditions.push(Prisma.sql`c."sourceId" = ${filter.sourceId}`);
  if (present(filter?.sourceAffiliationId))
    conditions.push(Prisma.sql`s."affiliationId" = ${filter.sourceAffiliationId}`);
  if (present(filter?.locationId)) conditions.push(Prisma.sql`c."locationId" = ${filter.locationId}`);
  if (present(filter?.statedFrom)) conditions.push(Prisma.sql`c."statedOn" >= ${filter.statedFrom}::date`);
  if (present(filter?.statedTo)) conditions.push(Prisma.sql`c."statedOn" <= ${filter.statedTo}::date`);
  if (filter?.reviewStatus?.length)
    conditions.push(Prisma.sql`c."reviewStatus" = any(${filter.reviewStatus}::"ReviewStatus"[])`);
  if (filter?.qualifier?.length)
    conditions.push(Prisma.sql`c.qualifier = any(${filter.qualifier}::"Qualifier"[])`);
  if (filter?.rate?.length) conditions.push(Prisma.sql`c.rate = any(${filter.rate}::"Rate"[])`);
  if (present(filter?.origin)) conditions.push(Prisma.sql`c.origin = ${filter.origin}::"Origin"`);
  if (filter?.search?.trim()) {
    conditions.push(Prisma.sql`exists (
      select 1 from "Appearance" ap
      where ap."claimId" = c.id and ${quoteDocument} @@ ${proseQuery(filter.search)})`);
  }
  return conditions.length > 0 ? Prisma.join(conditions, " and ") : Prisma.sql`true`;
}
