import type { ExtractedClaim } from "@headcount/extract";
import { displayClaimValue } from "@headcount/shared";
import { mergeVariantsAutomatically } from "../../curation/automatic-merges.ts";
import { type IngestArticleResult, ingestArticle } from "../../ingest/ingest-article.ts";
import { builder } from "../builder.ts";
import { MetricEnum, PrecisionEnum, QualifierEnum, RateEnum } from "./enums.ts";
import { NotAuthorizedError, ValidationError } from "./errors.ts";
import { optional } from "./field-options.ts";
import { guardedMutationField } from "./mutations.ts";

const IngestArticleInput = builder.inputType("IngestArticleInput", {
  description: "An article to add: its text or its HTML page, with what is known about it.",
  fields: (t) => ({
    text: t.string({
      description: "Plain text: the headline on the first line, then the body. Give text or html.",
    }),
    html: t.string({
      description: "A news page's HTML; its main text and metadata are read from it. Give text or html.",
    }),
    title: t.string({ description: "The headline, when not the first line of the text." }),
    url: t.string({ description: "Where it was published." }),
    outlet: t.string({ description: "The outlet's name." }),
    publishedAt: t.field({ type: "Date", description: "The publication date." }),
    precision: t.field({ type: PrecisionEnum, description: "How far publishedAt can be trusted." }),
    dryRun: t.boolean({ description: "Only extract and return the claims; store nothing." }),
  }),
});

const IngestOutcomeEnum = builder.enumType("IngestOutcome", {
  description: "What happened to an article given to ingestArticle.",
  values: {
    NEW: { value: "created", description: "Stored as a new article." },
    NEW_VERSION: {
      value: "revision",
      description: "A changed text at a known URL: stored as its new version.",
    },
    UNCHANGED: { value: "unchanged", description: "The same text is already stored; nothing was written." },
    PREVIEW: { value: "preview", description: "A dry run: nothing was stored." },
  } as const,
});

const ExtractedClaimRef = builder.objectRef<ExtractedClaim>("ExtractedClaim").implement({
  description: "A claim as the extractor reads it from the text (before it is stored).",
  fields: (t) => ({
    quote: t.exposeString("quote", { description: "The exact text of the claim." }),
    start: t.exposeInt("start", { description: "Offset of the quote in the cleaned body." }),
    end: t.exposeInt("end", { description: "Offset just after the quote." }),
    display: t.string({ description: "The value in words.", resolve: (claim) => displayClaimValue(claim) }),
    valueLow: t.exposeInt("valueLow", optional("The low bound.")),
    valueHigh: t.exposeInt("valueHigh", optional("The high bound.")),
    valueBest: t.exposeInt("valueBest", optional("The single best value.")),
    qualifier: t.expose("qualifier", { type: QualifierEnum, description: "How the number is hedged." }),
    hedge: t.exposeString("hedge", optional("The hedge words as written.")),
    metric: t.expose("metric", { type: MetricEnum, description: "What happened to the people counted." }),
    rate: t.expose("rate", { type: RateEnum, description: "Total or rate." }),
    subject: t.exposeString("subject", { description: "Who is counted, as written." }),
    source: t.exposeString("source", optional("The speaker, when the text names one.")),
    via: t.stringList({
      description: "The relay chain as printed.",
      resolve: (claim) => claim.via.map((link) => link.name),
    }),
    location: t.exposeString("location", optional("The place the number refers to.")),
    statedOn: t.string({
      nullable: true,
      description: "When it was said (YYYY-MM-DD), read with statedOnPrecision.",
      resolve: (claim) => claim.statedOn?.date ?? null,
    }),
    statedOnPrecision: t.field({
      type: PrecisionEnum,
      nullable: true,
      description: "How far statedOn can be trusted.",
      resolve: (claim) => claim.statedOn?.precision ?? null,
    }),
    confidence: t.exposeFloat("confidence", { description: "The extractor's confidence, 0 to 1." }),
  }),
});

const OmittedClaimRef = builder.objectRef<{ quote: string; reason: string }>("OmittedClaim").implement({
  description: "A figure the extractor read but that is not stored as a claim, and why.",
  fields: (t) => ({
    quote: t.exposeString("quote", { description: "The exact text of the figure's sentence." }),
    reason: t.exposeString("reason", { description: "Why it was left out." }),
  }),
});

const IngestArticleSuccess = builder.objectRef<IngestArticleResult>("IngestArticleSuccess").implement({
  description: "What the article gave.",
  fields: (t) => ({
    outcome: t.field({
      type: IngestOutcomeEnum,
      description: "Stored, already there, or previewed.",
      resolve: (r) => r.outcome,
    }),
    title: t.exposeString("title", { description: "The headline as read." }),
    article: t.prismaField({
      type: "Article",
      nullable: true,
      description: "The stored article (null for a dry run).",
      resolve: (query, result, _args, context) =>
        result.articleId === null
          ? null
          : context.prisma.article.findUnique({ ...query, where: { id: result.articleId } }),
    }),
    claims: t.field({
      type: [ExtractedClaimRef],
      description: "The claims the extractor found in the text.",
      resolve: (result) => result.claims,
    }),
    omittedClaims: t.field({
      type: [OmittedClaimRef],
      description: "Figures read from the text but not kept as claims, each with its reason.",
      resolve: (result) => result.omitted,
    }),
  }),
});

/** How many automatic merges one ingestArticle request makes before it answers. */
const MERGES_PER_REQUEST = 25;

guardedMutationField("ingestArticle", "editor", [ValidationError, NotAuthorizedError], {
  type: IngestArticleSuccess,
  description:
    "Adds an article from pasted text or HTML (editors): cleaned, extracted, resolved and stored in one transaction — or, with dryRun, only extracted for a preview.",
  args: (arg) => ({ input: arg({ type: IngestArticleInput, required: true, description: "The article." }) }),
  resolve: async (_root, { input }, context) => {
    const result = await ingestArticle(context.pool, input);
    // Its names that are close variants of known ones are merged at once (undoably), not left for later; a
    // paste of hundreds of look-alike names gets its first merges here and the rest at the next pass.
    // The article is stored and durable by now: a failed merge leaves its suggestions for the next pass and
    // does not turn the answer into an error.
    if (result.outcome === "created" || result.outcome === "revision")
      await mergeVariantsAutomatically(context.prisma, { limit: MERGES_PER_REQUEST }).catch(
        (error: unknown) =>
          console.error(
            `automatic merges after ingestArticle (${context.requestId}): ${(error as Error).message}`,
          ),
      );
    return result;
  },
});
