/**
 * End-to-end ingest rate on the embedded PostgreSQL: generated ~4 KB articles go through the same path as
 * `npm run ingest` (pre-dedupe, the PostgreSQL job queue, clean → extract in the reader threads, resolve
 * → store in one durable transaction per job of DOCUMENTS_PER_JOB articles), then the same batch again,
 * which must be at least 10× faster.
 *
 *   npx tsx bench/ingest.bench.ts [articles=400] [runs=3]
 *
 * Each run uses a fresh database on one embedded server started for the benchmark, so runs do not see
 * each other's entities. Prints a Markdown table row; BENCHMARKS.md keeps the figures and the method.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../apps/api/src/db/embedded.ts";
import { applyMigrations } from "../apps/api/src/db/migrations.ts";
import { createPool } from "../apps/api/src/db/pool.ts";
import type { SourceDocument } from "../apps/api/src/ingest/documents.ts";
import { drainQueue, enqueueBatch, runProgress } from "../apps/api/src/ingest/queue.ts";
import { generateArticles } from "./corpus.ts";

const count = Number(process.argv[2] ?? 400);
const runs = Number(process.argv[3] ?? 3);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const documents: SourceDocument[] = [...generateArticles(count, 5)].map((article) => ({
  origin: article.file,
  format: "txt",
  raw: article.text,
}));
const meanBytes = documents.reduce((sum, d) => sum + Buffer.byteLength(d.raw), 0) / documents.length;

const dataDir = await mkdtemp(path.join(os.tmpdir(), "headcount-bench-"));
await chmod(dataDir, 0o755);
const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres" });
const firstRates: number[] = [];
const againRates: number[] = [];
try {
  for (let run = 0; run < runs; run++) {
    const name = `bench_ingest_${run}`;
    const admin = new pg.Client({ connectionString: server.adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(server.adminUrl);
    url.pathname = `/${name}`;
    await applyMigrations(url.toString());
    const pool = createPool(url.toString(), { max: 8 });

    let started = performance.now();
    let runId = await enqueueBatch(pool, documents, { trigger: "bench" });
    await drainQueue(pool, 4);
    let seconds = (performance.now() - started) / 1000;
    const first = await runProgress(pool, runId);
    if (first.created !== count)
      throw new Error(`expected ${count} new articles, got ${JSON.stringify(first)}`);
    firstRates.push(count / seconds);

    started = performance.now();
    runId = await enqueueBatch(pool, documents, { trigger: "bench" });
    await drainQueue(pool, 4);
    seconds = (performance.now() - started) / 1000;
    const again = await runProgress(pool, runId);
    if (again.unchanged !== count)
      throw new Error(`expected ${count} unchanged, got ${JSON.stringify(again)}`);
    againRates.push(count / seconds);
    await pool.end();
    console.error(
      `run ${run + 1}: ${firstRates.at(-1)?.toFixed(1)}/s new, ${againRates.at(-1)?.toFixed(0)}/s unchanged`,
    );
  }
} finally {
  await server.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const firstMedian = median(firstRates);
const againMedian = median(againRates);
console.log(
  `| ${new Date().toISOString().slice(0, 10)} | ${count} × ${(meanBytes / 1024).toFixed(1)} KB | ${runs} | ` +
    `**${firstMedian.toFixed(1)}** (${Math.min(...firstRates).toFixed(1)}–${Math.max(...firstRates).toFixed(1)}) | ` +
    `**${againMedian.toFixed(0)}** (${Math.min(...againRates).toFixed(0)}–${Math.max(...againRates).toFixed(0)}) | ` +
    `${(againMedian / firstMedian).toFixed(0)}× |`,
);
// The same figures for bench/run.ts, on one line.
console.log(
  JSON.stringify({
    articles: count,
    meanKB: Number((meanBytes / 1024).toFixed(1)),
    runs,
    newPerSecond: { median: firstMedian, min: Math.min(...firstRates), max: Math.max(...firstRates) },
    unchangedPerSecond: { median: againMedian, min: Math.min(...againRates), max: Math.max(...againRates) },
  }),
);
