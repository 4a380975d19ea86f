import { spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import type { EmbeddedDatabase } from "../../apps/api/src/db/embedded.ts";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { freePort } from "../support/ports.ts";
import { startFileDatabase } from "./support/database.ts";

let dataDir = "";
let database: EmbeddedDatabase;

beforeAll(async () => {
  ({ dataDir, database } = await startFileDatabase("headcount-crash-"));
}, 120_000);

afterAll(async () => {
  await database?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function run(script: string, args: string[], env: Record<string, string>, detached = false) {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached,
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const done = new Promise<number | null>((resolve) => child.once("close", resolve));
  return { child, done, output: () => output };
}

describe("SIGKILL during editing", () => {
  it("leaves no partial write: every version step of every claim has exactly one audit event", async () => {
    const script = path.join(REPO_ROOT, "tests/hardening/support/edit-loop.ts");
    const loop = run(script, [], { DATABASE_URL: database.url }, true);
    const deadline = Date.now() + 30_000;
    while (!loop.output().includes("editing") && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    process.kill(-(loop.child.pid ?? 0), "SIGKILL");
    await loop.done;

    const pool = createPool(database.url, { max: 1 });
    const { rows } = await pool.query<{ id: number; version: number; audits: number }>(
      `select c.id, c.version,
              (select count(*)::int from "AuditEvent" a where a."subjectType" = 'Claim' and a."subjectId" = c.id and a.action = 'claim.update') as audits
         from "Claim" c`,
    );
    await pool.end();
    const edited = rows.filter((row) => row.version > 1);
    expect(edited.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.audits, `claim ${row.id}`).toBe(row.version - 1);
    const steps = edited.reduce((sum, row) => sum + row.version - 1, 0);
    console.info(
      `SIGKILL while editing: ${edited.length} claims edited, ${steps} version steps, each with exactly one audit event`,
    );
  }, 60_000);
});

describe("start-up failures are explained, not dumped", () => {
  it("an API port that is taken", async () => {
    const squatter = net.createServer().listen(0, "127.0.0.1");
    await new Promise((resolve) => squatter.once("listening", resolve));
    const taken = (squatter.address() as AddressInfo).port;
    const start = run("apps/api/src/bin/start.ts", [], {
      DATABASE_URL: database.url,
      API_PORT: String(taken),
      WEB_PORT: String(await freePort()),
      HEADCOUNT_CORPUS: path.join(dataDir, "none"),
    });
    const code = await start.done;
    squatter.close();
    expect(code).toBe(1);
    expect(start.output()).toContain(
      `Port ${taken} (API_PORT) is already in use by process ${process.pid} (`,
    );
    expect(start.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 60_000);

  it("a data folder that cannot be written", async () => {
    const blocker = path.join(dataDir, "a-file");
    await writeFile(blocker, "");
    const start = run("apps/api/src/bin/start.ts", [], {
      DATABASE_URL: "",
      HEADCOUNT_DATA_DIR: path.join(blocker, "data"),
      HEADCOUNT_DB_PORT: String(await freePort()),
    });
    expect(await start.done).toBe(1);
    expect(start.output()).toMatch(/cannot start: The data folder .* cannot be created or is not writable/);
    expect(start.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 60_000);

  it("a database port taken by something else", async () => {
    const squatter = net
      .createServer((socket) => {
        socket.on("error", () => {});
        socket.end("nope\n");
      })
      .listen(0, "127.0.0.1");
    await new Promise((resolve) => squatter.once("listening", resolve));
    const taken = (squatter.address() as AddressInfo).port;
    const start = run("apps/api/src/bin/start.ts", [], {
      DATABASE_URL: "",
      HEADCOUNT_DATA_DIR: path.join(dataDir, "fresh"),
      HEADCOUNT_DB_PORT: String(taken),
    });
    const code = await start.done;
    squatter.close();
    expect(code).toBe(1);
    expect(start.output()).toContain(`Port ${taken} is in use by another program`);
    expect(start.output()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  }, 60_000);
});
