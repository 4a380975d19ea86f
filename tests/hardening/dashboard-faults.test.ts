import { type ChildProcess, execFile, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../../apps/api/src/db/embedded.ts";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { createHttpServer } from "../../apps/api/src/server/http.ts";
import { createApi } from "../../apps/api/src/server/yoga.ts";
import { freePort } from "../support/ports.ts";
import { startFileDatabase } from "./support/database.ts";

/**
 * The dashboard (production build, its own server as `npm start` runs it) against faults. While PostgreSQL
 * is stopped its pages answer 503 with a plain sentence, never 500 or a stack, and are back to 200 once the
 * database returns, with nothing restarted; the same when the API itself cannot be reached. An article that
 * prints thousands of figures gives a page of bounded size.
 */
const MESSAGE = "The database is unavailable — try again shortly.";
const PAGES = ["/", "/claims", "/articles", "/entities", "/search?q=troops"];
/** How many figures the long article prints, and the most its page may weigh. */
const FIGURES = 17_000;
const MAX_PAGE_BYTES = 300_000;
const LONG_TITLE = "Every garrison on the northern border, one by one";

/**
 * An article of `FIGURES` sentences, each a troop count with its claim and appearance, written straight to
 * the database: reading so long a text exceeds the ingest's time limit, and what is tested is the page.
 */
async function storeLongArticle(pool: ReturnType<typeof createPool>): Promise<void> {
  const values: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const quotes: string[] = [];
  let body = "";
  for (let i = 0; i < FIGURES; i++) {
    const value = (i % 900) + 100;
    const figure = `${value} soldiers`;
    const sentence = `Garrison ${i + 1} holds ${figure}, the ministry said.\n`;
    const start = body.length + `Garrison ${i + 1} holds `.length;
    values.push(value);
    starts.push(start);
    ends.push(start + figure.length);
    quotes.push(figure);
    body += sentence;
  }
  const client = await pool.connect();
  try {
    await client.query("begin");
    const article = await client.query<{ id: number }>(
      `insert into "Article" (title, body, "rawInput", "rawFormat", "contentHash", "publishedAt", "publishedPrecision", "updatedAt")
       values ($1, $2, $2, 'txt', md5($2), date '2024-10-31', 'day', now()) returning id`,
      [LONG_TITLE, body],
    );
    const claims = await client.query<{ id: number }>(
      `insert into "Claim" (metric, subject, "valueLow", "valueHigh", "valueBest", qualifier, "statedOn",
         "statedOnPrecision", "updatedAt")
       select 'deployed', 'soldiers', v, v, v, 'exact', date '2024-10-31', 'day', now()
       from unnest($1::int[]) with ordinality as t(v, n) order by n returning id`,
      [values],
    );
    await client.query(
      `insert into "Appearance" ("claimId", "articleId", start, "end", quote)
       select c, $2, s, e, q from unnest($1::int[], $3::int[], $4::int[], $5::text[]) as t(c, s, e, q)`,
      [claims.rows.map((row) => row.id).sort((x, y) => x - y), article.rows[0]?.id, starts, ends, quotes],
    );
    await client.query("commit");
  } finally {
    client.release();
  }
}

let dataDir = "";
let dbPort = 0;
let webPort = 0;
let database: EmbeddedDatabase;
let apiServer: ReturnType<typeof createHttpServer>;
let apiPort = 0;
let dashboard: ChildProcess | undefined;
let dashboardOutput = "";
const prismaHolder: { close?: () => Promise<void> } = {};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function page(pathname: string): Promise<{ status: number; body: string; type: string }> {
  const response = await fetch(`http://127.0.0.1:${webPort}${pathname}`, {
    signal: AbortSignal.timeout(15_000),
  });
  return {
    status: response.status,
    // React separates neighbouring text with empty comments; the text is read without them.
    body: (await response.text()).replaceAll("<!-- -->", ""),
    type: response.headers.get("content-type") ?? "",
  };
}

/** Polls until every page answers `status`, or the time runs out; returns the last answers. */
async function until(status: number, ms: number): Promise<{ path: string; status: number; body: string }[]> {
  const deadline = Date.now() + ms;
  let answers: { path: string; status: number; body: string }[] = [];
  while (Date.now() < deadline) {
    answers = await Promise.all(PAGES.map(async (p) => ({ path: p, ...(await page(p)) })));
    if (answers.every((a) => a.status === status)) return answers;
    await sleep(250);
  }
  return answers;
}

beforeAll(async () => {
  await promisify(execFile)("npm", ["run", "build"], { cwd: REPO_ROOT, timeout: 600_000 });
  ({ dataDir, port: dbPort, database } = await startFileDatabase("headcount-dashboard-outage-"));
  const pool = createPool(database.url, { max: 2 });
  await storeLongArticle(pool);
  await pool.end();
  const prisma = createPrismaClient(database.url, { max: 5 });
  prismaHolder.close = () => prisma.$disconnect();
  const logger = pino({ level: "silent" });
  apiServer = createHttpServer(createApi({ prisma, logger, production: true }), prisma, logger);
  await new Promise<void>((resolve) => apiServer.listen(0, "127.0.0.1", resolve));
  apiPort = (apiServer.address() as AddressInfo).port;

  webPort = await freePort();
  dashboard = spawn(
    process.execPath,
    [path.join(REPO_ROOT, "apps/web/server.mjs"), "--port", String(webPort), "--hostname", "127.0.0.1"],
    {
      cwd: path.join(REPO_ROOT, "apps/web"),
      env: {
        ...process.env,
        HEADCOUNT_API_URL: `http://127.0.0.1:${apiPort}/graphql`,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  dashboard.stdout?.on("data", (chunk: Buffer) => (dashboardOutput += chunk.toString()));
  dashboard.stderr?.on("data", (chunk: Buffer) => (dashboardOutput += chunk.toString()));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`http://127.0.0.1:${webPort}/icon.svg`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || dashboard.exitCode !== null)
      throw new Error(`the dashboard did not start:\n${dashboardOutput}`);
    await sleep(250);
  }
}, 600_000);

afterAll(async () => {
  if (dashboard && dashboard.exitCode === null) {
    const exited = new Promise((resolve) => dashboard?.once("exit", resolve));
    dashboard.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000)]);
  }
  await new Promise((resolve) => apiServer?.close(resolve));
  await prismaHolder.close?.();
  await database?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

describe("an article with thousands of figures", () => {
  it("has a page of bounded size: its text around the listed claims, the rest marked as omitted", async () => {
    const response = await fetch(`http://127.0.0.1:${apiPort}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-graphql-yoga-csrf": "1" },
      body: JSON.stringify({
        query: `{ articles(first: 10, filter: { publishedFrom: "2024-10-31", publishedTo: "2024-10-31" }) {
          edges { node { id title appearances(first: 1) { totalCount } } } } }`,
      }),
    });
    const { data } = (await response.json()) as {
      data: {
        articles: { edges: { node: { id: string; title: string; appearances: { totalCount: number } } }[] };
      };
    };
    const long = data.articles.edges.find(({ node }) => node.title === LONG_TITLE)?.node;
    expect(long, "the long article was stored").toBeDefined();
    expect(long?.appearances.totalCount).toBe(FIGURES);
    const url = `/articles/${encodeURIComponent(long?.id ?? "")}`;

    const first = await page(url);
    expect(first.status).toBe(200);
    const bytes = Buffer.byteLength(first.body);
    expect(bytes).toBeLessThan(MAX_PAGE_BYTES);
    expect(first.body).toContain(
      `Claims in this article (${(long?.appearances.totalCount ?? 0).toLocaleString("en")})`,
    );
    expect(first.body).toMatch(/characters omitted/);
    expect((first.body.match(/<mark [^>]*data-claim-id=/g) ?? []).length).toBe(100);
    const next = /href="([^"]*after=[^"]*)"[^>]*>Next 100 claims/.exec(first.body)?.[1];
    expect(next, "a link to the next claims").toBeDefined();

    const second = await page(`${url}${(next ?? "").replaceAll("&amp;", "&")}`);
    expect(second.status).toBe(200);
    expect(Buffer.byteLength(second.body)).toBeLessThan(MAX_PAGE_BYTES);
    expect(second.body).toContain("Highlighted: 101–200.");
    expect((second.body.match(/<mark [^>]*data-claim-id=/g) ?? []).length).toBe(100);
    console.info(
      `long article (${FIGURES.toLocaleString("en-US")} figures): page 1 ${bytes.toLocaleString("en-US")} bytes, ` +
        `page 2 ${Buffer.byteLength(second.body).toLocaleString("en-US")} bytes (limit ${MAX_PAGE_BYTES.toLocaleString("en-US")})`,
    );
  }, 120_000);
});

describe("the dashboard while the database is away", () => {
  it("answers 503 with a plain page, then 200 once PostgreSQL is back", async () => {
    const before = await until(200, 30_000);
    for (const answer of before) expect(answer.status, answer.path).toBe(200);

    await database.stop();
    const stoppedAt = performance.now();
    const during = await until(503, 15_000);
    const reachedAfter = performance.now() - stoppedAt;
    for (const answer of during) {
      expect(answer.status, answer.path).toBe(503);
      expect(answer.body).toContain(MESSAGE);
      // Plain: no stack, no framework error page, no script.
      expect(answer.body).not.toMatch(/at \w+ \(|Error:|<script/);
    }
    const head = await page("/claims");
    expect(head.type).toBe("text/html; charset=utf-8");
    // The dashboard's own files still load while the database is away.
    expect((await fetch(`http://127.0.0.1:${webPort}/icon.svg`)).status).toBe(200);

    database = await startEmbeddedPostgres({ dataDir, port: dbPort });
    const back = performance.now();
    const after = await until(200, 30_000);
    for (const answer of after) {
      expect(answer.status, answer.path).toBe(200);
      expect(answer.body).not.toContain(MESSAGE);
    }
    console.info(
      `dashboard outage: ${PAGES.length} pages 503 "${MESSAGE}" within ${reachedAfter.toFixed(0)} ms of the stop; ` +
        `200 again ${(performance.now() - back).toFixed(0)} ms after PostgreSQL was back`,
    );
  }, 120_000);

  it("answers 503 too when the API cannot be reached, and 200 when it is back", async () => {
    await new Promise((resolve) => {
      apiServer.close(resolve);
      apiServer.closeAllConnections();
    });
    const during = await until(503, 15_000);
    for (const answer of during) {
      expect(answer.status, answer.path).toBe(503);
      expect(answer.body).toContain(MESSAGE);
    }
    await new Promise<void>((resolve) => apiServer.listen(apiPort, "127.0.0.1", resolve));
    const after = await until(200, 30_000);
    for (const answer of after) expect(answer.status, answer.path).toBe(200);
  }, 120_000);
});
