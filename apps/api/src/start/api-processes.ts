// The API's HTTP server as `npm start` runs it: in the start process, or in several processes that share
// its port (node:cluster) when HEADCOUNT_API_PROCESSES asks for more than one (docs/scaling.md).
import cluster, { type Worker } from "node:cluster";
import type { Server } from "node:http";
import { fileURLToPath } from "node:url";
import type pg from "pg";
import type { Logger } from "pino";
import { ConfigError } from "../config.ts";
import { createPool } from "../db/pool.ts";
import type { PrismaClient } from "../db/prisma.ts";
import { createClaimEvents } from "../graphql/events.ts";
import { listenForChanges } from "../server/change-feed.ts";
import { forwardIngestedClaims } from "../server/claim-notifications.ts";
import { createHttpServer } from "../server/http.ts";
import { useReadCache } from "../server/read-cache.ts";
import { createApi } from "../server/yoga.ts";
import { portHolder } from "./run-file.ts";
import { trackRequests } from "./supervisor.ts";

/** What an API process needs beyond the configuration (a worker receives it in its environment). */
export interface ApiSettings {
  databaseUrl: string;
  port: number;
  host: string;
  readCache: boolean;
  trustProxy: boolean;
  /** The dashboard's proxy proves itself with this, so the API believes the visitor address it forwards. */
  proxySecret: string;
  allowedOrigins: string[];
  production: boolean;
  /** GraphiQL's link back to the dashboard, when there is one. */
  dashboardUrl?: string;
}

export interface ServedApi {
  server: Server;
  /** Finishes in-flight requests (within `timeoutMs`), then closes every connection. */
  drain(timeoutMs: number): Promise<void>;
  /** Ends the change listener and the API's pool (after drain). */
  close(): Promise<void>;
}

/**
 * The API in this process: its change listener (the read cache and live subscriptions), the pool
 * ingestArticle writes through (its own unless shared), the HTTP server listening on the settings' port.
 */
export async function serveApi(
  settings: ApiSettings,
  prisma: PrismaClient,
  logger: Logger,
  /** The pool ingestArticle writes through, when the caller shares its own (it then ends it itself). */
  sharedPool?: pg.Pool,
): Promise<ServedApi> {
  const pool: pg.Pool = sharedPool ?? createPool(settings.databaseUrl, { max: 6 });
  const endPool = () => (sharedPool ? Promise.resolve() : pool.end());
  // One listening connection serves the read cache and the live subscriptions.
  const feed = listenForChanges(settings.databaseUrl, logger);
  const pubsub = createClaimEvents();
  forwardIngestedClaims(feed, pubsub);
  const api = createApi({
    prisma,
    logger,
    pubsub,
    pool,
    ...(settings.readCache ? { readCache: useReadCache({ feed }) } : {}),
    allowedOrigins: settings.allowedOrigins,
    production: settings.production,
    ...(settings.dashboardUrl ? { dashboardUrl: settings.dashboardUrl } : {}),
  });
  const server = createHttpServer(api, prisma, logger, {
    trustProxy: settings.trustProxy,
    proxySecret: settings.proxySecret,
  });
  const requests = trackRequests(server);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) => {
        const holder = error.code === "EADDRINUSE" ? portHolder(settings.port) : null;
        reject(
          error.code === "EADDRINUSE"
            ? new ConfigError(
                `Port ${settings.port} is already in use${holder ? ` by process ${holder.pid} (${holder.command.slice(0, 200)})` : ""}, so the API cannot start. Set API_PORT to another port.`,
              )
            : error,
        );
      });
      server.listen(settings.port, settings.host, resolve);
    });
  } catch (error) {
    await Promise.all([feed.close(), endPool()]);
    throw error;
  }
  return {
    server,
    drain: (timeoutMs) => requests.drain(timeoutMs),
    close: async () => {
      await Promise.all([feed.close(), endPool()]);
    },
  };
}

/** The environment variable a worker reads its settings from. */
export const API_SETTINGS_ENV = "HEADCOUNT_API_WORKER_SETTINGS";

export interface ApiWorkers {
  /** Asks every worker to finish its requests and exit; resolves when all have exited. */
  stop(timeoutMs: number): Promise<void>;
  /** Ends the workers at once. */
  kill(): void;
  pids(): number[];
}

/**
 * `count` processes serving the API's port (node:cluster: the start process accepts the connections and
 * hands them to the workers in turn). Resolves once every one listens; rejects, with the workers stopped,
 * when one exits before. `onExit` hears of a worker that exits afterwards without being asked to.
 */
export async function startApiWorkers(
  count: number,
  settings: ApiSettings,
  onExit: (code: number | null, signal: string | null) => void,
): Promise<ApiWorkers> {
  cluster.setupPrimary({ exec: fileURLToPath(new URL("../bin/api-worker.ts", import.meta.url)) });
  let stopping = false;
  const workers: Worker[] = [];
  const exited = (worker: Worker) =>
    new Promise<void>((resolve) => {
      if (worker.isDead()) resolve();
      else worker.once("exit", () => resolve());
    });
  const handle: ApiWorkers = {
    async stop(timeoutMs) {
      stopping = true;
      for (const worker of workers) if (!worker.isDead()) worker.process.kill("SIGTERM");
      const timer = setTimeout(() => handle.kill(), timeoutMs);
      await Promise.all(workers.map(exited));
      clearTimeout(timer);
    },
    kill() {
      stopping = true;
      for (const worker of workers) if (!worker.isDead()) worker.process.kill("SIGKILL");
    },
    pids: () => workers.flatMap((worker) => (worker.process.pid ? [worker.process.pid] : [])),
  };
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const worker = cluster.fork({ [API_SETTINGS_ENV]: JSON.stringify(settings) });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          let reason = "";
          worker.on("message", (message: { error?: string }) => {
            if (message?.error) reason = message.error;
          });
          worker.once("listening", () => resolve());
          worker.once("exit", (code, signal) => {
            reject(
              new ConfigError(
                reason || `an API process exited (${signal ?? `code ${code}`}) before it listened`,
              ),
            );
            if (!stopping) onExit(code, signal);
          });
        });
      }),
    );
  } catch (error) {
    await handle.stop(5_000);
    throw error;
  }
  return handle;
}
