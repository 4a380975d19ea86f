// Stands in for `npm start`'s database half: starts the embedded server in a data folder and port of its
// own and records itself as the running app, exactly as start.ts does, then serves until SIGTERM.
import { startEmbeddedPostgres } from "../../apps/api/src/db/embedded.ts";
import { recordRunningApp } from "../../apps/api/src/db/running-app.ts";

const [dataDir = "", port = "0"] = process.argv.slice(2);
const server = await startEmbeddedPostgres({ dataDir, port: Number(port) });
recordRunningApp({ dataDir, dbPort: Number(port) });
console.log("up");
process.once("SIGTERM", async () => {
  await server.stop();
  process.exit(0);
});
setInterval(() => {}, 1_000);
