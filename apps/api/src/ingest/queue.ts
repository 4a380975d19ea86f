import os from "node:os";
import { cleanArticleText } from "@headcount/extract/furniture";
import { EXTRACTOR_VERSION } from "@headcount/extract/version";
import { wellFormed } from "@headcount/shared";
import { Logger, makeWorkerUtils, type Runner, run, runOnce, type TaskList } from "graphile-worker";
import { mergeVariantsAutomatically } from "../curation/automatic-merges.ts";
import type { Pool, PoolClient } from "../db/pool.ts";
import { prismaOnPool } from "../db/prisma.ts";
import { contentHash, documentText } from "./document-text.ts";
import type { RejectedInput, SourceDocument } from "./documents.ts";
import { pollDueFeeds } from "./feeds.ts";
import { placeOf, samePublication, storedCopies } from "./publications.ts";
import { analyseDocument, DocumentRefused } from "./reader-pool.ts";
import type { IngestOutcome } from "./store-article.ts";
import { lockIds } from "./store-claims.ts";
import { type GroupItem, storeGroup } from "./store-group.ts";

/**
 * Batch ingest runs through graphile-worker, a job queue kept in PostgreSQL: every worker process on any
 * machine that reaches the database takes jobs from the same batch, and a job is handed to one worker at
 * a time. A job that runs twice (after a crash) finds its publication stored and changes nothing.
 */
export const INGEST_TASK = "ingest_document";
const MAX_ATTEMPTS = 3;
/**
 * Documents per job. A job's documents are read in parallel in the reader threads, then stored in one
 * transaction that waits for one WAL flush (see storeGroup); several jobs run at once, so one group is
 * read while another is written.
 */
export const DOCUMENTS_PER_JOB = 16;

export interface IngestJob {
  runId: number;
  documents?: SourceDocument[];
  /** Jobs queued before documents were grouped carry one document. */
  document?: SourceDocument;
}

/**
 * Session-level advisory locks held by this process for as long as it lives: the batch it waits for and
 * the queue workers it runs. When a process dies, its connection closes and PostgreSQL releases them:
 * that is how a later process tells a batch whose owner was killed from one still being worked on.
 */
export class ProcessLease {
  readonly name = `${os.hostname()}:${process.pid}`;
  private readonly held = new Set<string>();
  private client: Promise<PoolClient> | null = null;

  constructor(private readonly pool: Pool) {}

  private connection(): Promise<PoolClient> {
    this.client ??= this.pool.connect();
    return this.client;
  }

  holds(key: string): boolean {
    return this.held.has(key);
  }

  /** Holds the key until released or until this process ends. */
  async hold(key: string): Promise<void> {
    if (this.held.has(key)) return;
    this.held.add(key);
    await (await this.connection()).query("select pg_advisory_lock($1::bigint)", lockIds([key]));
  }

  /** Takes the key if no live process holds it; false when another one does. */
  async tryHold(key: string): Promise<boolean> {
    if (this.held.has(key)) return true;
    const { rows } = await (await this.connection()).query<{ ok: boolean }>(
      "select pg_try_advisory_lock($1::bigint) as ok",
      lockIds([key]),
    );
    if (rows[0]?.ok) this.held.add(key);
    return rows[0]?.ok === true;
  }

  async release(key: string): Promise<void> {
    if (!this.held.delete(key)) return;
    await (await this.connection()).query("select pg_advisory_unlock($1::bigint)", lockIds([key]));
  }

  async end(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held.clear();
    if (client) (await client).release(true);
  }
}

const runKey = (runId: number) => `ingest-run:${runId}`;
const workerKey = (workerId: string) => `ingest-worker:${workerId}`;

/** A batch found running whose process was gone, now ended or taken over by this process. */
export interface RecoveredRun {
  runId: number;
  /** Documents still queued, now processed by whichever worker takes them. */
  remaining: number;
  /** Documents neither counted nor queued: the batch ended as failed for them. */
  lost: number;
  /** Jobs that a stopped worker had locked, handed back to the queue. */
  unlockedJobs: number;
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

/** Creates the run, records inputs refused before extraction, and queues the documents in jobs. */
export async function enqueueBatch(
  pool: Pool,
  documents: SourceDocument[],
  options: { trigger: string; rejected?: RejectedInput[]; lease?: ProcessLease },
): Promise<number> {
  return (await enqueueBatchDetailed(pool, documents, options)).runId;
}

/** Documents of a batch found stored already, by the batch that stored them. */
export interface StoredEarlier {
  runId: number | null;
  documents: number;
  /** That batch was interrupted (its process stopped) and recovered by a later process. */
  recovered: boolean;
}

/**
 * enqueueBatch, also saying which earlier batches stored the documents found stored already. With a
 * lease, this process owns the batch (it waits for it to end); without one, the batch is queued for any
 * worker and is owned only while its jobs are being added.
 */
export async function enqueueBatchDetailed(
  pool: Pool,
  documents: SourceDocument[],
  options: { trigger: string; rejected?: RejectedInput[]; lease?: ProcessLease },
): Promise<{ runId: number; storedEarlier: StoredEarlier[] }> {
  const rejected = options.rejected ?? [];
  const lease = options.lease ?? new ProcessLease(pool);
  // Texts already stored are counted as unchanged here and never queued: re-ingesting a batch costs one
  // cleaning pass and one query.
  const cleaned = documents.map((document) => cleanArticleText(documentText(document)));
  const hashes = cleaned.map((text) => contentHash(text.body));
  const copies = await storedCopies(pool, hashes);
  // The same text from another place is a reprint, to be stored: only the same publication is skipped.
  const storedIds: number[] = [];
  const queued = documents.filter((document, index) => {
    const copy = copies
      .get(hashes[index] as string)
      ?.find((stored) =>
        samePublication(stored, placeOf(document, cleaned[index] as (typeof cleaned)[number])),
      );
    if (copy) storedIds.push(copy.id);
    return copy === undefined;
  });
  const created = await pool.query<{ id: number }>(
    `insert into "IngestRun" (trigger, "extractorVersion", "totalCount", "unchangedCount", "failedCount", failures,
                              status, "finishedAt", owner)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7, $8, $9) returning id`,
    [
      options.trigger,
      EXTRACTOR_VERSION,
      documents.length + rejected.length,
      documents.length - queued.length,
      rejected.length,
      JSON.stringify(rejected.map((item) => ({ file: item.origin, reason: item.reason }))),
      queued.length === 0 ? "completed" : "running",
      queued.length === 0 ? new Date() : null,
      queued.length === 0 ? null : lease.name,
    ],
  );
  const runId = created.rows[0]?.id as number;
  const storedEarlier = await storedBy(pool, storedIds);
  if (queued.length === 0) return { runId, storedEarlier };
  // Owned while the jobs are added, so a process killed half-way leaves a batch that the next one ends.
  await lease.hold(runKey(runId));
  const utils = await makeWorkerUtils({ pgPool: pool, logger: quietLogger });
  try {
    await utils.migrate(); // installs or upgrades the queue's own schema (graphile_worker)
    const jobs: IngestJob[] = [];
    for (let offset = 0; offset < queued.length; offset += DOCUMENTS_PER_JOB)
      // A job is JSON: a lone surrogate from a JSON file's "\ud800" would be refused, failing the batch.
      jobs.push({ runId, documents: wellFormed(queued.slice(offset, offset + DOCUMENTS_PER_JOB)) });
    for (let offset = 0; offset < jobs.length; offset += 50) {
      await utils.addJobs(
        jobs.slice(offset, offset + 50).map((payload) => ({
          identifier: INGEST_TASK,
          payload,
          maxAttempts: MAX_ATTEMPTS,
        })),
      );
    }
  } finally {
    await utils.release();
  }
  if (!options.lease) {
    await pool.query(`update "IngestRun" set owner = null where id = $1`, [runId]);
    await lease.end();
  }
  return { runId, storedEarlier };
}

async function storedBy(pool: Pool, articleIds: number[]): Promise<StoredEarlier[]> {
  if (articleIds.length === 0) return [];
  const { rows } = await pool.query<{ runId: number | null; documents: number; recovered: boolean }>(
    `select a."ingestRunId" as "runId", count(*)::int as documents, bool_or(r."recoveredAt" is not null) as recovered
       from "Article" a left join "IngestRun" r on r.id = a."ingestRunId"
      where a.id = any($1::int[])
      group by a."ingestRunId"
      order by a."ingestRunId" nulls first`,
    [articleIds],
  );
  return rows.map((row) => ({ ...row, recovered: row.recovered === true }));
}

/**
 * Ends or takes over the batches left running by processes that are gone (killed, or their machine
 * lost), and hands back to the queue the jobs their workers had locked. A batch with documents still
 * queued is taken over by this process (it waits for it) and ends as completed when they are processed;
 * one with nothing left to process ends at once, as failed for the documents never processed.
 */
export async function recoverInterruptedRuns(pool: Pool, lease: ProcessLease): Promise<RecoveredRun[]> {
  const queue = await pool.query<{ exists: boolean }>(
    `select to_regclass('graphile_worker._private_jobs') is not null as exists`,
  );
  const hasQueue = queue.rows[0]?.exists === true;
  let unlocked = new Map<number, number>();
  if (hasQueue) {
    // A job locked a moment ago may belong to a worker that has not taken its lease yet: leave those.
    const locked = await pool.query<{ lockedBy: string }>(
      `select distinct locked_by as "lockedBy" from graphile_worker._private_jobs
        where locked_by is not null and locked_at < now() - interval '5 seconds'`,
    );
    const gone: string[] = [];
    for (const { lockedBy } of locked.rows) {
      if (lease.holds(workerKey(lockedBy))) continue;
      if (await lease.tryHold(workerKey(lockedBy))) {
        gone.push(lockedBy);
        await lease.release(workerKey(lockedBy));
      }
    }
    if (gone.length > 0) {
      const counted = await pool.query<{ runId: number; jobs: number }>(
        `select (payload->>'runId')::int as "runId", count(*)::int as jobs from graphile_worker._private_jobs
          where locked_by = any($1::text[]) group by 1`,
        [gone],
      );
      unlocked = new Map(counted.rows.map((row) => [row.runId, row.jobs]));
      const utils = await makeWorkerUtils({ pgPool: pool, logger: quietLogger });
      try {
        await utils.forceUnlockWorkers(gone);
      } finally {
        await utils.release();
      }
    }
  }
  const running = await pool.query<{ id: number; owner: string | null; counted: number; total: number }>(
    `select id, owner, "totalCount" as total,
            "newCount" + "unchangedCount" + "revisionCount" + "failedCount" as counted
       from "IngestRun" where status = 'running' and owner is not null order by id`,
  );
  const recovered: RecoveredRun[] = [];
  for (const run of running.rows) {
    if (lease.holds(runKey(run.id)) || !(await lease.tryHold(runKey(run.id)))) continue;
    const remaining = hasQueue
      ? await pool.query<{ documents: number }>(
          `select coalesce(sum(coalesce(json_array_length(payload->'documents'), 1)), 0)::int as documents
             from graphile_worker._private_jobs where (payload->>'runId')::int = $1`,
          [run.id],
        )
      : { rows: [{ documents: 0 }] };
    const left = remaining.rows[0]?.documents ?? 0;
    const lost = Math.max(0, run.total - run.counted - left);
    const failure =
      lost > 0
        ? [
            {
              file: `batch ${run.id}`,
              reason: `${lost} document(s) were never processed: the process running the batch (${run.owner}) stopped`,
            },
          ]
        : [];
    if (left > 0) {
      // Taken over: the documents still queued are processed and counted in this batch, which then ends.
      await pool.query(
        `update "IngestRun" set owner = $2, "recoveredAt" = now(), "totalCount" = "totalCount" - $3,
                "failedCount" = "failedCount" + $3, failures = failures || $4::jsonb
          where id = $1`,
        [run.id, lease.name, lost, JSON.stringify(failure)],
      );
    } else {
      await pool.query(
        `update "IngestRun" set status = case when $2::int > 0 then 'failed'::"IngestStatus" else 'completed' end,
                "finishedAt" = now(), "recoveredAt" = now(), "failedCount" = "failedCount" + $2,
                failures = failures || $3::jsonb
          where id = $1`,
        [run.id, lost, JSON.stringify(failure)],
      );
      await lease.release(runKey(run.id));
    }
    recovered.push({ runId: run.id, remaining: left, lost, unlockedJobs: unlocked.get(run.id) ?? 0 });
  }
  return recovered;
}

/**
 * Adds a job's outcomes to its batch's counts, inside the transaction that stored them; the job's id is
 * kept with the counts, so a job run again after a crash (its work committed, the queue not yet told)
 * changes nothing. The outcome that brings the counts to the total closes the batch.
 */
async function recordOutcomes(
  client: PoolClient | Pool,
  runId: number,
  jobId: string,
  documents: SourceDocument[],
  outcomes: IngestOutcome[],
) {
  const tally = (status: IngestOutcome["status"]) => outcomes.filter((o) => o.status === status).length;
  const failures = outcomes.flatMap((outcome, index) =>
    outcome.status === "failed" ? [{ file: documents[index]?.origin ?? "", reason: outcome.reason }] : [],
  );
  await client.query(
    `update "IngestRun" set
       "newCount" = "newCount" + $2, "unchangedCount" = "unchangedCount" + $3,
       "revisionCount" = "revisionCount" + $4, "failedCount" = "failedCount" + $5,
       failures = failures || $6::jsonb,
       "countedJobs" = "countedJobs" || $7::bigint,
       status = case when "newCount" + "unchangedCount" + "revisionCount" + "failedCount" + $8 >= "totalCount"
                     then 'completed'::"IngestStatus" else status end,
       "finishedAt" = case when "newCount" + "unchangedCount" + "revisionCount" + "failedCount" + $8 >= "totalCount"
                     then now() else "finishedAt" end
     where id = $1 and not ($7::bigint = any("countedJobs"))`,
    [
      runId,
      tally("created"),
      tally("unchanged"),
      tally("revision"),
      tally("failed"),
      JSON.stringify(failures),
      jobId,
      outcomes.length,
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

function jobDocuments(job: IngestJob): SourceDocument[] {
  return job.documents ?? (job.document ? [job.document] : []);
}

export function ingestTasks(
  pool: Pool,
  lease: ProcessLease,
  onJobDone?: (outcome: IngestOutcome) => void,
): TaskList {
  return {
    [POLL_FEEDS_TASK]: async () => {
      const results = await pollDueFeeds(pool);
      for (const result of results) {
        if (result.error) console.error(`feed ${result.url}: ${result.error}`);
      }
      if (results.some((result) => result.stored > 0)) await mergeAfterIngest(pool);
    },
    [INGEST_TASK]: async (payload, helpers) => {
      const job = payload as IngestJob;
      const documents = jobDocuments(job);
      // While this process lives, the worker's lease tells a later process not to take its jobs back.
      if (helpers.job.locked_by) await lease.hold(workerKey(helpers.job.locked_by));
      let outcomes: IngestOutcome[];
      try {
        // Read in parallel in the reader threads; a document too slow or too big to read fails alone.
        const items: GroupItem[] = await Promise.all(
          documents.map(async (document) => ({
            document,
            analysis: await analyseDocument(document).catch((error: unknown) => {
              if (error instanceof DocumentRefused) return { failed: error.message };
              throw error;
            }),
          })),
        );
        outcomes = await storeGroup(pool, items, {
          runId: job.runId,
          record: (client, stored) => recordOutcomes(client, job.runId, helpers.job.id, documents, stored),
        });
      } catch (error) {
        // Unexpected (the database went away…): let the queue retry, and count it only on the last try.
        if (helpers.job.attempts < helpers.job.max_attempts) throw error;
        const reason = `${(error as Error).message} (after ${helpers.job.attempts} attempts)`;
        outcomes = documents.map(() => ({ status: "failed", reason }));
        await recordOutcomes(pool, job.runId, helpers.job.id, documents, outcomes);
      }
      // Names stored as close variants of known ones are merged (undoably) before the job ends: the batch is
      // done when its merges are. A failure there leaves the suggestions for the next pass.
      if (outcomes.some((outcome) => outcome.status === "created" || outcome.status === "revision"))
        await mergeAfterIngest(pool);
      for (const outcome of outcomes) onJobDone?.(outcome);
    },
  };
}

async function mergeAfterIngest(pool: Pool): Promise<void> {
  await mergeVariantsAutomatically(prismaOnPool(pool)).catch((error: unknown) =>
    console.error(`automatic merges: ${(error as Error).message}`),
  );
}

/**
 * A worker in this process, until stopped. With `pollFeeds`, it also runs the feed schedule (long-running
 * workers: `npm run worker`, `npm start`), not a one-off ingest.
 */
export async function startWorker(
  pool: Pool,
  options: { concurrency?: number; pollFeeds?: boolean; lease?: ProcessLease } = {},
): Promise<Runner> {
  const lease = options.lease ?? new ProcessLease(pool);
  const runner = await run({
    pgPool: pool,
    concurrency: options.concurrency ?? 4,
    pollInterval: 500,
    noHandleSignals: true,
    logger: quietLogger,
    taskList: ingestTasks(pool, lease),
    ...(options.pollFeeds ? { crontab: FEEDS_CRONTAB } : {}),
  });
  if (!options.lease) runner.promise.finally(() => lease.end()).catch(() => {});
  return runner;
}

/** Processes every queued job, then returns how many documents this process handled. */
export async function drainQueue(pool: Pool, concurrency = 4): Promise<number> {
  let handled = 0;
  const lease = new ProcessLease(pool);
  try {
    await runOnce({
      pgPool: pool,
      concurrency,
      noHandleSignals: true,
      logger: quietLogger,
      taskList: ingestTasks(pool, lease, () => handled++),
    });
  } finally {
    await lease.end();
  }
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
