import type { PrismaClient } from "../../db/prisma.ts";
import {
  aliasDocument,
  articleDocument,
  entityNameDocument,
  nameQuery,
  proseQuery,
  quoteDocument,
} from "./text-search.ts";

export type SearchKind = "Article" | "Claim" | "Entity";

export interface SearchRow {
  kind: SearchKind;
  id: number;
  rank: number;
  snippet: string;
}

/** Private-use characters mark the matches in ts_headline's output; they never occur in stored text. */
export const MATCH_START = "\uE000";
export const MATCH_END = "\uE001";
const HEADLINE_OPTIONS = `StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Ranked full-text search over article text, claim quotes, and entity names and aliases, in one
 * statement. Each branch matches through its GIN index; snippets are computed only for the rows returned.
 */
export function searchRows(prisma: PrismaClient, text: string, first: number): Promise<SearchRow[]> {
  const prose = proseQuery(text);
  const names = nameQuery(text);
  return prisma.$queryRaw<SearchRow[]>`
    with article_hits as (
      select 'Article' as kind, a.id, ts_rank(${articleDocument}, ${prose}) as rank,
             (a.title || ' '::text) || a.body as document, 'english' as config
      from "Article" a
      where ${articleDocument} @@ ${prose}
      order by rank desc limit ${first}
    ),
    quote_hits as (
      select distinct on (ap."claimId") 'Claim' as kind, ap."claimId" as id,
             ts_rank(${quoteDocument}, ${prose}) as rank, ap.quote as document, 'english' as config
      from "Appearance" ap join "Claim" c on c.id = ap."claimId" and c."deletedAt" is null
      where ${quoteDocument} @@ ${prose}
      order by ap."claimId", rank desc
    ),
    name_hits as (
      select e.id, ts_rank(${entityNameDocument}, ${names}) as rank
      from "Entity" e where ${entityNameDocument} @@ ${names} and e."mergedIntoId" is null
      union all
      select al."entityId", ts_rank(${aliasDocument}, ${names})
      from "EntityAlias" al where ${aliasDocument} @@ ${names}
    ),
    entity_hits as (
      select 'Entity' as kind, e.id, max(h.rank) as rank,
             e.name || coalesce(' (' || (select string_agg(al.name, ', ' order by al.name)
                                         from "EntityAlias" al where al."entityId" = e.id) || ')', '') as document,
             'simple' as config
      from name_hits h join "Entity" e on e.id = h.id and e."mergedIntoId" is null
      group by e.id
    ),
    ranked as (
      (select * from article_hits)
      union all (select * from quote_hits order by rank desc limit ${first})
      union all (select * from entity_hits order by rank desc limit ${first})
      order by rank desc, kind, id
      limit ${first}
    )
    select kind, id, rank::float8 as rank,
           case when config = 'english'
                then ts_headline('english'::regconfig, document, ${prose}, ${HEADLINE_OPTIONS})
                else ts_headline('simple'::regconfig, document, ${names}, ${HEADLINE_OPTIONS})
           end as snippet
    from ranked
    order by rank desc, kind, id`;
}

/** Splits a ts_headline snippet into plain text and the ranges of the matched words. */
export function highlightedText(snippet: string): {
  text: string;
  highlights: { start: number; end: number }[];
} {
  let text = "";
  const highlights: { start: number; end: number }[] = [];
  let open: number | null = null;
  for (const char of snippet) {
    if (char === MATCH_START) open = text.length;
    else if (char === MATCH_END && open !== null) {
      highlights.push({ start: open, end: text.length });
      open = null;
    } else text += char;
  }
  return { text, highlights };
}
