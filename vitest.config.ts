import { defineConfig } from "vitest/config";
import "./tests/support/map-group-by.ts";
import { bundledReadersPlugin } from "./tests/support/bundles.ts";

// One root config, one project per kind of test: unit tests never touch the database; integration
// tests share one embedded PostgreSQL started by the global setup, each worker on its own database
// cloned from a migrated template.
export default defineConfig({
  resolve: {
    // Node resolves "graphql" to its CommonJS build (Pothos and yoga load it so); Vite would pick the
    // ES build for our sources, and two copies of graphql refuse to work together.
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    // Integration files mostly wait on PostgreSQL and child processes, so two at once keep two cores busy
    // (vitest's default on two cores is one file at a time). Each file has its own database.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["packages/*/test/**/*.test.ts", "apps/*/test/unit/**/*.test.ts"],
          // Pure functions without shared state: a worker loads the extractor once for all its files.
          isolate: false,
        },
      },
      {
        extends: true,
        // Reader threads start on a bundle of their sources built by the global setup (see tests/support/bundles.ts).
        plugins: [bundledReadersPlugin()],
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          // A worker keeps its modules between files: the schema is built and the extractor loaded once per
          // worker, not once per file (about half the run's CPU time). Each file still gets its own database
          // (the setup file runs again for every file); a file that mocks a module loads its own copy of the
          // modules it counts through (sign-in-throttle.test.ts).
          isolate: false,
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/worker-database.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // Slow fault tests (databases stopped, processes killed): `npm run test:hardening`. Files that start
          // their own PostgreSQL ignore the shared one; the others get their own database, as integration
          // tests do.
          name: "hardening",
          include: ["tests/hardening/**/*.test.ts"],
          globalSetup: ["tests/support/global-setup.ts"],
          setupFiles: ["tests/support/worker-database.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
