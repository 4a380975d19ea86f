import { z } from "zod";
import type { Article, Claim, Entity } from "../../generated/prisma/client.ts";
import { builder } from "../builder.ts";
import { canEdit } from "../context.ts";
import { PAGED_COST_LIMIT } from "../pagination.ts";
import { highlightedText, type SearchKind, searchRows } from "../sql/search.ts";
import { ArticleNode } from "./article.ts";
import { ClaimNode } from "./claim.ts";
import { EntityNode } from "./entity.ts";

type SearchHitRecord = Article | Claim | Entity;

interface SearchResult {
  rank: number;
  snippet: { text: string; highlights: { start: number; end: number }[] };
  node: SearchHitRecord;
}

const TextRangeRef = builder.objectRef<{ start: number; end: number }>("TextRange").implement({
  description: "A span of a string: `text.slice(start, end)`.",
  fields: (t) => ({
    start: t.exposeInt("start", { description: "Offset of the first character." }),
    end: t.exposeInt("end", { description: "Offset just after the last character." }),
  }),
});

const HighlightedTextRef = builder.objectRef<SearchResult["snippet"]>("HighlightedText").implement({
  description: "Plain text with the ranges that matched, for a client to highlight (no markup to escape).",
  fields: (t) => ({
    text: t.exposeString("text", { description: "The text, as stored." }),
    highlights: t.field({
      type: [TextRangeRef],
      description: "The matched words.",
      resolve: (snippet) => snippet.highlights,
    }),
  }),
});

const kindOf = new WeakMap<object, SearchKind>();

const SearchHitRef = builder.unionType("SearchHit", {
  description: "What a search can find.",
  types: [ArticleNode, ClaimNode, EntityNode],
  resolveType: (record) => kindOf.get(record) ?? null,
});

const SearchResultRef = builder.objectRef<SearchResult>("SearchResult").implement({
  description: "One match, with where it matched.",
  fields: (t) => ({
    rank: t.exposeFloat("rank", { description: "PostgreSQL's text-search rank; higher is better." }),
    snippet: t.field({
      type: HighlightedTextRef,
      description: "The matching passage (article text, quote, or name with its aliases).",
      resolve: (result) => result.snippet,
    }),
    node: t.field({
      type: SearchHitRef,
      description: "The match.",
      resolve: (result) => result.node as never,
    }),
  }),
});

/**
 * What one search costs against the paged cost limit: it ranks every matching article, quote and name
 * and cuts snippets from whole article texts, far more work than a page of rows. Two fit in a query;
 * twenty aliased ones held every pooled connection for seconds while other readers timed out.
 */
const SEARCH_COST = Math.floor(PAGED_COST_LIMIT * 0.4);

builder.queryField("search", (t) =>
  t.field({
    type: [SearchResultRef],
    complexity: SEARCH_COST,
    description:
      'Ranked full-text search over article text, claim quotes and entity names and aliases. Words are stemmed (English) for text; names ignore case and accents. Supports "quoted phrases", `or` and `-word`.',
    args: {
      query: t.arg.string({
        required: true,
        description: "What to look for.",
        validate: z.string().trim().min(1, "query must not be empty").max(200, "query is too long"),
      }),
      first: t.arg.int({
        defaultValue: 20,
        description: "How many results (1 to 100).",
        validate: z.number().int().min(1).max(100),
      }),
    },
    resolve: async (_root, args, context) => {
      const rows = await searchRows(context.prisma, args.query, args.first ?? 20);
      const idsOf = (kind: SearchKind) => rows.filter((row) => row.kind === kind).map((row) => row.id);
      // Three statements at most, whatever the number of results.
      const [articles, claims, entities] = await Promise.all([
        idsOf("Article").length
          ? context.prisma.article.findMany({ where: { id: { in: idsOf("Article") } } })
          : [],
        idsOf("Claim").length
          ? context.prisma.claim.findMany({
              where: { id: { in: idsOf("Claim") }, ...(canEdit(context.viewer) ? {} : { deletedAt: null }) },
            })
          : [],
        idsOf("Entity").length
          ? context.prisma.entity.findMany({ where: { id: { in: idsOf("Entity") } } })
          : [],
      ]);
      const records = new Map<string, SearchHitRecord>();
      for (const [kind, list] of [
        ["Article", articles],
        ["Claim", claims],
        ["Entity", entities],
      ] as const) {
        for (const record of list) {
          kindOf.set(record, kind);
          records.set(`${kind}:${record.id}`, record);
        }
      }
      return rows.flatMap((row) => {
        const node = records.get(`${row.kind}:${row.id}`);
        return node ? [{ rank: row.rank, snippet: highlightedText(row.snippet), node }] : [];
      });
    },
  }),
);
