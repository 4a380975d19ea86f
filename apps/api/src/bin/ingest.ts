// npm run ingest -- PATH|URL... : files, folders (recursively), manifest.json and web pages into articles,
// claims and entities.
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrations.ts";
import { createPool } from "../db/pool.ts";
import { collectDocuments } from "../ingest/documents.ts";
import { looksLikeUrl } from "../ingest/fetch-page.ts";
import { createProgress } from "../ingest/progress.ts";
import { enqueueBatch, runProgress, startWorker } from "../ingest/queue.ts";
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
let exitCode = 0;
try {
  const urls = positionals.filter(looksLikeUrl);
  const files = await collectDocuments(positionals.filter((input) => !looksLikeUrl(input)));
  const pages = urls.length > 0 ? await collectPages(urls) : { documents: [], rejected: [] };
  const documents = [...files.documents, ...pages.documents];
  const rejected = [...files.rejected, ...pages.rejected];
  const runId = await enqueueBatch(pool, documents, { trigger: "cli", rejected });
  const start = await runProgress(pool, runId);
  console.error(
    `ingest run ${runId}: ${documents.length} document(s), ${start.unchanged} already stored, ` +
      `${documents.length - start.unchanged} to process, ${rejected.length} refused`,
  );
  if (values["enqueue-only"]) {
    console.error("queued; start `npm run worker` on any machine that reaches the database to process it.");
  } else {
    const worker = documents.length > 0 ? await startWorker(pool, { concurrency }) : null;
    const progress = createProgress();
    let state = await runProgress(pool, runId);
    while (!state.done) {
      progress.update(state.created + state.unchanged + state.revisions + state.failed, state.total);
      await new Promise((resolve) => setTimeout(resolve, 250));
      state = await runProgress(pool, runId);
    }
    progress.update(state.total, state.total);
    progress.stop();
    await worker?.stop();
    console.log(
      `new ${state.created} · unchanged ${state.unchanged} · new versions ${state.revisions} · failed ${state.failed}`,
    );
    for (const failure of state.failures) {
      const where = looksLikeUrl(failure.file)
        ? failure.file
        : path.relative(process.cwd(), failure.file) || failure.file;
      console.log(`  ✗ ${where}: ${failure.reason}`);
    }
    if (state.failed > 0) exitCode = 1;
  }
} finally {
  await pool.end();
  await db.stop();
}
process.exit(exitCode);
