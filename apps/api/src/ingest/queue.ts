import { cleanArticleText, EXTRACTOR_VERSION } from "@headcount/extract";
import { Logger, makeWorkerUtils, type Runner, run, runOnce, type TaskList } from "graphile-worker";
import type { Pool } from "../db/pool.ts";
import type { RejectedInput, SourceDocument } from "./documents.ts";
import { pollDueFeeds } from "./feeds.ts";
import { contentHash, documentText, type IngestOutcome, ingestDocument } from "./pipeline.ts";
import { placeOf, samePublication, storedCopies } from "./publications.ts";

/**
 * Batch ingest runs through graphile-worker, a job queue kept in PostgreSQL: every worker process on any
 * machine that reaches the database takes jobs from the same batch, and a job is handed to one worker at
 * a time. A job that runs twice (after a crash) finds its publication stored and changes nothing.
 */
export const INGEST_TASK = "ingest_document";
const MAX_ATTEMPTS = 3;

export interface IngestJob {
  runId: number;
  document: SourceDocument;
}

export interface RunProgress {
  runId: number;
  total: number;
  created: number;
  unchanged: number;
  revisions: number;
  failed: number;
  failures: { file: string; reason: string }[];
  done: boolean;
}

/** Creates the run, records inputs refused before extraction, and queues one job per document. */
export async function enqueueBatch(
  pool: Pool,
  documents: SourceDocument[],
  options: { trigger: string; rejected?: RejectedInput[] },
): Promise<number> {
  const rejected = options.rejected ?? [];
  // Texts already stored are counted as unchanged here and never queued: re-ingesting a batch costs one
  // cleaning pass and one query.
  const cleaned = documents.map((document) => cleanArticleText(documentText(document)));
  const hashes = cleaned.map((text) => contentHash(text.body));
  const copies = await storedCopies(pool, hashes);
  // The same text from another place is a reprint, to be stored: only the same publication is skipped.
  const queued = documents.filter(
    (document, index) =>
      !copies
        .get(hashes[index] as string)
        ?.some((copy) =>
          samePublication(copy, placeOf(document, cleaned[index] as (typeof cleaned)[number])),
        ),
  );
  const created = await pool.query<{ id: number }>(
    `insert into "IngestRun" (trigger, "extractorVersion", "totalCount", "unchangedCount", "failedCount", failures,
                              status, "finishedAt")
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8) returning id`,
    [
      options.trigger,
      EXTRACTOR_VERSION,
      documents.length + rejected.length,
      documents.length - queued.length,
      rejected.length,
      JSON.stringify(rejected.map((item) => ({ file: item.origin, reason: item.reason }))),
      queued.length === 0 ? "completed" : "running",
      queued.length === 0 ? new Date() : null,
    ],
  );
  const runId = created.rows[0]?.id as number;
  documents = queued;
  if (documents.length > 0) {
    const utils = await makeWorkerUtils({ pgPool: pool, logger: quietLogger });
    try {
      await utils.migrate(); // installs or upgrades the queue's own schema (graphile_worker)
      for (let offset = 0; offset < documents.length; offset += 500) {
        await utils.addJobs(
          documents.slice(offset, offset + 500).map((document) => ({
            identifier: INGEST_TASK,
            payload: { runId, document } satisfies IngestJob,
            maxAttempts: MAX_ATTEMPTS,
          })),
        );
      }
    } finally {
      await utils.release();
    }
  }
  return runId;
}

async function recordOutcome(pool: Pool, runId: number, origin: string, outcome: IngestOutcome) {
  const failure =
    outcome.status === "failed"
      ? JSON.stringify([{ file: origin, reason: outcome.reason }])
      : JSON.stringify([]);
  // One statement, so concurrent workers never lose a count; the last one closes the run.
  await pool.query(
    `update "IngestRun" set
       "newCount" = "newCount" + $2, "unchangedCount" = "unchangedCount" + $3,
       "revisionCount" = "revisionCount" + $4, "failedCount" = "failedCount" + $5,
       failures = failures || $6::jsonb,
       status = case when "newCount" + "unchangedCount" + "revisionCount" + "failedCount" + 1 >= "totalCount"
                     then 'completed'::"IngestStatus" else status end,
       "finishedAt" = case when "newCount" + "unchangedCount" + "revisionCount" + "failedCount" + 1 >= "totalCount"
                     then now() else "finishedAt" end
     where id = $1`,
    [
      runId,
      outcome.status === "created" ? 1 : 0,
      outcome.status === "unchanged" ? 1 : 0,
      outcome.status === "revision" ? 1 : 0,
      outcome.status === "failed" ? 1 : 0,
      failure,
    ],
  );
}

/** The scheduled task that polls feeds whose interval has passed. */
export const POLL_FEEDS_TASK = "poll_feeds";
/**
 * graphile-worker's crontab: every minute, one worker among all those sharing the database runs the poll
 * (each feed keeps its own interval); a minute missed while no worker ran is not made up for.
 */
export const FEEDS_CRONTAB = `* * * * * ${POLL_FEEDS_TASK} ?max=1&jobKey=${POLL_FEEDS_TASK}&jobKeyMode=preserve_run_at`;

export function ingestTasks(pool: Pool, onJobDone?: (outcome: IngestOutcome) => void): TaskList {
  return {
    [POLL_FEEDS_TASK]: async () => {
      const results = await pollDueFeeds(pool);
      for (const result of results) {
        if (result.error) console.error(`feed ${result.url}: ${result.error}`);
      }
    },
    [INGEST_TASK]: async (payload, helpers) => {
      const { runId, document } = payload as IngestJob;
      let outcome: IngestOutcome;
      try {
        outcome = await ingestDocument(pool, document, { runId });
      } catch (error) {
        // Unexpected (the database went away…): let the queue retry, and count it only on the last try.
        if (helpers.job.attempts < helpers.job.max_attempts) throw error;
        outcome = {
          status: "failed",
          reason: `${(error as Error).message} (after ${helpers.job.attempts} attempts)`,
        };
      }
      await recordOutcome(pool, runId, document.origin, outcome);
      onJobDone?.(outcome);
    },
  };
}

/**
 * A worker in this process; `once` processes what is queued and returns. With `pollFeeds`, it also runs
 * the feed schedule (long-running workers: `npm run worker`, `npm start`), not a one-off ingest.
 */
export async function startWorker(
  pool: Pool,
  options: { concurrency?: number; pollFeeds?: boolean } = {},
): Promise<Runner> {
  return run({
    pgPool: pool,
    concurrency: options.concurrency ?? 4,
    pollInterval: 500,
    noHandleSignals: true,
    logger: quietLogger,
    taskList: ingestTasks(pool),
    ...(options.pollFeeds ? { crontab: FEEDS_CRONTAB } : {}),
  });
}

/** Processes every queued job, then returns how many this process handled. */
export async function drainQueue(pool: Pool, concurrency = 4): Promise<number> {
  let handled = 0;
  await runOnce({
    pgPool: pool,
    concurrency,
    noHandleSignals: true,
    logger: quietLogger,
    taskList: ingestTasks(pool, () => handled++),
  });
  return handled;
}

export async function runProgress(pool: Pool, runId: number): Promise<RunProgress> {
  const { rows } = await pool.query<{
    totalCount: number;
    newCount: number;
    unchangedCount: number;
    revisionCount: number;
    failedCount: number;
    failures: { file: string; reason: string }[];
    status: string;
  }>(`select * from "IngestRun" where id = $1`, [runId]);
  const ingestRun = rows[0];
  if (!ingestRun) throw new Error(`No ingest run ${runId}`);
  return {
    runId,
    total: ingestRun.totalCount,
    created: ingestRun.newCount,
    unchanged: ingestRun.unchangedCount,
    revisions: ingestRun.revisionCount,
    failed: ingestRun.failedCount,
    failures: ingestRun.failures ?? [],
    done: ingestRun.status !== "running",
  };
}

/** graphile-worker logs every job at info level; only its warnings and errors are worth a line. */
const quietLogger = new Logger(() => (level: string, message: string) => {
  if (level === "error" || level === "warning") console.error(`queue ${level}: ${message}`);
});
