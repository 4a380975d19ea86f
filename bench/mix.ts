/**
 * The dashboard's read mix (bench/load.bench.ts, bench/mix-questions.ts): its five questions with
 * arguments drawn by a fixed-seed generator from the corpus' own range of ids, days and sides.
 */
import pg from "pg";
import { globalId } from "./lib.ts";
import {
  ARTICLE_QUERY,
  CLAIM_LIST_QUERY,
  CLAIM_QUERY,
  DEFAULT_STATUSES,
  ENTITIES_QUERY,
  SERIES_QUERY,
} from "./queries.ts";
import { seededRandom } from "./random.ts";

const METRICS = ["DEPLOYED", "KILLED", "WOUNDED", "CAPTURED", "MISSING", "RECRUITED"];

export interface MixArguments {
  maxClaim: number;
  maxArticle: number;
  /** The first day of the corpus' last 30. */
  from: string;
  sides: number[] | null;
}

export async function readMixArguments(databaseUrl: string): Promise<MixArguments> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  try {
    const { rows } = await pool.query(`
      select (select max(id) from "Claim") as "maxClaim", (select max(id) from "Article") as "maxArticle",
             (select to_char(max("statedOn") - 30, 'YYYY-MM-DD') from "Claim") as "from",
             (select array_agg(distinct s."affiliationId") from "Entity" s where s."affiliationId" is not null)
               as sides`);
    return rows[0] as MixArguments;
  } finally {
    await pool.end();
  }
}

/**
 * A request body maker per question: the overview chart (claimSeries of one metric, by source, over the
 * last 30 days unless `allTime`), a claims page, a claim, an article and the entity list.
 */
export function mixBodies(
  { maxClaim, maxArticle, from, sides }: MixArguments,
  allTime: boolean,
): Record<string, () => { query: string; variables: Record<string, unknown> }> {
  const next = seededRandom(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
  return {
    overview: () => ({
      query: SERIES_QUERY,
      variables: {
        filter: {
          metric: [pick(METRICS)],
          reviewStatus: DEFAULT_STATUSES,
          ...(allTime ? {} : { statedFrom: from }),
        },
        groupBy: "SOURCE",
      },
    }),
    claims: () => ({
      query: CLAIM_LIST_QUERY,
      variables: {
        filter: {
          metric: [pick(METRICS)],
          ...(sides?.length ? { sourceAffiliation: globalId("Entity", pick(sides)) } : {}),
          reviewStatus: DEFAULT_STATUSES,
        },
        orderBy: "VALUE",
        direction: "DESC",
        first: 50,
      },
    }),
    claim: () => ({
      query: CLAIM_QUERY,
      variables: { id: globalId("Claim", 1 + Math.floor(next() * maxClaim)) },
    }),
    article: () => ({
      query: ARTICLE_QUERY,
      variables: { id: globalId("Article", 1 + Math.floor(next() * maxArticle)) },
    }),
    entities: () => ({ query: ENTITIES_QUERY, variables: { first: 50 } }),
  };
}
