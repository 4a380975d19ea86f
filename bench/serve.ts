/**
 * The real API on the port given as the first argument against DATABASE_URL, as `npm start` serves it
 * (start/api-processes.ts: production mode, the read cache unless HEADCOUNT_READ_CACHE=off, and
 * HEADCOUNT_API_PROCESSES processes sharing the port), for the benchmarks; prints "ready" when it listens
 * and stops on SIGTERM.
 */
import { randomBytes } from "node:crypto";
import { loadConfig } from "../apps/api/src/config.ts";
import { createPrismaClient } from "../apps/api/src/db/prisma.ts";
import { createLogger } from "../apps/api/src/logger.ts";
import { type ApiSettings, serveApi, startApiWorkers } from "../apps/api/src/start/api-processes.ts";

const url = process.env.DATABASE_URL;
const port = Number(process.argv[2]);
if (!url || !port) throw new Error("DATABASE_URL and a port (first argument) are required");
const config = loadConfig();
const settings: ApiSettings = {
  databaseUrl: url,
  port,
  host: "127.0.0.1",
  readCache: config.readCache,
  trustProxy: false,
  proxySecret: randomBytes(32).toString("base64url"),
  // The origins allowed to call with credentials (the dashboards of the browser benchmark,
  // comma-separated), when given.
  allowedOrigins: (process.argv[3] ?? "").split(",").filter(Boolean),
  production: true,
};

if (config.apiProcesses > 1) {
  const workers = await startApiWorkers(config.apiProcesses, settings, (code, signal) => {
    console.error(`an API process exited (${signal ?? `code ${code}`})`);
    process.exit(1);
  });
  process.stdout.write("ready\n");
  process.once("SIGTERM", () => void workers.stop(5_000).then(() => process.exit(0)));
} else {
  const prisma = createPrismaClient(url);
  const served = await serveApi(settings, prisma, createLogger("warn"));
  process.stdout.write("ready\n");
  process.once("SIGTERM", () => {
    served.server.closeAllConnections();
    void served
      .drain(1_000)
      .then(() => Promise.all([served.close(), prisma.$disconnect()]))
      .finally(() => process.exit(0));
  });
}
