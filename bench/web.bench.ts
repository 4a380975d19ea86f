/**
 * The overview page in headless Chromium on the production build, against a `npm run bench:data` corpus:
 * largest contentful paint of the default overview, the time until the chart has drawn ≈ 10,000 points
 * (one metric over the most recent claims), and the overview's first-load JavaScript, gzipped.
 *
 *   npx tsx bench/web.bench.ts [--data-dir /tmp/hc-bench-1m] [--port 54339] [--runs 3]
 *
 * Uses the existing production build (apps/web/.next) or runs `npm run build` when there is none; starts
 * the API (bench/serve.ts, production) and `next start` as `npm start` wires them, on free ports, against
 * the corpus, and Debian's Chromium through playwright-core. Prints one JSON object with a
 * Markdown table for BENCHMARKS.md.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gzipSync } from "node:zlib";
import pg from "pg";
import { chromium } from "playwright-core";
import { REPO_ROOT } from "../apps/api/src/config.ts";
import { freePort, median, openBenchDatabase, parseFlags, startApiProcess } from "./lib.ts";

const flags = parseFlags(process.argv.slice(2));
const runs = Number(flags.get("runs") ?? 3);
const TIMEOUT = 60_000;
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--disable-dev-shm-usage",
];

function sh(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(command, args, { cwd: REPO_ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
}

if (!existsSync(path.join(REPO_ROOT, "apps/web/.next/BUILD_ID"))) {
  await new Promise<void>((resolve, reject) =>
    sh("npm", ["run", "build"]).once("exit", (code) => (code === 0 ? resolve() : reject(new Error("build")))),
  );
}

const db = await openBenchDatabase(
  flags.get("data-dir") ?? "/tmp/hc-bench-1m",
  Number(flags.get("port") ?? 54339),
);
const client = new pg.Client({ connectionString: db.url });
await client.connect();
// The date from which 10,000 plotted (dated, not rejected, live) claims.
const { rows } = await client.query(`
  select to_char("statedOn", 'YYYY-MM-DD') as "from" from "Claim"
  where "reviewStatus" <> 'rejected' and "deletedAt" is null and "statedOn" is not null
  order by "statedOn" desc offset 9999 limit 1`);
await client.end();
const from = (rows[0]?.from as string | undefined) ?? "2023-01-01";

// The API and the dashboard as `npm start` runs them (start.ts itself cannot be used at this size: it
// waits for the overview to answer within 2 s before it declares the dashboard up).
const apiPort = await freePort();
const webPort = await freePort();
const api = await startApiProcess(db.url, {
  port: apiPort,
  allowedOrigin: `http://127.0.0.1:${webPort}`,
});
const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next", { paths: [path.join(REPO_ROOT, "apps/web")] });
const app = spawn(
  process.execPath,
  [nextBin, "start", "--port", String(webPort), "--hostname", "127.0.0.1"],
  {
    cwd: path.join(REPO_ROOT, "apps/web"),
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
const base = `http://127.0.0.1:${webPort}`;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
try {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const ok = await fetch(`${base}/signin`).then(
      (r) => r.status < 500,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline || app.exitCode !== null) throw new Error("the app did not start");
    await new Promise((resolve) => setTimeout(resolve, 500));
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
        htmlBytes: nav.transferSize,
        responseEnd: nav.responseEnd,
        ttfb: nav.responseStart,
        points: Number(chart?.getAttribute("data-point-count") ?? 0),
      };
    });
    const jsGzip = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    await context.close();
    return { ...measured, chartMs, jsGzip };
  }

  const overview = [];
  const chart = [];
  for (let i = 0; i < runs; i++) {
    console.error(`web: run ${i + 1}/${runs}`);
    overview.push(await visit(`${base}/`));
    console.error(
      `web: overview ${JSON.stringify(overview.at(-1), (k, v) => (k === "jsGzip" ? undefined : v))}`,
    );
    chart.push(await visit(`${base}/?from=${from}`));
  }
  const m = (values: number[]) => Math.round(median(values));
  const range = (values: number[]) => `${Math.round(Math.min(...values))}–${Math.round(Math.max(...values))}`;
  const lcp = overview.map((v) => v.lcp);
  const ttfb = overview.map((v) => v.ttfb);
  const chartMs = chart.map((v) => v.chartMs);
  const chartTtfb = chart.map((v) => v.ttfb);
  const js = median(overview.map((v) => v.jsGzip)) / 1024;
  const verdict = (met: boolean, by: string) => (met ? "**met**" : `**missed** (${by})`);
  const drawn = chartMs.filter((v) => Number.isFinite(v));
  const chartCell = drawn.length
    ? `N = ${chart[0]?.points.toLocaleString("en-US")}: **${m(drawn)}** (${range(drawn)})`
    : "**not drawn**: the page showed an error";
  const seen = [...new Set([...overview, ...chart].flatMap((v) => (v.error ? [v.error] : [])))];
  const errors = seen.length ? ` Errors shown by the page: ${seen.map((e) => `"${e}"`).join("; ")}.` : "";
  const table = [
    "| date | runs | overview LCP ms (median, min–max) | overview server response ms | chart with N points: drawn at ms (median, min–max) | of which server response ms | first-load JS gzipped |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    `| ${new Date().toISOString().slice(0, 10)} | ${runs} | **${m(lcp)}** (${range(lcp)}) | ${m(ttfb)} | ${chartCell} | ${m(chartTtfb)} | **${js.toFixed(0)} kB** |`,
    "",
    `The first visit after the app starts (cold API and Next.js server): LCP ${Math.round(overview[0]?.lcp ?? 0)} ms, server response ${Math.round(overview[0]?.ttfb ?? 0)} ms. The largest element painted: ${[...new Set(overview.map((v) => `\`${v.lcpElement}\``))].join(", ")}; HTML transferred ${Math.round((overview[0]?.htmlBytes ?? 0) / 1024)} kB.`,
    "",
    `Targets: LCP ≤ 1,500 ms ${verdict(median(lcp) <= 1500, `${Math.round(median(lcp) - 1500)} ms over`)}; first-load JS ≤ 250 kB ${verdict(js <= 250, `${(js - 250).toFixed(0)} kB over`)}. Chart URL: \`/?from=${from}\`.${errors}`,
  ].join("\n");
  console.log(JSON.stringify({ overview, chart, from, table }));
} finally {
  await browser.close();
  if (app.exitCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  }
  await api.stop();
  await db.stop();
}
