/**
 * Throughput of a mixed dashboard read workload: autocannon against the real API (production mode, its
 * own process) on a `npm run bench:data` corpus, with the database on the same machine.
 *
 *   npx tsx bench/load.bench.ts [--data-dir /tmp/hc-bench-1m] [--port 54339] [--duration 30]
 *                               [--connections 10]
 *   npx tsx bench/load.bench.ts --seeds [--duration 60]
 *   --read-cache off: the API without its read cache (on by default, as `npm start` runs it)
 *
 * With --seeds the database is a fresh one in a temporary folder holding the demo corpus exactly as
 * `npm start` loads it (migrations, then the seed articles through the ingest pipeline), and the overview
 * asks for all time: the workload an analyst's desk sees on a small corpus.
 *
 * Every connection cycles through the dashboard's real queries, with arguments drawn by a fixed-seed
 * generator: the overview chart (claimSeries of one metric over the last 30 days of the corpus, by
 * source), a claims page (claims(first: 50) by metric and side, sorted by value), a claim with its
 * evidence (node(id) as the claim page asks), an article with its claims and mentions, and the entity
 * list (first 50 with claim counts). A response that is not HTTP 200 or carries GraphQL `errors` counts
 * as an error. Prints one JSON object (bench/run.ts reads it).
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { loadConfig } from "../apps/api/src/config.ts";
import { applyMigrations } from "../apps/api/src/db/migrations.ts";
import { createPool } from "../apps/api/src/db/pool.ts";
import { collectDocuments } from "../apps/api/src/ingest/documents.ts";
import { ingestDocuments } from "../apps/api/src/ingest/pipeline.ts";
import { CSRF_HEADER, loadTest, openBenchDatabase, parseFlags, quantile, startApiProcess } from "./lib.ts";
import { mixBodies, readMixArguments } from "./mix.ts";

const flags = parseFlags(process.argv.slice(2));
const seeds = flags.has("seeds");
// A temporary folder is private (0700); as root, PostgreSQL runs as `postgres` and must reach into it.
const dataDir = seeds
  ? await mkdtemp(path.join(os.tmpdir(), "hc-load-seeds-")).then(async (dir) => {
      await chmod(dir, 0o755);
      return dir;
    })
  : (flags.get("data-dir") ?? "/tmp/hc-bench-1m");
const port = Number(flags.get("port") ?? (seeds ? 54341 : 54339));
const duration = Number(flags.get("duration") ?? 30);
const connections = Number(flags.get("connections") ?? 10);

const db = await openBenchDatabase(dataDir, port);
let corpus = "bench:data corpus";
if (seeds) {
  const corpusDir = loadConfig().corpusDir;
  if (!corpusDir) throw new Error("no demo corpus found (set HEADCOUNT_CORPUS)");
  await applyMigrations(db.url);
  const { documents, rejected } = await collectDocuments([corpusDir]);
  const ingestPool = createPool(db.url, { max: 2 });
  const summary = await ingestDocuments(ingestPool, documents, { trigger: "demo", rejected }).finally(() =>
    ingestPool.end(),
  );
  corpus = `demo corpus (${summary.created} articles from ${corpusDir})`;
}
const pool = new pg.Pool({ connectionString: db.url, max: 1 });
const readCache = flags.get("read-cache") !== "off";
const api = await startApiProcess(db.url, { readCache });
try {
  const bodies = mixBodies(await readMixArguments(db.url), seeds);
  const kinds = Object.keys(bodies);
  const errorsByKind: Record<string, number> = Object.fromEntries(kinds.map((k) => [k, 0]));
  let cacheHits = 0;
  let responses = 0;
  const requests = kinds.map((kind) => ({
    method: "POST" as const,
    setupRequest: (request: autocannon.Request) => ({
      ...request,
      body: JSON.stringify((bodies[kind] as () => unknown)()),
    }),
    onResponse: (status: number, body: string, _context: unknown, headers?: Record<string, unknown>) => {
      if (status !== 200 || body.includes('"errors"')) errorsByKind[kind] = (errorsByKind[kind] ?? 0) + 1;
      if (headers?.["x-headcount-cache"] === "hit") cacheHits++;
      else responses++;
    },
  }));
  // Warm-up: every query a few times (JIT, plan caches, the buffer cache).
  await autocannon({
    url: api.url,
    connections: 2,
    amount: 50,
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
    requests,
  });
  for (const kind of kinds) errorsByKind[kind] = 0;
  cacheHits = 0;
  responses = 0;
  const { result, latencies } = await loadTest({ url: api.url, connections, duration, requests });
  const graphqlErrors = Object.values(errorsByKind).reduce((a, b) => a + b, 0);
  console.log(
    JSON.stringify(
      {
        corpus,
        readCache,
        counts: await pool
          .query(`select (select count(*)::int from "Claim") as claims,
                         (select count(*)::int from "Article") as articles,
                         (select count(*)::int from "Entity") as entities`)
          .then((r) => r.rows[0]),
        durationSeconds: duration,
        connections,
        requests: result.requests.total,
        requestsPerSecond: Math.round((result.requests.total / result.duration) * 10) / 10,
        latencyMs: {
          p50: quantile(latencies, 0.5),
          p95: quantile(latencies, 0.95),
          p99: quantile(latencies, 0.99),
          max: latencies.reduce((a, b) => Math.max(a, b), 0),
        },
        cacheHitShare: Math.round((cacheHits / Math.max(1, cacheHits + responses)) * 1000) / 1000,
        errors: result.errors + result.timeouts + result.non2xx + graphqlErrors,
        errorsByKind,
        mix: kinds,
      },
      null,
      2,
    ),
  );
} finally {
  await api.stop();
  await pool.end();
  await db.stop();
  if (seeds) await rm(dataDir, { recursive: true, force: true });
}
