import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../../apps/api/src/db/embedded.ts";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { startFileDatabase } from "./support/database.ts";

/**
 * An answer of NEW means the article is on disk: PostgreSQL is killed with SIGKILL (every one of its
 * processes at once, as a power cut or the OOM killer would leave it) while several processes ingest, and
 * after the restart every article that was acknowledged must be there.
 */
const RUNS = 10;
const LOOPS = 3;

let dataDir = "";
let port = 0;
let database: EmbeddedDatabase | undefined;

beforeAll(async () => {
  ({ dataDir, port, database } = await startFileDatabase("headcount-ingest-crash-", { seeds: false }));
}, 240_000);

afterAll(async () => {
  await database?.stop().catch(() => {});
  await rm(dataDir, { recursive: true, force: true });
});

/** The postmaster and every process it started (checkpointer, WAL writer, backends). */
function postgresProcesses(): number[] {
  const postmaster = Number.parseInt(
    readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0] ?? "",
    10,
  );
  const children = readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === postmaster;
      } catch {
        return false;
      }
    })
    .map(Number);
  return [postmaster, ...children];
}

function startLoop(id: number, url: string) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(REPO_ROOT, "tests/hardening/support/ingest-loop.ts")],
    {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: url, LOOP_ID: `${id}-${Date.now()}` },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", () => {});
  const done = new Promise<void>((resolve) => child.once("close", () => resolve()));
  return { child, done, output: () => output };
}

async function waitFor(condition: () => boolean, ms: number) {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
}

describe("SIGKILL of PostgreSQL during concurrent ingest", () => {
  it(`loses no acknowledged article over ${RUNS} crashes under ${LOOPS} ingest loops`, async () => {
    const lost: string[] = [];
    const perRun: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const url = (database as EmbeddedDatabase).url;
      const loops = Array.from({ length: LOOPS }, (_, id) => startLoop(id, url));
      await waitFor(() => loops.every((loop) => /^ack /m.test(loop.output())), 120_000);
      // Kill mid-stream, at a moment that differs from run to run.
      await new Promise((resolve) => setTimeout(resolve, 700 + run * 97));
      for (const pid of postgresProcesses()) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      // Let the loops notice; whatever they acknowledged before now must survive.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const loop of loops) loop.child.kill("SIGKILL");
      await Promise.all(loops.map((loop) => loop.done));
      const acknowledged = loops.flatMap((loop) =>
        [...loop.output().matchAll(/^ack (\d+) ([0-9a-f]{64})$/gm)].map((m) => ({
          id: Number(m[1]),
          hash: m[2] as string,
        })),
      );
      expect(acknowledged.length, "the loops ingested before the kill").toBeGreaterThan(0);

      database = await startEmbeddedPostgres({ dataDir, port });
      const pool = createPool(database.url, { max: 1 });
      const { rows } = await pool.query<{ id: number; contentHash: string }>(
        `select id, "contentHash" from "Article" where id = any($1::int[])`,
        [acknowledged.map((a) => a.id)],
      );
      await pool.end();
      const stored = new Map(rows.map((row) => [row.id, row.contentHash]));
      for (const ack of acknowledged)
        if (stored.get(ack.id) !== ack.hash) lost.push(`run ${run}: article ${ack.id}`);
      perRun.push(acknowledged.length);
    }
    console.info(
      `SIGKILL of PostgreSQL under ${LOOPS} ingest loops, ${RUNS} runs: ${perRun.join(", ")} articles acknowledged, ` +
        `${lost.length} lost`,
    );
    expect(lost).toEqual([]);
  }, 1_500_000);
});
