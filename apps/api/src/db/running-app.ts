import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "../config.ts";

/** Where `npm start` says which embedded database it serves, for the other commands of this checkout. */
export function runningAppFile(): string {
  const checkout = createHash("sha256").update(REPO_ROOT).digest("hex").slice(0, 12);
  return path.join(os.tmpdir(), `headcount-app-${checkout}.json`);
}

export interface RunningApp {
  pid: number;
  dataDir: string;
  dbPort: number;
}

/** Records this process as the running app until it exits. */
export function recordRunningApp(app: Omit<RunningApp, "pid">): void {
  const file = runningAppFile();
  writeFileSync(file, JSON.stringify({ pid: process.pid, ...app }), { mode: 0o644 });
  process.once("exit", () => {
    if (findRunningApp()?.pid === process.pid) rmSync(file, { force: true });
  });
}

/** The app started from this checkout, when one is running (a record left by a killed one is ignored). */
export function findRunningApp(): RunningApp | null {
  let app: RunningApp;
  try {
    app = JSON.parse(readFileSync(runningAppFile(), "utf8")) as RunningApp;
  } catch {
    return null;
  }
  if (!Number.isInteger(app.pid) || typeof app.dataDir !== "string" || !Number.isInteger(app.dbPort))
    return null;
  try {
    process.kill(app.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return null;
  }
  return app;
}
