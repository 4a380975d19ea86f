import { spawn } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { startEmbeddedPostgres } from "../../apps/api/src/db/embedded.ts";
import { freePort } from "../support/ports.ts";

const folders: string[] = [];

async function tempDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "headcount-embedded-"));
  await chmod(dir, 0o755);
  folders.push(dir);
  return dir;
}

async function scalar(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(sql);
    return result.rows[0] ? Object.values(result.rows[0])[0] : undefined;
  } finally {
    await client.end();
  }
}

afterAll(async () => {
  for (const dir of folders) await rm(dir, { recursive: true, force: true });
});

describe("embedded PostgreSQL", () => {
  it("starts a real server, keeps its data across restarts, and reuses a server already running", async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    expect(first.reused).toBe(false);
    expect(String(await scalar(first.url, "select version()"))).toMatch(/^PostgreSQL \d+/);
    await scalar(first.url, "create table marker (id int)");
    await scalar(first.url, "insert into marker values (42)");

    const second = await startEmbeddedPostgres({ dataDir, port });
    expect(second.reused).toBe(true);
    await second.stop(); // a reused server is left running
    expect(await scalar(first.url, "select id from marker")).toBe(42);

    await first.stop();
    const again = await startEmbeddedPostgres({ dataDir, port });
    expect(again.reused).toBe(false);
    expect(await scalar(again.url, "select id from marker")).toBe(42);
    await again.stop();
  });

  it("starts again after the process group that ran it was killed with SIGKILL", async () => {
    const dataDir = await tempDataDir();
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", path.join(REPO_ROOT, "tests/support/embedded-child.ts"), dataDir, String(port)],
      { detached: true, stdio: ["ignore", "pipe", "inherit"], cwd: REPO_ROOT },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (chunk: Buffer) => chunk.toString().includes("up") && resolve());
      child.once("exit", (code) => reject(new Error(`child exited with ${code}`)));
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(-(child.pid ?? 0), "SIGKILL");
    await exited;
    // The killed postmaster leaves its pid file behind; a new start must clean up and come up.
    const server = await startEmbeddedPostgres({ dataDir, port });
    expect(await scalar(server.url, "select 1")).toBe(1);
    await server.stop();
  }, 60_000);

  it("says plainly when the port is taken by another program", async () => {
    const squatter = net.createServer((socket) => {
      socket.on("error", () => {});
      socket.end("not a database\n");
    });
    const port = await new Promise<number>((resolve) =>
      squatter.listen(0, "127.0.0.1", () => resolve((squatter.address() as net.AddressInfo).port)),
    );
    try {
      await expect(startEmbeddedPostgres({ dataDir: await tempDataDir(), port })).rejects.toThrow(
        new RegExp(`Port ${port} is in use by another program.*HEADCOUNT_DB_PORT`),
      );
    } finally {
      squatter.close();
    }
  });

  it("says plainly when the data folder cannot be written", async () => {
    const blocker = path.join(await tempDataDir(), "a-file");
    await writeFile(blocker, "");
    await expect(
      startEmbeddedPostgres({ dataDir: path.join(blocker, "data"), port: await freePort() }),
    ).rejects.toThrow(/cannot be created or is not writable.*HEADCOUNT_DATA_DIR/);
  });
});
