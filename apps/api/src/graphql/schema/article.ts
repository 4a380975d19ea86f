import { builder } from "../builder.ts";
import { assertPageSize, MAX_PAGE_SIZE } from "../pagination.ts";
import { PrecisionEnum } from "./enums.ts";

builder.prismaNode("Article", {
  id: { field: "id" },
  description: "An immutable snapshot of a news article's text, as ingested.",
  fields: (t) => ({
    title: t.exposeString("title", { description: "The headline." }),
    body: t.exposeString("body", {
      description: "The cleaned text. Every offset in Headcount refers to this string.",
    }),
    url: t.exposeString("url", {
      nullable: true,
      description: "Where the article was published, when known.",
    }),
    outlet: t.relation("outlet", { nullable: true, description: "The outlet that published the article." }),
    publishedAt: t.expose("publishedAt", {
      type: "Date",
      nullable: true,
      description: "The publication date; read it with publishedPrecision.",
    }),
    publishedPrecision: t.expose("publishedPrecision", {
      type: PrecisionEnum,
      description: "How far publishedAt can be trusted.",
    }),
    language: t.exposeString("language", { description: "ISO 639-1 language code of the text." }),
    revision: t.exposeInt("revision", {
      description: "1 for the first text seen at this URL; higher for later versions of it.",
    }),
    ingestedAt: t.expose("ingestedAt", {
      type: "DateTime",
      description: "When Headcount stored the article.",
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

builder.queryField("articles", (t) =>
  t.prismaConnection({
    type: "Article",
    cursor: "id",
    description: "The stored articles.",
    maxSize: MAX_PAGE_SIZE,
    defaultSize: 20,
    args: {
      orderBy: t.arg({ type: ArticleOrder, defaultValue: "PUBLISHED_DESC", description: "Ordering." }),
    },
    resolve: (query, _root, args, context) => {
      assertPageSize(args);
      return context.prisma.article.findMany({
        ...query,
        orderBy:
          args.orderBy === "INGESTED_DESC"
            ? [{ ingestedAt: "desc" }, { id: "desc" }]
            : [
                { publishedAt: { sort: args.orderBy === "PUBLISHED_ASC" ? "asc" : "desc", nulls: "last" } },
                { id: args.orderBy === "PUBLISHED_ASC" ? "asc" : "desc" },
              ],
      });
    },
    totalCount: (_connection, _args, context) => context.prisma.article.count(),
  }),
);
