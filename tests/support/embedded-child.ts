// Starts the embedded server and waits to be killed: the SIGKILL-recovery test runs this in its own
// process group and kills the whole group, as `kill -9` of `npm start` would.
import { startEmbeddedPostgres } from "../../apps/api/src/db/embedded.ts";

const [dataDir, port] = process.argv.slice(2);
await startEmbeddedPostgres({ dataDir: dataDir ?? "", port: Number(port) });
console.log("up");
setInterval(() => {}, 1_000);
