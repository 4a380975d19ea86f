/**
 * The real API (createApi + createHttpServer, production mode) on the port given as the first argument against DATABASE_URL,
 * for the benchmarks; prints "ready" when it listens and stops on SIGTERM.
 */
import { loadConfig } from "../apps/api/src/config.ts";
import { createPrismaClient } from "../apps/api/src/db/prisma.ts";
import { createLogger } from "../apps/api/src/logger.ts";
import { listenForChanges } from "../apps/api/src/server/change-feed.ts";
import { createHttpServer } from "../apps/api/src/server/http.ts";
import { useReadCache } from "../apps/api/src/server/read-cache.ts";
import { createApi } from "../apps/api/src/server/yoga.ts";

const url = process.env.DATABASE_URL;
const port = Number(process.argv[2]);
if (!url || !port) throw new Error("DATABASE_URL and a port (first argument) are required");

const logger = createLogger("warn");
const prisma = createPrismaClient(url);
// The origins allowed to call with credentials (the dashboards of the browser benchmark, comma-separated),
// when given.
const allowedOrigins = (process.argv[3] ?? "").split(",").filter(Boolean);
// As `npm start` serves it: repeated anonymous reads from the read cache, dropped on every change
// (HEADCOUNT_READ_CACHE=off measures the API without it).
const changes = loadConfig().readCache ? listenForChanges(url, logger) : null;
const api = createApi({
  prisma,
  logger,
  production: true,
  allowedOrigins,
  ...(changes ? { readCache: useReadCache({ feed: changes }) } : {}),
});
const server = createHttpServer(api, prisma, logger);
await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
process.stdout.write("ready\n");

process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => {
    void Promise.all([prisma.$disconnect(), changes?.close()]).finally(() => process.exit(0));
  });
});
