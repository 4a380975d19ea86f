import type { Prisma } from "../../generated/prisma/client.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { databaseId } from "../ids.ts";
import { memoPerRequest } from "../memo.ts";
import { assertPageSize, LIST_PAGING, SPAN_PAGING } from "../pagination.ts";
import { articleDocument, proseQuery } from "../sql/text-search.ts";
import { PrecisionEnum } from "./enums.ts";
import { optional, optionalOf, searchText } from "./field-options.ts";

export const ArticleNode = builder.prismaNode("Article", {
  id: { field: "id" },
  description: "An immutable snapshot of a news article's text, as ingested.",
  // Select mode: a list that shows titles never reads the bodies and raw inputs (up to 2 MB each).
  select: { id: true },
  fields: (t) => ({
    title: t.exposeString("title", { description: "The headline." }),
    body: t.exposeString("body", {
      description: "The cleaned text. Every offset in Headcount refers to this string.",
    }),
    url: t.exposeString("url", optional("Where the article was published, when known.")),
    canonicalUrl: t.exposeString(
      "canonicalUrl",
      optional("The address a fetched page names as its own (<link rel=canonical>, og:url)."),
    ),
    fetchedAt: t.expose(
      "fetchedAt",
      optionalOf("DateTime", "When the page was fetched from the web; null for files and pasted text."),
    ),
    outlet: t.relation("outlet", optional("The outlet that published the article.")),
    publishedAt: t.expose(
      "publishedAt",
      optionalOf("Date", "The publication date; read it with publishedPrecision."),
    ),
    publishedPrecision: t.expose("publishedPrecision", {
      type: PrecisionEnum,
      description: "How far publishedAt can be trusted.",
    }),
    language: t.exposeString("language", { description: "ISO 639-1 language code of the text." }),
    revision: t.exposeInt("revision", {
      description: "1 for the first text seen at this URL; higher for later versions of it.",
    }),
    version: t.exposeInt("version", {
      description:
        "Increases with every correction of the article's metadata; pass it to correctArticle as expectedVersion.",
    }),
    ingestedAt: t.expose("ingestedAt", {
      type: "DateTime",
      description: "When Headcount stored the article.",
    }),
    // Paged: an article may print tens of thousands of figures. Pages are counted by the cost limit.
    appearances: t.relatedConnection("appearances", {
      ...SPAN_PAGING,
      description:
        "The claims printed in this article, as spans of the headline (first) and of the body, in reading order.",
      // The headline's appearances first, then the body's in reading order.
      query: () => ({
        where: { claim: { deletedAt: null } },
        orderBy: [{ inTitle: "desc" }, { start: "asc" }, { id: "asc" }],
      }),
    }),
    mentions: t.relatedConnection("mentions", {
      ...SPAN_PAGING,
      description: "The entities named in this article, as spans of the body, in reading order.",
      query: () => ({ orderBy: [{ start: "asc" }, { id: "asc" }] }),
    }),
  }),
});

const ArticleOrder = builder.enumType("ArticleOrder", {
  description: "Orderings of the article list.",
  values: {
    PUBLISHED_DESC: { description: "Newest publication first (undated last)." },
    PUBLISHED_ASC: { description: "Oldest publication first (undated last)." },
    INGESTED_DESC: { description: "Most recently ingested first." },
  },
});

const ArticleFilterInput = builder.inputType("ArticleFilter", {
  description: "Narrows the article list; all given conditions must hold.",
  fields: (t) => ({
    search: t.string({
      description: "Words the title or body must contain (stemmed full-text match).",
      validate: searchText,
    }),
    outlet: t.globalID({ description: "Published by this outlet (an Entity)." }),
    publishedFrom: t.field({ type: "Date", description: "Published on or after this date." }),
    publishedTo: t.field({ type: "Date", description: "Published on or before this date." }),
  }),
});

type ArticleFilterArg = typeof ArticleFilterInput.$inferInput;

function articleWhere(
  filter: ArticleFilterArg | null | undefined,
  context: Context,
): Promise<Prisma.ArticleWhereInput> {
  const outletId = databaseId(filter?.outlet, "Entity", "filter.outlet");
  return memoPerRequest(context, `articles:${JSON.stringify({ ...filter, outletId })}`, async () => {
    const where: Prisma.ArticleWhereInput = {};
    if (outletId !== null) where.outletId = outletId;
    if (filter?.publishedFrom || filter?.publishedTo) {
      where.publishedAt = {
        ...(filter.publishedFrom ? { gte: filter.publishedFrom } : {}),
        ...(filter.publishedTo ? { lte: filter.publishedTo } : {}),
      };
    }
    if (filter?.search?.trim()) {
      // Prisma cannot express `@@`: the matching ids come first, through the article text index.
      const rows = await context.prisma.$queryRaw<{ id: number }[]>`
        select a.id from "Article" a where ${articleDocument} @@ ${proseQuery(filter.search)}`;
      where.id = { in: rows.map((row) => row.id) };
    }
    return where;
  });
}

builder.queryField("articles", (t) =>
  t.prismaConnection({
    type: "Article",
    ...LIST_PAGING,
    description: "The stored articles.",
    args: {
      filter: t.arg({ type: ArticleFilterInput, description: "Which articles." }),
      orderBy: t.arg({ type: ArticleOrder, defaultValue: "PUBLISHED_DESC", description: "Ordering." }),
    },
    resolve: async (query, _root, args, context) => {
      assertPageSize(args);
      return context.prisma.article.findMany({
        ...query,
        where: await articleWhere(args.filter, context),
        orderBy:
          args.orderBy === "INGESTED_DESC"
            ? [{ ingestedAt: "desc" }, { id: "desc" }]
            : [
                { publishedAt: { sort: args.orderBy === "PUBLISHED_ASC" ? "asc" : "desc", nulls: "last" } },
                { id: args.orderBy === "PUBLISHED_ASC" ? "asc" : "desc" },
              ],
      });
    },
    totalCount: async (_connection, args, context) =>
      context.prisma.article.count({ where: await articleWhere(args.filter, context) }),
  }),
);
