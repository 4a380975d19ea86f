import { createHash } from "node:crypto";
import type { ExtractedClaim } from "@headcount/extract";
import {
  isoDay,
  isWebAddress,
  MAX_ARTICLE_BYTES,
  MAX_ARTICLE_SIZE_LABEL,
  type Precision,
} from "@headcount/shared";
import { ValidationError } from "../curation/errors.ts";
import type { Pool } from "../db/pool.ts";
import { isRejected, type SourceDocument } from "./documents.ts";
import { InFlight } from "./in-flight.ts";
import { ingestDocument } from "./pipeline.ts";
import { analyseDocument, DocumentRefused, readDocuments } from "./reader-pool.ts";
import { omissionReason } from "./store-claims.ts";

/** An article an editor pastes: its text or its HTML page, with what is known about it. */
export interface IngestArticleInput {
  text?: string | null;
  html?: string | null;
  title?: string | null;
  url?: string | null;
  outlet?: string | null;
  publishedAt?: Date | null;
  precision?: Precision | null;
  /** Only extract and return the claims; store nothing. */
  dryRun?: boolean | null;
}

export interface IngestArticleResult {
  outcome: "created" | "revision" | "unchanged" | "preview";
  articleId: number | null;
  title: string;
  claims: ExtractedClaim[];
  omitted: { quote: string; reason: string }[];
}

/**
 * Identical requests being answered right now, by their input: a copy waits for the first and gets its
 * answer (as unchanged) instead of queueing a second reading of the same page ahead of other people's work.
 */
const inFlight = new InFlight<IngestArticleResult>();

function inputKey(input: Record<string, unknown>): string {
  return createHash("sha256")
    .update(JSON.stringify(input, (_key, value) => (value instanceof Date ? value.toISOString() : value)))
    .digest("hex");
}

/**
 * Adds a pasted article: cleaned, extracted, resolved and stored in one transaction, or with `dryRun` only
 * extracted for a preview. A copy of a request being answered waits for it and is told "unchanged".
 */
export async function ingestArticle(
  pool: Pool | undefined,
  input: IngestArticleInput,
): Promise<IngestArticleResult> {
  return inFlight.run(
    inputKey(input as Record<string, unknown>),
    () => ingestOnce(pool, input),
    (first) => (first.outcome === "preview" ? first : { ...first, outcome: "unchanged" as const }),
  );
}

async function ingestOnce(pool: Pool | undefined, input: IngestArticleInput): Promise<IngestArticleResult> {
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
      publishedAt: (input.publishedAt ? isoDay(input.publishedAt) : null) ?? document.publishedAt ?? null,
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
  if (!pool) throw new Error("ingest is not configured on this server");
  const outcome = await ingestDocument(pool, source, { analysis });
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
