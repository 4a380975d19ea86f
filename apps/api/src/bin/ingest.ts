// npm run ingest -- PATH|URL... : files, folders (recursively), manifest.json and web pages into articles,
// claims and entities.
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../config.ts";
import { mergeVariantsAutomatically } from "../curation/automatic-merges.ts";
import { openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrations.ts";
import { createPool } from "../db/pool.ts";
import { prismaOnPool } from "../db/prisma.ts";
import { collectDocuments } from "../ingest/documents.ts";
import { looksLikeUrl } from "../ingest/fetch-page.ts";
import { createProgress } from "../ingest/progress.ts";
import {
  enqueueBatchDetailed,
  ProcessLease,
  type RunProgress,
  recoverInterruptedRuns,
  runProgress,
  startWorker,
} from "../ingest/queue.ts";
import { collectPages } from "../ingest/web-pages.ts";

const USAGE = `Usage: npm run ingest -- PATH|URL... [--workers N] [--enqueue-only]
  PATH           a .txt/.md/.html/.json/.ndjson file or a folder (read recursively; manifest.json beside files is used)
  URL            an http(s) address of a news page: fetched (robots.txt honoured, 2 MB and 30 s at most) and read
  --workers N    jobs this process runs at once (default 4); other \`npm run worker\` processes share the batch
  --enqueue-only queue the batch for workers elsewhere and return`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    workers: { type: "string", default: "4" },
    "enqueue-only": { type: "boolean", default: false },
    help: { type: "boolean", short: "h" },
  },
});
if (values.help || positionals.length === 0) {
  console.error(USAGE);
  process.exit(values.help ? 0 : 2);
}
const concurrency = Number.parseInt(values.workers ?? "4", 10);
if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
  console.error("--workers must be a whole number from 1 to 32.");
  process.exit(2);
}

const db = await openDatabase().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
console.error(`Writing to ${db.description}.`);
await applyMigrations(db.url);
const pool = createPool(db.url, { max: concurrency + 4 });
// Held while this process lives: a batch it runs that is left running after it was killed is ended or
// taken over by the next process that starts.
const lease = new ProcessLease(pool);
let exitCode = 0;

function summaryLine(state: RunProgress): string {
  return `new ${state.created} · unchanged ${state.unchanged} · new versions ${state.revisions} · failed ${state.failed}`;
}

async function waitFor(runIds: number[]): Promise<RunProgress[]> {
  const progress = createProgress();
  let states = await Promise.all(runIds.map((id) => runProgress(pool, id)));
  let lastRecovery = Date.now();
  while (states.some((state) => !state.done)) {
    progress.update(
      states.reduce((sum, s) => sum + s.created + s.unchanged + s.revisions + s.failed, 0),
      states.reduce((sum, s) => sum + s.total, 0),
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
    // Jobs a killed worker had locked go back to the queue once its lease is seen to be free.
    if (Date.now() - lastRecovery > 2_000) {
      lastRecovery = Date.now();
      await recoverInterruptedRuns(pool, lease);
    }
    states = await Promise.all(runIds.map((id) => runProgress(pool, id)));
  }
  const total = states.reduce((sum, s) => sum + s.total, 0);
  progress.update(total, total);
  progress.stop();
  return states;
}

try {
  const recovered = await recoverInterruptedRuns(pool, lease);
  for (const run of recovered) {
    console.error(
      `ingest run ${run.runId} was interrupted (its process stopped): ` +
        (run.remaining > 0
          ? `resuming its ${run.remaining} unprocessed document(s)`
          : "nothing of it was left to process") +
        (run.unlockedJobs > 0 ? `; ${run.unlockedJobs} job(s) a stopped worker held were handed back` : "") +
        (run.lost > 0 ? `; ${run.lost} document(s) were never queued and count as failed` : ""),
    );
  }
  const resumed = recovered.filter((run) => run.remaining > 0).map((run) => run.runId);
  const urls = positionals.filter(looksLikeUrl);
  const files = await collectDocuments(positionals.filter((input) => !looksLikeUrl(input)));
  const pages = urls.length > 0 ? await collectPages(urls) : { documents: [], rejected: [] };
  const documents = [...files.documents, ...pages.documents];
  const rejected = [...files.rejected, ...pages.rejected];
  let worker = null;
  if (resumed.length > 0 && !values["enqueue-only"]) {
    // The interrupted batches end first, so this batch's counts say which documents they stored.
    worker = await startWorker(pool, { concurrency, lease });
    for (const state of await waitFor(resumed)) {
      console.log(`ingest run ${state.runId} (interrupted, resumed here): ${summaryLine(state)}`);
      for (const failure of state.failures)
        console.log(`  ✗ ${path.relative(process.cwd(), failure.file) || failure.file}: ${failure.reason}`);
    }
  }
  const { runId, storedEarlier } = await enqueueBatchDetailed(pool, documents, {
    trigger: "cli",
    rejected,
    lease: values["enqueue-only"] ? undefined : lease,
  });
  const start = await runProgress(pool, runId);
  console.error(
    `ingest run ${runId}: ${documents.length} document(s), ${start.unchanged} already stored, ` +
      `${documents.length - start.unchanged} to process, ${rejected.length} refused`,
  );
  if (values["enqueue-only"]) {
    console.error("queued; start `npm run worker` on any machine that reaches the database to process it.");
  } else {
    if (documents.length > 0) worker ??= await startWorker(pool, { concurrency, lease });
    const [state] = (await waitFor([runId])) as [RunProgress];
    console.log(summaryLine(state));
    for (const earlier of storedEarlier) {
      const by =
        earlier.runId === null
          ? "outside any batch (pasted or sent to the API)"
          : `by ${earlier.recovered ? "interrupted batch" : "batch"} ${earlier.runId}`;
      console.log(`  unchanged: ${earlier.documents} stored ${by}`);
    }
    for (const failure of state.failures) {
      const where = looksLikeUrl(failure.file)
        ? failure.file
        : path.relative(process.cwd(), failure.file) || failure.file;
      console.log(`  ✗ ${where}: ${failure.reason}`);
    }
    if (state.failed > 0) exitCode = 1;
  }
  await worker?.stop();
  if (!values["enqueue-only"]) {
    // Close spelling variants the batch stored are merged before the command ends (the queue's own job for it
    // may not have run yet; it then finds nothing left to do).
    const prisma = prismaOnPool(pool);
    const merged = await mergeVariantsAutomatically(prisma);
    if (merged > 0)
      console.log(
        `  merged ${merged} spelling variant(s) of known names (undoable, on their entities' pages)`,
      );
    await prisma.$disconnect();
  }
} finally {
  await lease.end();
  await pool.end();
  await db.stop();
}
process.exit(exitCode);
