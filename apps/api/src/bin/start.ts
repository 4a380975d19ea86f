// npm start: database → migrations → demo corpus (when empty) → first admin → API → dashboard.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { Server } from "node:http";
import path from "node:path";
import { ConfigError, loadConfig, REPO_ROOT } from "../config.ts";
import { type DatabaseHandle, openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrations.ts";
import { createPool, type Pool } from "../db/pool.ts";
import { createPrismaClient, type PrismaClient } from "../db/prisma.ts";
import { recordRunningApp } from "../db/running-app.ts";
import { createClaimEvents } from "../graphql/events.ts";
import { collectDocuments } from "../ingest/documents.ts";
import { ingestDocuments } from "../ingest/pipeline.ts";
import { startWorker } from "../ingest/queue.ts";
import { createLogger } from "../logger.ts";
import { type ChangeFeed, listenForChanges } from "../server/change-feed.ts";
import { forwardIngestedClaims } from "../server/claim-notifications.ts";
import { createHttpServer } from "../server/http.ts";
import { useReadCache } from "../server/read-cache.ts";
import { createApi } from "../server/yoga.ts";
import { ensureFirstAdmin } from "../users/users.ts";

const dev = process.argv.includes("--dev");
const started = performance.now();
const say = (message: string) => console.log(`headcount │ ${message}`);

let db: DatabaseHandle | undefined;
let prisma: PrismaClient | undefined;
let server: Server | undefined;
let ingestPool: Pool | undefined;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
let changes: ChangeFeed | undefined;
let web: ChildProcess | undefined;
let stopping = false;

async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say("stopping…");
    if (web && web.exitCode === null) {
      const exited = new Promise((resolve) => web?.once("exit", resolve));
      web.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
    }
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await worker?.stop().catch(() => {});
    await changes?.close().catch(() => {});
    await prisma?.$disconnect().catch(() => {});
    await ingestPool?.end().catch(() => {});
    await db?.stop().catch(() => {});
    say("stopped.");
  }
  process.exit(code);
}

process.once("SIGINT", () => void shutdown(0));
process.once("SIGTERM", () => void shutdown(0));

async function waitForHttp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (web && web.exitCode !== null) return false;
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status < 500,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);

  db = await openDatabase(config, { joinRunningApp: false });
  if (db.embedded) recordRunningApp({ dataDir: config.dataDir, dbPort: config.dbPort });
  say(
    db.embedded
      ? `PostgreSQL (embedded) on 127.0.0.1:${config.dbPort}, data in ${path.relative(process.cwd(), config.dataDir) || "."}${db.reused ? " — reusing the running server" : ""}`
      : "PostgreSQL from DATABASE_URL",
  );

  const applied = await applyMigrations(db.url);
  if (applied.length > 0) say(`applied ${applied.length} migration(s)`);

  prisma = createPrismaClient(db.url);
  const articleCount = await prisma.article.count();
  if (articleCount === 0 && config.corpusDir) {
    const { documents, rejected } = await collectDocuments([config.corpusDir]);
    const pool = createPool(db.url, { max: 2 });
    const summary = await ingestDocuments(pool, documents, { trigger: "demo", rejected }).finally(() =>
      pool.end(),
    );
    say(
      `loaded the demo corpus from ${config.corpusDir}: ${summary.created} article(s), ${summary.failed.length} failed`,
    );
    for (const failure of summary.failed) say(`  ✗ ${failure.origin}: ${failure.reason}`);
  } else if (articleCount === 0) {
    say("no articles yet and no demo corpus found (set HEADCOUNT_CORPUS); add some with npm run ingest");
  } else {
    say(`${articleCount} article(s) in the database`);
  }

  const admin = await ensureFirstAdmin(prisma);

  const webOrigin = `http://127.0.0.1:${config.webPort}`;
  ingestPool = createPool(db.url, { max: 6 });
  // One listening connection serves the read cache and the live subscriptions.
  const feed = listenForChanges(db.url, logger);
  changes = feed;
  const pubsub = createClaimEvents();
  forwardIngestedClaims(feed, pubsub);
  const api = createApi({
    prisma,
    logger,
    pubsub,
    pool: ingestPool,
    ...(config.readCache ? { readCache: useReadCache({ feed }) } : {}),
    allowedOrigins: [...new Set([webOrigin, `http://localhost:${config.webPort}`, config.publicUrl])],
    production: !dev,
    dashboardUrl: `${webOrigin}/`,
  });
  // The in-process worker: queued ingest jobs, and the feeds' polling schedule.
  worker = await startWorker(ingestPool, { concurrency: 2, pollFeeds: true });
  // The dashboard's proxy proves itself with this, so the API believes the visitor address it forwards.
  const proxySecret = randomBytes(32).toString("base64url");
  server = createHttpServer(api, prisma, logger, { trustProxy: config.trustProxy, proxySecret });
  await new Promise<void>((resolve, reject) => {
    server?.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "EADDRINUSE"
          ? new ConfigError(
              `Port ${config.apiPort} is already in use, so the API cannot start. Set API_PORT to another port.`,
            )
          : error,
      ),
    );
    server?.listen(config.apiPort, config.apiHost, resolve);
  });

  web = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, "apps/web/server.mjs"),
      ...(dev ? ["--dev"] : []),
      "--port",
      String(config.webPort),
      "--hostname",
      "127.0.0.1",
    ],
    {
      cwd: path.join(REPO_ROOT, "apps/web"),
      env: {
        ...process.env,
        HEADCOUNT_API_URL: `http://127.0.0.1:${config.apiPort}/graphql`,
        HEADCOUNT_PUBLIC_API_URL: config.publicApiUrl,
        HEADCOUNT_PROXY_SECRET: proxySecret,
        HEADCOUNT_PUBLIC_URL: config.publicUrl,
        NEXT_TELEMETRY_DISABLED: "1",
        NODE_ENV: dev ? "development" : "production",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  web.once("exit", (code) => {
    if (!stopping) {
      say(`the dashboard exited (code ${code}); stopping`);
      void shutdown(1);
    }
  });
  if (!(await waitForHttp(webOrigin, 60_000))) {
    throw new ConfigError(
      `The dashboard did not come up on port ${config.webPort}. Is the port free (WEB_PORT)? Was it built (npm run build)?`,
    );
  }

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say(`ready in ${seconds}s`);
  say(`  dashboard  ${webOrigin}`);
  say(`  GraphQL    http://127.0.0.1:${config.apiPort}/graphql  (GraphiQL in a browser)`);
  say(`  health     http://127.0.0.1:${config.apiPort}/healthz  ·  /readyz`);
  if (admin) {
    say(`  first admin: ${admin.email}  password: ${admin.password}`);
    say("  (shown once; only its hash is stored — reset with: npm run user -- reset-password --email ...)");
  }
  say("Ctrl-C stops everything, the database included.");
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`headcount │ cannot start: ${error.message}`);
  } else {
    console.error("headcount │ cannot start:", error);
  }
  await shutdown(1);
});
