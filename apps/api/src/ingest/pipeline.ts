import { createHash } from "node:crypto";
import type { Precision } from "@headcount/shared";
import type { PrismaClient } from "../db/prisma.ts";
import type { RejectedInput, SourceDocument } from "./documents.ts";

export interface IngestSummary {
  runId: number;
  created: number;
  unchanged: number;
  revisions: number;
  failed: RejectedInput[];
}

interface ParsedArticle {
  title: string;
  body: string;
  outlet: string | null;
  publishedAt: string | null;
  precision: Precision;
}

/** Headline on the first line, then optional `Source:` / `Date:` header lines, then the body. */
export function parseTextArticle(document: SourceDocument): ParsedArticle {
  const lines = document.raw.replace(/\r\n?/g, "\n").split("\n");
  const title = (document.title ?? lines.shift() ?? "").trim();
  let outlet = document.outlet ?? null;
  let publishedAt = document.publishedAt ?? null;
  while (lines.length > 0) {
    const line = lines[0]?.trim() ?? "";
    const header = /^(Source|Date):\s*(.+)$/i.exec(line);
    if (line === "") {
      lines.shift();
    } else if (header) {
      lines.shift();
      if (header[1]?.toLowerCase() === "source") outlet ??= header[2]?.trim() ?? null;
      else publishedAt ??= header[2]?.trim() ?? null;
    } else {
      break;
    }
  }
  const body = (document.body ?? lines.join("\n")).trim();
  return {
    title: title || body.slice(0, 80),
    body,
    outlet,
    publishedAt,
    precision: document.precision ?? (publishedAt ? "day" : "unknown"),
  };
}

export function contentHash(body: string): string {
  return createHash("sha256").update(body.normalize("NFC")).digest("hex");
}

export function normalizeName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function parseDate(value: string | null): Date | null {
  if (!value) return null;
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(value.trim());
  if (match) return new Date(Date.UTC(Number(match[1]), Number(match[2] ?? 1) - 1, Number(match[3] ?? 1)));
  const parsed = new Date(value);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

/**
 * Stores documents as articles, one transaction each: an article is stored whole or not at all, and the
 * same text (by content hash) is never stored twice.
 */
export async function ingestDocuments(
  prisma: PrismaClient,
  documents: SourceDocument[],
  options: { trigger: string; rejected?: RejectedInput[] },
): Promise<IngestSummary> {
  const run = await prisma.ingestRun.create({ data: { trigger: options.trigger } });
  const summary: IngestSummary = {
    runId: run.id,
    created: 0,
    unchanged: 0,
    revisions: 0,
    failed: [...(options.rejected ?? [])],
  };
  for (const document of documents) {
    try {
      const outcome = await storeArticle(prisma, document, run.id);
      if (outcome === "unchanged") summary.unchanged++;
      else if (outcome === "revision") summary.revisions++;
      else summary.created++;
    } catch (error) {
      summary.failed.push({ origin: document.origin, reason: (error as Error).message });
    }
  }
  await prisma.ingestRun.update({
    where: { id: run.id },
    data: {
      status:
        summary.failed.length > 0 && summary.created + summary.unchanged + summary.revisions === 0
          ? "failed"
          : "completed",
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

async function storeArticle(
  prisma: PrismaClient,
  document: SourceDocument,
  runId: number,
): Promise<"created" | "unchanged" | "revision"> {
  const article = parseTextArticle(document);
  if (article.body === "") throw new Error("no article text after the headline");
  const hash = contentHash(article.body);
  if (await prisma.article.findUnique({ where: { contentHash: hash }, select: { id: true } }))
    return "unchanged";
  return prisma.$transaction(async (tx) => {
    let outletId: number | null = null;
    if (article.outlet) {
      const normalizedName = normalizeName(article.outlet);
      const existing = await tx.entity.findFirst({
        where: { type: "organization", normalizedName, mergedIntoId: null },
        select: { id: true },
      });
      outletId =
        existing?.id ??
        (
          await tx.entity.create({
            data: {
              type: "organization",
              name: article.outlet,
              normalizedName,
              aliases: { create: { name: article.outlet, normalized: normalizedName } },
            },
          })
        ).id;
    }
    const previous = document.url
      ? await tx.article.findFirst({
          where: { url: document.url, nextVersion: null },
          select: { id: true, revision: true },
        })
      : null;
    await tx.article.create({
      data: {
        title: article.title,
        body: article.body,
        rawInput: document.raw,
        rawFormat: document.format,
        contentHash: hash,
        url: document.url ?? null,
        revision: previous ? previous.revision + 1 : 1,
        previousVersionId: previous?.id ?? null,
        outletId,
        publishedAt: parseDate(article.publishedAt),
        publishedPrecision: article.publishedAt ? article.precision : "unknown",
        ingestRunId: runId,
      },
    });
    return previous ? "revision" : "created";
  });
}
