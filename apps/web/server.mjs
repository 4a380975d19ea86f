import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { setForwardedFor } from "./forwarded-for.mjs";

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
await app.prepare();
const server = createServer((req, res) => {
  setForwardedFor(req, { trustProxy });
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
