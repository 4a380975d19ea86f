import { EXTRACTOR_VERSION } from "@headcount/extract";
import { Logger, makeWorkerUtils, type Runner, run, runOnce, type TaskList } from "graphile-worker";
import type { PrismaClient } from "../db/prisma.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import type { RejectedInput, SourceDocument } from "./documents.ts";
import { type IngestOutcome, ingestDocument } from "./pipeline.ts";

/**
 * Batch ingest runs through graphile-worker, a job queue kept in PostgreSQL: every worker process on any
 * machine that reaches the database takes jobs from the same batch, and a job is handed to one worker at
 * a time. The unique content hash makes a job that runs twice (after a crash) harmless.
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
  prisma: PrismaClient,
  databaseUrl: string,
  documents: SourceDocument[],
  options: { trigger: string; rejected?: RejectedInput[] },
): Promise<number> {
  const rejected = options.rejected ?? [];
  const ingestRun = await prisma.ingestRun.create({
    data: {
      trigger: options.trigger,
      extractorVersion: EXTRACTOR_VERSION,
      totalCount: documents.length + rejected.length,
      failedCount: rejected.length,
      failures: rejected.map((item) => ({ file: item.origin, reason: item.reason })),
      ...(documents.length === 0 ? { status: "completed" as const, finishedAt: new Date() } : {}),
    },
  });
  if (documents.length > 0) {
    const utils = await makeWorkerUtils({ connectionString: databaseUrl, logger: quietLogger });
    try {
      await utils.migrate(); // installs or upgrades the queue's own schema (graphile_worker)
      for (let offset = 0; offset < documents.length; offset += 500) {
        await utils.addJobs(
          documents.slice(offset, offset + 500).map((document) => ({
            identifier: INGEST_TASK,
            payload: { runId: ingestRun.id, document } satisfies IngestJob,
            maxAttempts: MAX_ATTEMPTS,
          })),
        );
      }
    } finally {
      await utils.release();
    }
  }
  return ingestRun.id;
}

async function recordOutcome(prisma: PrismaClient, runId: number, origin: string, outcome: IngestOutcome) {
  const failure =
    outcome.status === "failed"
      ? JSON.stringify([{ file: origin, reason: outcome.reason }])
      : JSON.stringify([]);
  // One statement, so concurrent workers never lose a count; the last one closes the run.
  await prisma.$executeRaw`
    update "IngestRun" set
      "newCount" = "newCount" + ${outcome.status === "created" ? 1 : 0},
      "unchangedCount" = "unchangedCount" + ${outcome.status === "unchanged" ? 1 : 0},
      "revisionCount" = "revisionCount" + ${outcome.status === "revision" ? 1 : 0},
      "failedCount" = "failedCount" + ${outcome.status === "failed" ? 1 : 0},
      "failures" = "failures" || ${failure}::jsonb
    where id = ${runId}`;
  await prisma.$executeRaw`
    update "IngestRun" set status = 'completed', "finishedAt" = now()
    where id = ${runId} and status = 'running'
      and "newCount" + "unchangedCount" + "revisionCount" + "failedCount" >= "totalCount"`;
}

export function ingestTasks(prisma: PrismaClient): TaskList {
  return {
    [INGEST_TASK]: async (payload, helpers) => {
      const { runId, document } = payload as IngestJob;
      let outcome: IngestOutcome;
      try {
        outcome = await ingestDocument(prisma, document, { runId });
      } catch (error) {
        // Unexpected (the database went away…): let the queue retry, and count it only on the last try.
        if (helpers.job.attempts < helpers.job.max_attempts) throw error;
        outcome = {
          status: "failed",
          reason: `${(error as Error).message} (after ${helpers.job.attempts} attempts)`,
        };
      }
      await recordOutcome(prisma, runId, document.origin, outcome);
    },
  };
}

/** A worker in this process; `once` processes what is queued and returns. */
export async function startWorker(
  prisma: PrismaClient,
  databaseUrl: string,
  options: { concurrency?: number } = {},
): Promise<Runner> {
  return run({
    connectionString: databaseUrl,
    concurrency: options.concurrency ?? 4,
    pollInterval: 500,
    noHandleSignals: true,
    logger: quietLogger,
    taskList: ingestTasks(prisma),
  });
}

export async function drainQueue(prisma: PrismaClient, databaseUrl: string, concurrency = 4): Promise<void> {
  await runOnce({
    connectionString: databaseUrl,
    concurrency,
    noHandleSignals: true,
    logger: quietLogger,
    taskList: ingestTasks(prisma),
  });
}

export async function runProgress(prisma: PrismaClient, runId: number): Promise<RunProgress> {
  const ingestRun = await prisma.ingestRun.findUniqueOrThrow({ where: { id: runId } });
  const failures = (ingestRun.failures as Prisma.JsonArray as { file: string; reason: string }[]) ?? [];
  return {
    runId,
    total: ingestRun.totalCount,
    created: ingestRun.newCount,
    unchanged: ingestRun.unchangedCount,
    revisions: ingestRun.revisionCount,
    failed: ingestRun.failedCount,
    failures,
    done: ingestRun.status !== "running",
  };
}

/** graphile-worker logs every job at info level; only its warnings and errors are worth a line. */
const quietLogger = new Logger(() => (level: string, message: string) => {
  if (level === "error" || level === "warning") console.error(`queue ${level}: ${message}`);
});
