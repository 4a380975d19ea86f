// npm start: database → migrations → demo corpus (when empty) → first admin → API → dashboard, under one
// supervisor that stops them all, in order, on SIGINT, SIGTERM or SIGHUP.
//
// The signal handlers are installed before the application's modules load, so that a signal during
// start-up is a request to stop like any other.
import { createSupervisor } from "../start/supervisor.ts";

const say = (message: string) => console.log(`headcount │ ${message}`);
let cleanup = () => {};
const supervisor = createSupervisor({ say, finally: () => cleanup() });
say("starting…");

const startup = import("../start/app.ts").then((app) =>
  app.startApp({ supervisor, say, dev: process.argv.includes("--dev"), onCleanup: (fn) => (cleanup = fn) }),
);
supervisor.starting(startup.catch(() => {}));
startup.catch(async (error: unknown) => {
  if (supervisor.stopping) return;
  if (error instanceof Error && error.name === "ConfigError") {
    console.error(`headcount │ cannot start: ${error.message}`);
  } else {
    console.error("headcount │ cannot start:", error);
  }
  await supervisor.stop(1);
});
