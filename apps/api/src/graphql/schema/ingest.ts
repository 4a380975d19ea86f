import { type ExtractedClaim, extractArticle } from "@headcount/extract";
import { displayClaimValue } from "@headcount/shared";
import { documentsFromText, isRejected, type SourceDocument } from "../../ingest/documents.ts";
import { documentText, ingestDocument } from "../../ingest/pipeline.ts";
import { builder } from "../builder.ts";
import { MetricEnum, PrecisionEnum, QualifierEnum, RateEnum } from "./enums.ts";
import { NotAuthorizedError, registerErrorTypes, ValidationError } from "./errors.ts";

registerErrorTypes();

const MAX_INPUT_CHARS = 2 * 1024 * 1024;

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
    valueLow: t.exposeInt("valueLow", { nullable: true, description: "The low bound." }),
    valueHigh: t.exposeInt("valueHigh", { nullable: true, description: "The high bound." }),
    valueBest: t.exposeInt("valueBest", { nullable: true, description: "The single best value." }),
    qualifier: t.expose("qualifier", { type: QualifierEnum, description: "How the number is hedged." }),
    hedge: t.exposeString("hedge", { nullable: true, description: "The hedge words as written." }),
    metric: t.expose("metric", { type: MetricEnum, description: "What happened to the people counted." }),
    rate: t.expose("rate", { type: RateEnum, description: "Total or rate." }),
    subject: t.exposeString("subject", { description: "Who is counted, as written." }),
    source: t.exposeString("source", {
      nullable: true,
      description: "The speaker, when the text names one.",
    }),
    via: t.stringList({
      description: "The relay chain as printed.",
      resolve: (claim) => claim.via.map((link) => link.name),
    }),
    location: t.exposeString("location", { nullable: true, description: "The place the number refers to." }),
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

interface IngestResult {
  outcome: "created" | "revision" | "unchanged" | "preview";
  articleId: number | null;
  title: string;
  claims: ExtractedClaim[];
}

const IngestArticleSuccess = builder.objectRef<IngestResult>("IngestArticleSuccess").implement({
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
  }),
});

builder.mutationField("ingestArticle", (t) =>
  t.field({
    type: IngestArticleSuccess,
    description:
      "Adds an article from pasted text or HTML (editors): cleaned, extracted, resolved and stored in one transaction — or, with dryRun, only extracted for a preview.",
    authScopes: { editor: true },
    errors: {
      types: [ValidationError, NotAuthorizedError],
      directResult: true,
      union: {
        name: "IngestArticleResult",
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
    args: { input: t.arg({ type: IngestArticleInput, required: true, description: "The article." }) },
    resolve: async (_root, { input }, context) => {
      const given = [input.text, input.html].filter(
        (value) => typeof value === "string" && value.trim() !== "",
      );
      if (given.length !== 1) {
        throw new ValidationError("Give the article's text or its HTML (one of them).", [
          { path: ["input", "text"], message: "give text or html" },
        ]);
      }
      const raw = given[0] as string;
      if (raw.length > MAX_INPUT_CHARS) {
        throw new ValidationError("The article is over 2 MB.", [
          { path: ["input", input.html ? "html" : "text"], message: "over 2 MB" },
        ]);
      }
      if (input.url) {
        try {
          if (!/^https?:$/.test(new URL(input.url).protocol)) throw new Error("protocol");
        } catch {
          throw new ValidationError("The URL is not an http(s) address.", [
            { path: ["input", "url"], message: "not an http(s) address" },
          ]);
        }
      }
      const [document] = documentsFromText("pasted", input.html ? "html" : "txt", raw);
      if (!document || isRejected(document)) {
        throw new ValidationError(`The article cannot be read: ${document?.reason ?? "empty"}.`, [
          { path: ["input", input.html ? "html" : "text"], message: document?.reason ?? "empty" },
        ]);
      }
      const source: SourceDocument = {
        ...document,
        title: input.title ?? document.title ?? null,
        url: input.url ?? document.url ?? null,
        outlet: input.outlet ?? document.outlet ?? null,
        publishedAt: input.publishedAt?.toISOString().slice(0, 10) ?? document.publishedAt ?? null,
        precision: input.precision ?? (input.publishedAt ? "day" : (document.precision ?? null)),
      };
      const extracted = extractArticle(documentText(source), {
        title: source.title ?? null,
        url: source.url ?? null,
        outlet: source.outlet ?? null,
        publishedAt: source.publishedAt ?? null,
        precision: source.precision ?? null,
      });
      const claims = extracted.claims.filter((claim) => claim.duplicateOf === null);
      if (extracted.body.trim() === "") {
        throw new ValidationError("There is no article text after the headline.", [
          { path: ["input", "text"], message: "no body" },
        ]);
      }
      if (input.dryRun)
        return { outcome: "preview" as const, articleId: null, title: extracted.title, claims };
      if (!context.pool) throw new Error("ingest is not configured on this server");
      const outcome = await ingestDocument(context.pool, source);
      if (outcome.status === "failed") {
        throw new ValidationError(`The article was not stored: ${outcome.reason}.`, [
          { path: ["input"], message: outcome.reason },
        ]);
      }
      return { outcome: outcome.status, articleId: outcome.articleId, title: extracted.title, claims };
    },
  }),
);
