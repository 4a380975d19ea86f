import { correctArticle } from "../../curation/articles.ts";
import { builder } from "../builder.ts";
import { databaseId } from "../ids.ts";
import { ArticleNode } from "./article.ts";
import { PrecisionEnum } from "./enums.ts";
import { actorOf, editorMutationField, payloadOf, versionedEdit, versionedEditArgs } from "./mutations.ts";

const ArticlePatchInput = builder.inputType("ArticlePatch", {
  description: "Metadata of an article to correct; the body is an immutable snapshot and cannot be changed.",
  fields: (t) => ({
    title: t.string({ description: "The headline." }),
    url: t.string({ description: "Where it was published." }),
    outlet: t.globalID({ description: "The outlet (an Entity)." }),
    publishedAt: t.field({ type: "Date", description: "The publication date." }),
    publishedPrecision: t.field({ type: PrecisionEnum, description: "How far publishedAt can be trusted." }),
  }),
});

const ArticleResult = payloadOf("ArticleMutationSuccess", "The article after the change.", "article", {
  type: ArticleNode,
  description: "The article as now stored.",
});

editorMutationField("correctArticle", {
  type: ArticleResult,
  description: "Corrects an article's title, URL, outlet or publication date.",
  args: (arg) => ({
    ...versionedEditArgs(arg, "article"),
    patch: arg({ type: ArticlePatchInput, required: true, description: "The fields to change." }),
  }),
  resolve: async (_root, args, context) => {
    const { patch } = args;
    const article = await correctArticle(context.prisma, actorOf(context), {
      ...versionedEdit(args, "Article"),
      patch: {
        ...(patch.title != null ? { title: patch.title } : {}),
        ...(patch.url !== undefined ? { url: patch.url } : {}),
        ...(patch.outlet !== undefined ? { outletId: databaseId(patch.outlet, "Entity", "outlet") } : {}),
        ...(patch.publishedAt !== undefined ? { publishedAt: patch.publishedAt } : {}),
        ...(patch.publishedPrecision != null ? { publishedPrecision: patch.publishedPrecision } : {}),
      },
    });
    return { article };
  },
});
