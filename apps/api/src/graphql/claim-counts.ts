import DataLoader from "dataloader";
import type { Context } from "./context.ts";

/**
 * How many live claims each entity made (as source) or is the subject or place of, for a whole page of
 * entities in one statement per kind. Prisma's relation `_count` aggregates the claims of every entity
 * before keeping the page's; these count only the page's entities, through the source, subject and
 * location indexes (docs/performance.md).
 */
export interface ClaimCounts {
  made: DataLoader<number, number>;
  about: DataLoader<number, number>;
}

const perRequest = new WeakMap<Context, ClaimCounts>();

export function claimCounts(context: Context): ClaimCounts {
  let counts = perRequest.get(context);
  if (!counts) {
    const { prisma } = context;
    const load = (rows: Promise<{ id: number; n: number }[]>, ids: readonly number[]) =>
      rows.then((found) => {
        const byId = new Map(found.map((row) => [row.id, row.n]));
        return ids.map((id) => byId.get(id) ?? 0);
      });
    counts = {
      made: new DataLoader((ids) =>
        load(
          prisma.$queryRaw`
            select c."sourceId" as id, count(*)::int as n
            from "Claim" c
            where c."deletedAt" is null and c."sourceId" = any(${[...ids]}::int[])
            group by c."sourceId"`,
          ids,
        ),
      ),
      about: new DataLoader((ids) =>
        load(
          prisma.$queryRaw`
            select e.id, (select count(*)::int from "Claim" c
                          where c."deletedAt" is null
                            and (c."subjectEntityId" = e.id or c."locationId" = e.id)) as n
            from unnest(${[...ids]}::int[]) as e(id)`,
          ids,
        ),
      ),
    };
    perRequest.set(context, counts);
  }
  return counts;
}
