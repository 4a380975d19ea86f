/**
 * The real API (createApi + createHttpServer, production mode) on the port given as the first argument against DATABASE_URL,
 * for the benchmarks; prints "ready" when it listens and stops on SIGTERM.
 */
import { createPrismaClient } from "../apps/api/src/db/prisma.ts";
import { createLogger } from "../apps/api/src/logger.ts";
import { createHttpServer } from "../apps/api/src/server/http.ts";
import { createApi } from "../apps/api/src/server/yoga.ts";

const url = process.env.DATABASE_URL;
const port = Number(process.argv[2]);
if (!url || !port) throw new Error("DATABASE_URL and a port (first argument) are required");

const logger = createLogger("warn");
const prisma = createPrismaClient(url);
// An origin allowed to call with credentials (the dashboard, for the browser benchmark), when given.
const allowedOrigins = process.argv[3] ? [process.argv[3]] : [];
const api = createApi({ prisma, logger, production: true, allowedOrigins });
const server = createHttpServer(api, prisma, logger);
await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
process.stdout.write("ready\n");

process.once("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => {
    void prisma.$disconnect().finally(() => process.exit(0));
  });
});
