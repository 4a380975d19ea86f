/**
 * The overview page in headless Chromium on the production build, against a `npm run bench:data` corpus:
 * largest contentful paint of the default overview, the time until the chart has drawn ≈ 10,000 points
 * (one metric over the most recent claims), the size of that page's HTML as sent (compressed) and the
 * overview's first-load JavaScript, gzipped.
 *
 *   npx tsx bench/web.bench.ts [--data-dir /tmp/hc-bench-1m] [--port 54339] [--runs 3]
 *     [--baseline DIR [--baseline-label release]] [--label "this build"]
 *
 * --baseline: a copy of apps/web holding the production build of another version in its .next (for
 * instance the release, built and copied before a change); both builds are served at once against the
 * same API and database and visited in turn, so the table compares them under the same load.
 *
 * Uses the existing production build (apps/web/.next) or runs `npm run build` when there is none; starts
 * the API (bench/serve.ts, production) and `next start` as `npm start` wires them, on free ports, against
 * the corpus, and Debian's Chromium through playwright-core. Prints one JSON object with a
 * Markdown table for BENCHMARKS.md.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { REPO_ROOT } from "../apps/api/src/config.ts";
import { launchChromium } from "../tests/e2e/support/chromium.ts";
import { corpusFlags, freePort, median, openBenchDatabase, parseFlags, startApiProcess } from "./lib.ts";

const flags = parseFlags(process.argv.slice(2));
const runs = Number(flags.get("runs") ?? 3);
const TIMEOUT = 60_000;

function sh(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(command, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
}

if (!existsSync(path.join(REPO_ROOT, "apps/web/.next/BUILD_ID"))) {
  await new Promise<void>((resolve, reject) =>
    sh("npm", ["run", "build"]).once("exit", (code) => (code === 0 ? resolve() : reject(new Error("build")))),
  );
}

const corpus = corpusFlags(flags);
const db = await openBenchDatabase(corpus.dataDir, corpus.port);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
// The date from which 10,000 plotted (dated, not rejected, live) claims of the overview's default
// metric, deployed troops as totals: the chart plots one metric at a time.
const { rows } = await client.query(`
  select to_char("statedOn", 'YYYY-MM-DD') as "from" from "Claim"
  where "reviewStatus" <> 'rejected' and "deletedAt" is null and "statedOn" is not null
    and metric = 'deployed' and rate = 'total'
  order by "statedOn" desc offset 9999 limit 1`);
await client.end();
const from = (rows[0]?.from as string | undefined) ?? "2023-01-01";

// The API and the dashboard as `npm start` runs them (start.ts itself cannot be used at this size: it
// waits for the overview to answer within 2 s before it declares the dashboard up).
const apiPort = await freePort();
const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next", { paths: [path.join(REPO_ROOT, "apps/web")] });

/** `next start` of one production build: apps/web's, or a copy of apps/web holding another build. */
async function startWeb(dir: string, label: string): Promise<Web> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [nextBin, "start", "--port", String(port), "--hostname", "127.0.0.1"],
    {
      cwd: dir,
      env: {
        ...process.env,
        HEADCOUNT_API_URL: `http://127.0.0.1:${apiPort}/graphql`,
        HEADCOUNT_PUBLIC_API_URL: `http://127.0.0.1:${apiPort}/graphql`,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return { label, base: `http://127.0.0.1:${port}`, port, child };
}
interface Web {
  label: string;
  base: string;
  port: number;
  child: ChildProcess;
}

// With --baseline DIR (a copy of apps/web with the production build of the release to compare, in its
// .next), both builds are served at once against the same API and visited in turn, run by run.
const baselineDir = flags.get("baseline");
const webs: Web[] = [];
if (baselineDir)
  webs.push(await startWeb(path.resolve(REPO_ROOT, baselineDir), flags.get("baseline-label") ?? "release"));
webs.push(await startWeb(path.join(REPO_ROOT, "apps/web"), flags.get("label") ?? "this build"));
const api = await startApiProcess(db.url, {
  port: apiPort,
  // The API answers the browser of each build (live updates, hover cards).
  allowedOrigin: webs.map((web) => `http://127.0.0.1:${web.port}`).join(","),
});
const browser = await launchChromium();
try {
  for (const web of webs) {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ok = await fetch(`${web.base}/signin`).then(
        (r) => r.status < 500,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline || web.child.exitCode !== null) throw new Error(`${web.label} did not start`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  async function visit(url: string) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __lcp: number; __lcpElement: string };
      w.__lcp = 0;
      w.__lcpElement = "";
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
          w.__lcp = entry.startTime;
          const element = entry.element;
          w.__lcpElement = element
            ? `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(" ")[0]}` : ""}`
            : "";
        }
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const scripts: Promise<number>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script")
        scripts.push(
          response.body().then(
            (body) => gzipSync(body).length,
            () => 0,
          ),
        );
    });
    await page.goto(url, { waitUntil: "load", timeout: TIMEOUT });
    // The chart draws in an effect after hydration: once its canvas exists, wait a frame and read the clock.
    const chartMs = await page
      .waitForFunction(
        () => document.querySelector("[data-testid=overview-chart] canvas") !== null,
        undefined,
        {
          timeout: TIMEOUT,
        },
      )
      .then(() =>
        page.evaluate(
          () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
        ),
      )
      .catch(() => Number.NaN);
    await page.waitForTimeout(300);
    const measured = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      const chart = document.querySelector("[data-testid=overview-chart]");
      return {
        error: document.querySelector("[role=alert]")?.textContent?.slice(0, 200) ?? null,
        lcp: (window as unknown as { __lcp: number }).__lcp,
        lcpElement: (window as unknown as { __lcpElement: string }).__lcpElement,
        // The document as sent (compressed, with its headers) and unpacked.
        htmlBytes: nav.transferSize,
        htmlDecoded: nav.decodedBodySize,
        responseEnd: nav.responseEnd,
        ttfb: nav.responseStart,
        points: Number(chart?.getAttribute("data-point-count") ?? 0),
      };
    });
    const jsGzip = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    await context.close();
    return { ...measured, chartMs, jsGzip };
  }

  type Visit = Awaited<ReturnType<typeof visit>>;
  const results = webs.map((web) => ({ web, overview: [] as Visit[], chart: [] as Visit[] }));
  for (let i = 0; i < runs; i++) {
    // The builds take turns, so a change in the machine's load falls on both.
    for (const result of i % 2 === 0 ? results : results.toReversed()) {
      console.error(`web: ${result.web.label}: run ${i + 1}/${runs}`);
      result.overview.push(await visit(`${result.web.base}/`));
      console.error(
        `web: ${result.web.label}: overview ${JSON.stringify(result.overview.at(-1), (k, v) => (k === "jsGzip" ? undefined : v))}`,
      );
      result.chart.push(await visit(`${result.web.base}/?from=${from}`));
      console.error(
        `web: ${result.web.label}: chart ${JSON.stringify(result.chart.at(-1), (k, v) => (k === "jsGzip" ? undefined : v))}`,
      );
    }
  }
  const m = (values: number[]) => Math.round(median(values));
  const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
  const kB = (bytes: number) => Math.round(bytes / 1024);
  const verdict = (met: boolean, by: string) => (met ? "**met**" : `**missed** (${by})`);
  const load = os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(" / ");
  const rowsOut: string[] = [];
  const notes: string[] = [];
  const targets: string[] = [];
  for (const { web, overview, chart } of results) {
    const lcp = overview.map((v) => v.lcp);
    const ttfb = overview.map((v) => v.ttfb);
    const chartMs = chart.map((v) => v.chartMs);
    const drawn = chartMs.filter((v) => Number.isFinite(v));
    const html = median(chart.map((v) => v.htmlBytes));
    const js = median(overview.map((v) => v.jsGzip)) / 1024;
    const chartCell = drawn.length
      ? `N = ${chart[0]?.points.toLocaleString("en-US")}: **${m(drawn)}** (${range(drawn)})`
      : "**not drawn**: the page showed an error";
    rowsOut.push(
      `| ${new Date().toISOString().slice(0, 10)} | ${web.label} | ${runs} | **${m(lcp)}** (${range(lcp)}) | ${m(ttfb)} | ${chartCell} | ${m(chart.map((v) => v.ttfb))} | **${kB(html)} kB** (${kB(median(chart.map((v) => v.htmlDecoded)))} kB unpacked) | **${js.toFixed(0)} kB** |`,
    );
    const seen = [...new Set([...overview, ...chart].flatMap((v) => (v.error ? [v.error] : [])))];
    notes.push(
      `${web.label}: first visit after the start (cold API and Next.js server) LCP ${Math.round(overview[0]?.lcp ?? 0)} ms, server response ${Math.round(overview[0]?.ttfb ?? 0)} ms; largest element painted ${[...new Set(overview.map((v) => `\`${v.lcpElement}\``))].join(", ")}; overview HTML ${kB(median(overview.map((v) => v.htmlBytes)))} kB compressed.${seen.length ? ` Errors shown by the page: ${seen.map((e) => `"${e}"`).join("; ")}.` : ""}`,
    );
    const chartMedian = drawn.length ? median(drawn) : Number.POSITIVE_INFINITY;
    targets.push(
      `${web.label}: chart drawn ≤ 1,500 ms ${verdict(chartMedian <= 1500, drawn.length ? `${Math.round(chartMedian - 1500)} ms over` : "not drawn")}; HTML ≤ 150 kB compressed ${verdict(html / 1024 <= 150, `${kB(html) - 150} kB over`)}; LCP ≤ 1,200 ms ${verdict(median(lcp) <= 1200, `${Math.round(median(lcp) - 1200)} ms over`)}; first-load JS ≤ 200 kB ${verdict(js <= 200, `${(js - 200).toFixed(0)} kB over`)}.`,
    );
  }
  const table = [
    "| date | build | runs | overview LCP ms (median, min–max) | overview server response ms | chart with N points: drawn at ms (median, min–max) | of which server response ms | chart page HTML, compressed | first-load JS gzipped |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rowsOut,
    "",
    ...notes.flatMap((note) => [note, ""]),
    ...targets.flatMap((target) => [`Targets, ${target}`, ""]),
    `Chart URL: \`/?from=${from}\`. Load average after the runs (1 / 5 / 15 min): ${load} on ${os.availableParallelism()} cores.`,
  ].join("\n");
  console.log(
    JSON.stringify({
      results: results.map(({ web, overview, chart }) => ({ build: web.label, overview, chart })),
      from,
      table,
    }),
  );
} finally {
  await browser.close();
  for (const { child } of webs) {
    if (child.exitCode !== null) continue;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  await api.stop();
  await db.stop();
}
