// npm run worker: process queued ingest jobs and poll feeds on their schedule until stopped (or, with --once,
// process the queue until it is empty).
import { parseArgs } from "node:util";
import { ConfigError } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrations.ts";
import { createPool } from "../db/pool.ts";
import { drainQueue, ProcessLease, recoverInterruptedRuns, startWorker } from "../ingest/queue.ts";

const { values } = parseArgs({
  options: { concurrency: { type: "string", default: "4" }, once: { type: "boolean", default: false } },
});
const concurrency = Number.parseInt(values.concurrency ?? "4", 10);
const db = await openDatabase().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
await applyMigrations(db.url);
const pool = createPool(db.url, { max: concurrency + 4 });
// Batches left running by a killed process are ended, or taken over and processed here.
const lease = new ProcessLease(pool);
for (const run of await recoverInterruptedRuns(pool, lease)) {
  console.error(
    `worker: ingest run ${run.runId} was interrupted (its process stopped); ` +
      (run.remaining > 0 ? `processing its ${run.remaining} remaining document(s)` : "ended"),
  );
}

async function close(code: number): Promise<never> {
  await lease.end();
  await pool.end();
  await db.stop();
  process.exit(code);
}

if (values.once) {
  const handled = await drainQueue(pool, concurrency);
  console.log(`worker: processed ${handled} job(s); the queue is empty`);
  await close(0);
} else {
  const runner = await startWorker(pool, { concurrency, pollFeeds: true });
  console.error(
    `worker: processing ingest jobs with concurrency ${concurrency} and polling feeds when due; Ctrl-C to stop`,
  );
  const stop = async () => {
    await runner.stop();
    await close(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
}
