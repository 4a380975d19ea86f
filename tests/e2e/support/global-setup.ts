import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";
import { freePort } from "../../support/ports.ts";
import { ADMIN, EDITOR } from "./accounts.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

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
  const [apiPort, webPort, dbPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), "headcount-e2e-"));
  // The embedded server runs as the postgres user, which must reach the folder.
  chmodSync(dataDir, 0o755);
  const output: string[] = [];
  const app = spawn(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "apps/api/src/bin/start.ts"],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        API_PORT: String(apiPort),
        WEB_PORT: String(webPort),
        HEADCOUNT_DB_PORT: String(dbPort),
        HEADCOUNT_DATA_DIR: dataDir,
        DATABASE_URL: "",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  app.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const webUrl = `http://127.0.0.1:${webPort}`;
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

  return async () => {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 15_000))]);
    rmSync(dataDir, { recursive: true, force: true });
  };
}
