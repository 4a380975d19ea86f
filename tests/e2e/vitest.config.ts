import { defineConfig } from "vitest/config";
import "../support/map-group-by.ts";

// Browser tests against the production build: one app (API, embedded PostgreSQL with the seed corpus,
// dashboard) started by the global setup; test files run one after another against it.
export default defineConfig({
  test: {
    name: "e2e",
    include: ["tests/e2e/**/*.e2e.ts"],
    globalSetup: ["tests/e2e/support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // A page answers a click or a key in well under a second on a quiet machine, but the CI machine also
    // builds and serves the app: polls of the page wait up to ten seconds before failing.
    expect: { poll: { timeout: 10_000 } },
  },
});
