// One of the API processes `npm start` runs when HEADCOUNT_API_PROCESSES is above 1 (start/api-processes.ts):
// it serves the API's port beside the others, and finishes its requests and exits on SIGTERM.
import { loadConfig } from "../config.ts";
import { createPrismaClient } from "../db/prisma.ts";
import { isDatabaseUnavailable } from "../db/unavailable.ts";
import { createLogger } from "../logger.ts";
import { API_SETTINGS_ENV, type ApiSettings, serveApi } from "../start/api-processes.ts";

const settings = JSON.parse(process.env[API_SETTINGS_ENV] ?? "null") as ApiSettings | null;
if (!settings) throw new Error(`${API_SETTINGS_ENV} is not set: this process is started by npm start`);
const config = loadConfig();
const logger = createLogger(config.logLevel === "info" ? "warn" : config.logLevel);
// A database connection ended by the server (a restart, a crash, a shutdown) is not a reason to crash.
process.on("uncaughtException", (error) => {
  if (isDatabaseUnavailable(error)) return;
  console.error("headcount │ unexpected error in an API process:", error);
  process.exit(1);
});
// The start process stops the workers itself (SIGTERM); a Ctrl-C reaches the whole group.
process.on("SIGINT", () => {});
process.on("SIGHUP", () => {});

const prisma = createPrismaClient(settings.databaseUrl);
try {
  const served = await serveApi(settings, prisma, logger);
  process.once("SIGTERM", () => {
    void served
      .drain(5_000)
      .then(() => Promise.all([served.close(), prisma.$disconnect()]))
      .finally(() => process.exit(0));
  });
} catch (error) {
  process.send?.({ error: error instanceof Error ? error.message : String(error) });
  await prisma.$disconnect();
  process.exit(1);
}
