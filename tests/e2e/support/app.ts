import { type ChildProcess, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../support/ports.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

export interface StartedApp {
  app: ChildProcess;
  /** What the app printed so far, stdout and stderr together. */
  output: string[];
  dataDir: string;
  apiPort: number;
  dbPort: number;
  webUrl: string;
  /** SIGTERM, up to 15 s for the app to exit, then its data folder removed. */
  stop(): Promise<void>;
}

/**
 * Starts the real app as `npm start` does (production mode), on free ports with a fresh data folder named
 * `<prefix>…`; `env` adds settings that may name the folder. Waiting for it to be ready is the caller's.
 */
export async function startApp(
  prefix: string,
  env: (dataDir: string) => NodeJS.ProcessEnv = () => ({}),
): Promise<StartedApp> {
  const [apiPort, webPort, dbPort] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
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
        ...env(dataDir),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  app.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  app.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  const stop = async () => {
    if (app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app.once("exit", resolve));
      app.kill("SIGTERM");
      // The grace timer is cleared once the app is gone: left pending, it would hold the test runner's
      // process open for the rest of the 15 s after the run has finished.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (grace = setTimeout(resolve, 15_000)))]);
      clearTimeout(grace);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { app, output, dataDir, apiPort, dbPort, webUrl: `http://127.0.0.1:${webPort}`, stop };
}
