// The API as `npm start` serves it with HEADCOUNT_API_PROCESSES=2 (start/api-processes.ts): two processes
// sharing one port, each with its own read cache; prints "ready" once both listen, stops on SIGTERM.
import { randomBytes } from "node:crypto";
import { startApiWorkers } from "../../apps/api/src/start/api-processes.ts";

const [databaseUrl = "", port = "0", count = "2"] = process.argv.slice(2);
const workers = await startApiWorkers(
  Number(count),
  {
    databaseUrl,
    port: Number(port),
    host: "127.0.0.1",
    readCache: true,
    trustProxy: false,
    proxySecret: randomBytes(16).toString("hex"),
    allowedOrigins: [],
    production: true,
  },
  () => process.exit(1),
);
console.log(`ready ${workers.pids().join(" ")}`);
process.once("SIGTERM", () => void workers.stop(5_000).then(() => process.exit(0)));
