import type { ExtractedArticle } from "@headcount/extract";
import { EXTRACTOR_VERSION } from "@headcount/extract/version";
import { isWebAddress } from "@headcount/shared";
import type { Pool } from "../db/pool.ts";
import type { DocumentAnalysis } from "./analysis.ts";
import type { RejectedInput, SourceDocument } from "./documents.ts";
import { InFlight } from "./in-flight.ts";
import { type Place, samePublication, storedCopies } from "./publications.ts";
import { analyseDocument } from "./reader-pool.ts";
import { type IngestOutcome, storeArticle } from "./store-article.ts";

export { contentHash } from "./document-text.ts";
export type { IngestOutcome } from "./store-article.ts";

/**
 * clean → hash → dedupe → extract → resolve → store. One transaction per article: it is stored with all
 * its appearances, mentions and claims, or not at all. The same cleaned text from the same place is
 * stored once; from another outlet or URL it is a reprint whose appearances point at the same claims. A
 * new text at a known URL is a new revision: the old snapshot stays, and claims only it printed retire.
 */
export async function ingestDocument(
  pool: Pool,
  document: SourceDocument,
  options: { runId?: number | null; analysis?: DocumentAnalysis } = {},
): Promise<IngestOutcome> {
  // Whatever path it came by (API, HTML, JSON, manifest), an article's address is an http(s) URL or none.
  if (document.url?.trim() && !isWebAddress(document.url.trim())) {
    return { status: "failed", reason: "its address is not an http(s) URL" };
  }
  const analysis = options.analysis ?? (await analyseDocument(document));
  if ("failed" in analysis) return { status: "failed", reason: analysis.failed };
  const { hash } = analysis;
  // The same publication sent again while it is being stored waits for that one and is answered as
  // unchanged, without a connection of its own. Keyed by publication: the same text from another outlet or
  // URL at the same moment is a reprint, not a repeat.
  const key = [
    hash,
    document.url?.trim() ?? "",
    document.outlet?.trim() ?? analysis.extracted.outlet ?? "",
  ].join("\u0000");
  return inFlight.run(
    key,
    () => storeOnce(pool, document, analysis.extracted, hash, options.runId ?? null),
    (first) => (first.status === "failed" ? null : { status: "unchanged", articleId: first.articleId }),
  );
}

const inFlight = new InFlight<IngestOutcome>();

async function storeOnce(
  pool: Pool,
  document: SourceDocument,
  extracted: ExtractedArticle,
  hash: string,
  runId: number | null,
): Promise<IngestOutcome> {
  const place: Place = {
    url: document.url?.trim() || null,
    outlet: document.outlet?.trim() || extracted.outlet || null,
  };
  const stored = (await storedCopies(pool, [hash])).get(hash)?.find((copy) => samePublication(copy, place));
  if (stored) return { status: "unchanged", articleId: stored.id };

  const client = await pool.connect();
  try {
    // Commits wait for the WAL to reach the disk (the server's default): an answer of "created" means the
    // article survives a crash of the database. Throughput comes from batched statements instead.
    await client.query("begin");
    const outcome = await storeArticle(client, document, extracted, hash, place, runId);
    // Another worker stored the same publication a moment ago: nothing of this attempt is kept.
    await client.query(outcome.status === "unchanged" ? "rollback" : "commit");
    return outcome;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
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
  pool: Pool,
  documents: SourceDocument[],
  options: {
    trigger: string;
    rejected?: RejectedInput[];
    onProgress?: (done: number, total: number) => void;
  },
): Promise<IngestSummary> {
  const rejected = options.rejected ?? [];
  const run = await pool.query<{ id: number }>(
    `insert into "IngestRun" (trigger, "extractorVersion", "totalCount") values ($1, $2, $3) returning id`,
    [options.trigger, EXTRACTOR_VERSION, documents.length + rejected.length],
  );
  const runId = run.rows[0]?.id as number;
  const summary: IngestSummary = { runId, created: 0, unchanged: 0, revisions: 0, failed: [...rejected] };
  let done = 0;
  for (const document of documents) {
    const outcome = await ingestDocument(pool, document, { runId }).catch(
      (error: unknown): IngestOutcome => ({ status: "failed", reason: (error as Error).message }),
    );
    if (outcome.status === "failed") summary.failed.push({ origin: document.origin, reason: outcome.reason });
    else if (outcome.status === "created") summary.created++;
    else if (outcome.status === "revision") summary.revisions++;
    else summary.unchanged++;
    options.onProgress?.(++done, documents.length);
  }
  await pool.query(
    `update "IngestRun" set status = 'completed', "finishedAt" = now(), "newCount" = $2, "unchangedCount" = $3,
            "revisionCount" = $4, "failedCount" = $5, failures = $6::jsonb where id = $1`,
    [
      runId,
      summary.created,
      summary.unchanged,
      summary.revisions,
      summary.failed.length,
      JSON.stringify(summary.failed.map((failure) => ({ file: failure.origin, reason: failure.reason }))),
    ],
  );
  return summary;
}
