import { createHash } from "node:crypto";
import type { ExtractedClaim } from "@headcount/extract";
import {
  displayClaimValue,
  isWebAddress,
  MAX_ARTICLE_BYTES,
  MAX_ARTICLE_SIZE_LABEL,
} from "@headcount/shared";
import { isRejected, type SourceDocument } from "../../ingest/documents.ts";
import { ingestDocument, omissionReason } from "../../ingest/pipeline.ts";
import { analyseDocument, DocumentRefused, readDocuments } from "../../ingest/reader-pool.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { MetricEnum, PrecisionEnum, QualifierEnum, RateEnum } from "./enums.ts";
import { NotAuthorizedError, registerErrorTypes, ValidationError } from "./errors.ts";

registerErrorTypes();

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

type IngestArticleInputShape = typeof IngestArticleInput.$inferInput;

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
  omitted: { quote: string; reason: string }[];
}

const OmittedClaimRef = builder.objectRef<{ quote: string; reason: string }>("OmittedClaim").implement({
  description: "A figure the extractor read but that is not stored as a claim, and why.",
  fields: (t) => ({
    quote: t.exposeString("quote", { description: "The exact text of the figure's sentence." }),
    reason: t.exposeString("reason", { description: "Why it was left out." }),
  }),
});

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
    omittedClaims: t.field({
      type: [OmittedClaimRef],
      description: "Figures read from the text but not kept as claims, each with its reason.",
      resolve: (result) => result.omitted,
    }),
  }),
});

/**
 * Identical requests being answered right now, by their input: a copy waits for the first and gets its
 * answer (as unchanged) instead of queueing a second reading of the same page ahead of other people's work.
 */
const inFlight = new Map<string, Promise<IngestResult>>();

function inputKey(input: Record<string, unknown>): string {
  return createHash("sha256")
    .update(JSON.stringify(input, (_key, value) => (value instanceof Date ? value.toISOString() : value)))
    .digest("hex");
}

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
      const key = inputKey(input);
      const pending = inFlight.get(key);
      if (pending) {
        const first = await pending.catch(() => null);
        if (first) return first.outcome === "preview" ? first : { ...first, outcome: "unchanged" as const };
      }
      const answer = ingestArticle(input, context);
      if (!pending) {
        inFlight.set(key, answer);
        answer.then(
          () => inFlight.delete(key),
          () => inFlight.delete(key),
        );
      }
      return answer;
    },
  }),
);

async function ingestArticle(input: IngestArticleInputShape, context: Context): Promise<IngestResult> {
  const given = [input.text, input.html].filter((value) => typeof value === "string" && value.trim() !== "");
  if (given.length !== 1) {
    throw new ValidationError("Give the article's text or its HTML (one of them).", [
      { path: ["input", "text"], message: "give text or html" },
    ]);
  }
  const raw = given[0] as string;
  const bytes = Buffer.byteLength(raw);
  if (bytes > MAX_ARTICLE_BYTES) {
    const size = `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    throw new ValidationError(`The article is ${size}; the limit is ${MAX_ARTICLE_SIZE_LABEL}.`, [
      { path: ["input", input.html ? "html" : "text"], message: `${size}, over ${MAX_ARTICLE_SIZE_LABEL}` },
    ]);
  }
  if (input.url) {
    if (!isWebAddress(input.url.trim())) {
      throw new ValidationError("The URL is not an http(s) address.", [
        { path: ["input", "url"], message: "not an http(s) address" },
      ]);
    }
  }
  const field = input.html ? "html" : "text";
  const refusal = (reason: string) =>
    new ValidationError(`The article cannot be read: ${reason}.`, [
      { path: ["input", field], message: reason },
    ]);
  let document: Awaited<ReturnType<typeof readDocuments>>[number] | undefined;
  let analysis: Awaited<ReturnType<typeof analyseDocument>>;
  let source: SourceDocument;
  try {
    [document] = await readDocuments({ origin: "pasted", format: input.html ? "html" : "txt", text: raw });
    if (!document || isRejected(document)) throw refusal(document?.reason ?? "empty");
    source = {
      ...document,
      title: input.title ?? document.title ?? null,
      url: input.url ?? document.url ?? null,
      outlet: input.outlet ?? document.outlet ?? null,
      publishedAt: input.publishedAt?.toISOString().slice(0, 10) ?? document.publishedAt ?? null,
      precision: input.precision ?? (input.publishedAt ? "day" : (document.precision ?? null)),
    };
    analysis = await analyseDocument(source);
  } catch (error) {
    if (error instanceof DocumentRefused) throw refusal(error.message);
    throw error;
  }
  if ("failed" in analysis) {
    throw new ValidationError("There is no article text after the headline.", [
      { path: ["input", "text"], message: "no body" },
    ]);
  }
  const { extracted } = analysis;
  const printed = extracted.claims.filter((claim) => claim.duplicateOf === null);
  const claims = printed.filter((claim) => omissionReason(claim) === null);
  const omitted = printed.flatMap((claim) => {
    const reason = omissionReason(claim);
    return reason ? [{ quote: claim.quote, reason }] : [];
  });
  if (input.dryRun)
    return { outcome: "preview" as const, articleId: null, title: extracted.title, claims, omitted };
  if (!context.pool) throw new Error("ingest is not configured on this server");
  const outcome = await ingestDocument(context.pool, source, { analysis });
  if (outcome.status === "failed") {
    throw new ValidationError(`The article was not stored: ${outcome.reason}.`, [
      { path: ["input"], message: outcome.reason },
    ]);
  }
  return {
    outcome: outcome.status,
    articleId: outcome.articleId,
    title: extracted.title,
    claims,
    omitted,
  };
}
