// `node --import` this (after tsx) in a command-line tool a test starts: its reader threads then load the
// bundle the test run built (tests/support/bundles.ts) instead of the TypeScript sources. Threads inherit
// the process's --import flags, so each thread registers the same redirection before it loads its entry.
import { register } from "node:module";

const root = new URL("../../", import.meta.url);
register("./bundled-readers-hooks.mjs", import.meta.url, {
  data: {
    source: new URL("apps/api/src/ingest/reader-worker.mjs", root).href,
    bundle: new URL("node_modules/.cache/headcount-tests/reader-worker.mjs", root).href,
  },
});
