import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { type BUNDLED_CLIS, cliBundle } from "./bundles.ts";
import { testDatabaseUrl } from "./database.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * How tests start a TypeScript entry point: through tsx, with reader threads on the bundle the run built
 * (bundled-readers.mjs, bundles.ts).
 */
export const NODE_ARGS = [
  "--import",
  "tsx",
  "--import",
  pathToFileURL(path.join(REPO_ROOT, "tests/support/bundled-readers.mjs")).href,
];

/**
 * Starts one of Headcount's command-line tools against this test file's database: from the bundle the run
 * built (bundles.ts), or through tsx for a tool that has none.
 */
export function spawnCli(
  script: (typeof BUNDLED_CLIS)[number],
  args: string[],
  options: { detached?: boolean } = {},
): ChildProcess {
  return spawn(process.execPath, [cliBundle(script), ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
}

/** Runs a command-line tool to the end and collects what it printed. */
export function runCli(script: (typeof BUNDLED_CLIS)[number], args: string[]): Promise<CliResult> {
  return outputOf(spawnCli(script, args));
}

/** What a child process printed, and its exit code, once it has closed. */
export function outputOf(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve) => child.once("close", (code) => resolve({ code, stdout, stderr })));
}
