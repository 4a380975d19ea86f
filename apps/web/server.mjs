import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { setForwardedFor } from "./forwarded-for.mjs";
import { answerOutage, databaseProbe, readinessUrl } from "./outage.mjs";

// The dashboard's server: Next.js behind a plain HTTP server that sets the visitor's address from the
// socket before Next sees the request. Usage: node server.mjs [--dev] [--port 3000] [--hostname 127.0.0.1]
const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    port: { type: "string", default: process.env.WEB_PORT ?? "3000" },
    hostname: { type: "string", default: "127.0.0.1" },
  },
});
const port = Number(values.port);
const hostname = values.hostname;
const trustProxy = process.env.HEADCOUNT_TRUST_PROXY === "1";
const app = next({ dev: values.dev, dir: import.meta.dirname, hostname, port });
const handle = app.getRequestHandler();
const apiUrl = process.env.HEADCOUNT_API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? "4000"}/graphql`;
const databaseReady = databaseProbe({ readyUrl: readinessUrl(apiUrl) });
await app.prepare();
const server = createServer(async (req, res) => {
  setForwardedFor(req, { trustProxy });
  // Pages need the database: while it is away they answer 503 with a plain page, not an error 500.
  if (await answerOutage(req, res, databaseReady)) return;
  handle(req, res);
});
server.listen(port, hostname);
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void app.close?.().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3_000).unref();
  });
}
