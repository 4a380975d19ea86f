import { type ChildProcess, spawn } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { NODE_ARGS, outputOf } from "../support/cli.ts";
import { freePort } from "../support/ports.ts";

const folders: string[] = [];
let app: ChildProcess | undefined;
afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app?.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
  }
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(path.join(os.tmpdir(), "headcount-app-db-"));
  await chmod(folder, 0o755);
  folders.push(folder);
  return folder;
}

/** The environment of another shell: no database settings at all. */
function bareEnv(tmp: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: tmp, LOG_LEVEL: "warn" };
  for (const name of ["DATABASE_URL", "HEADCOUNT_DATA_DIR", "HEADCOUNT_DB_PORT", "TEST_DATABASE_URL"])
    delete env[name];
  return env;
}

function run(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [...NODE_ARGS, path.join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { child, done: outputOf(child) };
}

describe("npm run ingest without database settings", () => {
  it("writes to the embedded database of the running app, started with another data folder and port, and says so", async () => {
    const tmp = await tempFolder();
    const dataDir = await tempFolder();
    const port = await freePort();
    const started = run("tests/support/running-app-child.ts", [dataDir, String(port)], bareEnv(tmp));
    app = started.child;
    await new Promise<void>((resolve, reject) => {
      started.child.stdout?.on("data", (chunk: Buffer) => chunk.toString().includes("up") && resolve());
      started.child.once("exit", (code) => reject(new Error(`the app exited (${code})`)));
    });

    const articles = await tempFolder();
    await writeFile(
      path.join(articles, "report.txt"),
      "Troops at the border\nSource: Example Daily\nDate: 2024-11-06\n\n" +
        "The Pentagon said on Monday that about 8,000 North Korean soldiers were in the Kursk region.\n",
    );
    const ingest = await run("apps/api/src/bin/ingest.ts", [articles], bareEnv(tmp)).done;
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(ingest.stderr).toContain(`Writing to the embedded PostgreSQL on 127.0.0.1:${port}`);
    expect(ingest.stderr).toContain(`of the Headcount app running as process ${started.child.pid}`);
    expect(ingest.stdout).toContain("new 1 ·");

    const credentials = JSON.parse(await readFile(path.join(dataDir, "db-credentials.json"), "utf8"));
    const client = new pg.Client({
      host: "127.0.0.1",
      port,
      user: credentials.user,
      password: credentials.password,
      database: "headcount",
    });
    await client.connect();
    const { rows } = await client.query(
      `select count(*)::int as n from "Article" where title = 'Troops at the border'`,
    );
    await client.end();
    expect(rows[0].n).toBe(1);
  });

  it("names the database it writes to when it is given one", async () => {
    const tmp = await tempFolder();
    const env = { ...bareEnv(tmp), DATABASE_URL: process.env.TEST_DATABASE_URL };
    const ingest = await run("apps/api/src/bin/ingest.ts", [path.join(REPO_ROOT, "does-not-exist")], env)
      .done;
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    expect(ingest.stderr).toContain(
      `Writing to the PostgreSQL of DATABASE_URL (${url.hostname}:${url.port}${url.pathname})`,
    );
    expect(ingest.stderr).not.toContain(url.password);
  });
});
