import { type ChildProcess, execFileSync } from "node:child_process";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { ADMIN, EDITOR } from "./accounts.ts";
import { ROOT, startApp } from "./app.ts";

declare module "vitest" {
  export interface ProvidedContext {
    webUrl: string;
    apiUrl: string;
  }
}

async function waitFor(url: string, app: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`the app exited early (code ${app.exitCode})`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2_000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

/**
 * Builds (turbo skips what is current), then starts the real app, as `npm start` does, on free ports with a
 * fresh data folder, so the seed corpus is loaded into an empty database. Stopped with SIGTERM at the end.
 */
export default async function setup(project: TestProject) {
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
  const { app, output, dataDir, apiPort, dbPort, webUrl, stop } = await startApp("headcount-e2e-");
  try {
    await waitFor(`http://127.0.0.1:${apiPort}/readyz`, app, 120_000);
    await waitFor(webUrl, app, 120_000);
  } catch (error) {
    app.kill("SIGTERM");
    throw new Error(`${(error as Error).message}\n${output.join("")}`);
  }
  // An editor for the editing tests and an admin for the admin screens, created with the CLI against the
  // app's own embedded database (the CLI reuses the running server when given the same data folder and port).
  for (const [account, role] of [
    [EDITOR, "editor"],
    [ADMIN, "admin"],
  ] as const) {
    try {
      execFileSync(
        process.execPath,
        [
          path.join(ROOT, "node_modules/tsx/dist/cli.mjs"),
          "apps/api/src/bin/user.ts",
          "create",
          "--email",
          account.email,
          "--role",
          role,
          "--password",
          account.password,
        ],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            HEADCOUNT_DB_PORT: String(dbPort),
            HEADCOUNT_DATA_DIR: dataDir,
            DATABASE_URL: "",
          },
          stdio: "pipe",
        },
      );
    } catch (error) {
      app.kill("SIGTERM");
      const failure = error as { stderr?: Buffer; message: string };
      throw new Error(`could not create the ${role}: ${failure.stderr?.toString() ?? failure.message}`);
    }
  }
  project.provide("webUrl", webUrl);
  project.provide("apiUrl", `http://127.0.0.1:${apiPort}/graphql`);

  return stop;
}
