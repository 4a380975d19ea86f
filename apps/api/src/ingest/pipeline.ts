import { createHash } from "node:crypto";
import {
  cleanArticleText,
  EXTRACTOR_VERSION,
  type ExtractedArticle,
  extractArticle,
} from "@headcount/extract";
import type { Precision } from "@headcount/shared";
import type { PrismaClient } from "../db/prisma.ts";
import { Prisma } from "../generated/prisma/client.ts";
import type { RejectedInput, SourceDocument } from "./documents.ts";
import { claimLockKey, findSameClaim } from "./resolve-claims.ts";
import { type EntityRequest, entityLockKeys, entityRequestsOf, resolveEntities } from "./resolve-entities.ts";

export type IngestOutcome =
  | { status: "created" | "revision"; articleId: number; claims: number; appearances: number }
  | { status: "unchanged"; articleId: number }
  | { status: "failed"; reason: string };

export function contentHash(body: string): string {
  return createHash("sha256").update(body.normalize("NFC")).digest("hex");
}

/** The text the extractor reads: headline first, then the body (headers for plain-text files). */
function extractorInput(document: SourceDocument): string {
  if (document.body) return `${document.title ?? ""}\n\n${document.body}`;
  return document.raw;
}

function toDate(value: string | null): Date | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

/** Stable 64-bit advisory-lock ids for text keys. */
function lockIds(keys: string[]): bigint[] {
  const ids = new Set<bigint>();
  for (const key of keys) ids.add(createHash("sha256").update(key).digest().readBigInt64BE(0));
  return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * clean → hash → dedupe → extract → resolve → store. One transaction per article: it is stored with all
 * its appearances, mentions and claims, or not at all. The same cleaned text is never stored twice; a new
 * text at a known URL is a new revision and the old snapshot stays.
 */
export async function ingestDocument(
  prisma: PrismaClient,
  document: SourceDocument,
  options: { runId?: number | null } = {},
): Promise<IngestOutcome> {
  const input = extractorInput(document);
  const cleaned = cleanArticleText(input);
  if (cleaned.body.trim() === "") return { status: "failed", reason: "no article text after the headline" };
  const hash = contentHash(cleaned.body);
  const existing = await prisma.article.findUnique({ where: { contentHash: hash }, select: { id: true } });
  if (existing) return { status: "unchanged", articleId: existing.id };

  const extracted = extractArticle(input, {
    publishedAt: document.publishedAt ?? null,
    precision: document.precision ?? null,
    outlet: document.outlet ?? null,
    url: document.url ?? null,
    title: document.title ?? null,
  });
  try {
    return await prisma.$transaction(
      (tx) => storeArticle(tx, document, extracted, hash, options.runId ?? null),
      {
        timeout: 60_000,
        maxWait: 30_000,
      },
    );
  } catch (error) {
    // Another worker stored the same text a moment ago.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const winner = await prisma.article.findUnique({ where: { contentHash: hash }, select: { id: true } });
      if (winner) return { status: "unchanged", articleId: winner.id };
    }
    throw error;
  }
}

async function storeArticle(
  tx: Prisma.TransactionClient,
  document: SourceDocument,
  extracted: ExtractedArticle,
  hash: string,
  runId: number | null,
): Promise<IngestOutcome> {
  const claims = extracted.claims.filter((claim) => claim.duplicateOf === null);
  const requests: EntityRequest[] = entityRequestsOf(extracted.entities);
  if (extracted.outlet) requests.push({ name: extracted.outlet, type: "organization" });
  for (const claim of claims) {
    if (claim.source) requests.push({ name: claim.source, type: claim.sourceType ?? "organization" });
    if (claim.location) requests.push({ name: claim.location, type: "place" });
    if (claim.subjectEntity) requests.push({ name: claim.subjectEntity, type: "place" });
    for (const via of claim.via) requests.push({ name: via.name, type: via.type });
  }
  // Locks in a fixed order, so concurrent ingests wait for each other instead of deadlocking or
  // creating the same entity or claim twice.
  await tx.$executeRaw`select pg_advisory_xact_lock(id) from unnest(${lockIds(entityLockKeys(requests))}::bigint[]) as id order by id`;
  const entities = await resolveEntities(tx, requests);

  const previous = document.url
    ? await tx.article.findFirst({
        where: { url: document.url, nextVersion: null },
        select: { id: true, revision: true },
        orderBy: { revision: "desc" },
      })
    : null;
  const publishedAt = toDate(extracted.publishedAt);
  const article = await tx.article.create({
    data: {
      title: extracted.title,
      body: extracted.body,
      rawInput: document.raw,
      rawFormat: document.format,
      contentHash: hash,
      url: document.url ?? null,
      revision: previous ? previous.revision + 1 : 1,
      previousVersionId: previous?.id ?? null,
      outletId: extracted.outlet ? (entities.idOf(extracted.outlet, "organization") ?? null) : null,
      publishedAt,
      publishedPrecision: publishedAt ? extracted.precision : "unknown",
      extractorVersion: extracted.extractorVersion,
      ingestRunId: runId,
    },
    select: { id: true },
  });

  const mentions = extracted.entities.flatMap((entity) => {
    const entityId = entities.idOf(entity.name, entity.type);
    return entityId === undefined
      ? []
      : entity.mentions.map((mention) => ({
          articleId: article.id,
          entityId,
          start: mention.start,
          end: mention.end,
          text: mention.text,
        }));
  });
  if (mentions.length > 0) await tx.entityMention.createMany({ data: mentions, skipDuplicates: true });

  let newClaims = 0;
  const identities = claims.map((claim) => {
    const statedOn = toDate(claim.statedOn?.date ?? null) ?? publishedAt;
    return {
      sourceId: claim.source
        ? (entities.idOf(claim.source, claim.sourceType ?? "organization") ?? null)
        : null,
      metric: claim.metric,
      subjectEntityId: claim.subjectEntity ? (entities.idOf(claim.subjectEntity, "place") ?? null) : null,
      valueLow: claim.valueLow,
      valueHigh: claim.valueHigh,
      rate: claim.rate,
      statedOn,
      statedOnPrecision: (claim.statedOn?.precision ??
        (statedOn ? extracted.precision : "unknown")) as Precision,
    };
  });
  await tx.$executeRaw`select pg_advisory_xact_lock(id) from unnest(${lockIds(identities.map(claimLockKey))}::bigint[]) as id order by id`;
  for (const [index, claim] of claims.entries()) {
    const identity = identities[index];
    if (!identity) continue;
    let claimId = await findSameClaim(tx, identity);
    if (claimId === null) {
      const created = await tx.claim.create({
        data: {
          metric: claim.metric,
          subject: claim.subject,
          subjectEntityId: identity.subjectEntityId,
          valueLow: claim.valueLow,
          valueHigh: claim.valueHigh,
          valueBest: claim.valueBest,
          qualifier: claim.qualifier,
          hedge: claim.hedge,
          additional: claim.additional,
          rate: claim.rate,
          locationId: claim.location ? (entities.idOf(claim.location, "place") ?? null) : null,
          statedOn: identity.statedOn,
          statedOnPrecision: identity.statedOnPrecision,
          refersFrom: toDate(claim.refersFrom?.date ?? null),
          refersFromPrecision: claim.refersFrom?.precision ?? null,
          refersTo: toDate(claim.refersTo?.date ?? null),
          refersToPrecision: claim.refersTo?.precision ?? null,
          sourceId: identity.sourceId,
          origin: "machine",
          extractorVersion: extracted.extractorVersion,
          confidence: claim.confidence,
        },
        select: { id: true },
      });
      claimId = created.id;
      newClaims++;
    }
    const appearance = await tx.appearance.create({
      data: {
        claimId,
        articleId: article.id,
        start: claim.start,
        end: claim.end,
        quote: claim.quote,
        prefix: claim.prefix,
        suffix: claim.suffix,
        confidence: claim.confidence,
      },
      select: { id: true },
    });
    const via = claim.via
      .map((link) => entities.idOf(link.name, link.type))
      .filter((id): id is number => id !== undefined);
    if (via.length > 0) {
      await tx.appearanceVia.createMany({
        data: via.map((entityId, position) => ({ appearanceId: appearance.id, position, entityId })),
      });
    }
  }
  return {
    status: previous ? "revision" : "created",
    articleId: article.id,
    claims: newClaims,
    appearances: claims.length,
  };
}

export interface IngestSummary {
  runId: number;
  created: number;
  unchanged: number;
  revisions: number;
  failed: RejectedInput[];
}

/** Ingests documents one after another in this process, recording the batch as an IngestRun. */
export async function ingestDocuments(
  prisma: PrismaClient,
  documents: SourceDocument[],
  options: {
    trigger: string;
    rejected?: RejectedInput[];
    onProgress?: (done: number, total: number) => void;
  },
): Promise<IngestSummary> {
  const run = await prisma.ingestRun.create({
    data: { trigger: options.trigger, extractorVersion: EXTRACTOR_VERSION },
  });
  const summary: IngestSummary = {
    runId: run.id,
    created: 0,
    unchanged: 0,
    revisions: 0,
    failed: [...(options.rejected ?? [])],
  };
  let done = 0;
  for (const document of documents) {
    const outcome = await ingestDocument(prisma, document, { runId: run.id }).catch(
      (error: unknown): IngestOutcome => ({ status: "failed", reason: (error as Error).message }),
    );
    if (outcome.status === "failed") summary.failed.push({ origin: document.origin, reason: outcome.reason });
    else if (outcome.status === "created") summary.created++;
    else if (outcome.status === "revision") summary.revisions++;
    else summary.unchanged++;
    options.onProgress?.(++done, documents.length);
  }
  await prisma.ingestRun.update({
    where: { id: run.id },
    data: {
      status: "completed",
      finishedAt: new Date(),
      newCount: summary.created,
      unchangedCount: summary.unchanged,
      revisionCount: summary.revisions,
      failedCount: summary.failed.length,
      failures: summary.failed.map((failure) => ({ file: failure.origin, reason: failure.reason })),
    },
  });
  return summary;
}
