/**
 * The load bench's five questions (bench/mix.ts) asked one at a time, each timed over HTTP, optionally of
 * two builds side by side: this one and `--baseline DIR` (another checkout of the repository with its
 * dependencies installed), both as their own API process on the same database, requests alternating
 * between them, every pair of answers compared byte for byte.
 *
 *   npx tsx bench/mix-questions.ts [--data-dir /tmp/hc-bench-1m] [--port 54339] [--rounds 8] [--warmup 3]
 *                                  [--baseline DIR] [--read-cache on] [--only overview,claims]
 *                                  [--all-time]
 *
 * The read cache is off unless `--read-cache on`: the question is what computing each answer costs.
 * `--only` asks only the questions named; `--all-time` asks the overview over the corpus' whole history
 * (84,653 points for one metric at a million claims) instead of its last 30 days.
 * Prints a table of p50 per question (ms), the CPU time each request cost the API's processes and the
 * database server's (from /proc, in ticks of 10 ms: a mean over the timed requests), and how many answers
 * differed (any difference is printed and makes the exit code 1).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../apps/api/src/config.ts";
import {
  CSRF_HEADER,
  corpusFlags,
  freePort,
  median,
  openBenchDatabase,
  parseFlags,
  quantile,
} from "./lib.ts";
import { mixBodies, readMixArguments } from "./mix.ts";

const flags = parseFlags(process.argv.slice(2));
const { dataDir, port } = corpusFlags(flags);
const rounds = Number(flags.get("rounds") ?? 8);
const warmup = Number(flags.get("warmup") ?? 3);
const baseline = flags.get("baseline");
const readCache = flags.get("read-cache") === "on" ? "on" : "off";
const only = flags.get("only")?.split(",") ?? null;

interface Server {
  label: string;
  url: string;
  child: ChildProcess;
}

async function startServer(label: string, root: string, databaseUrl: string): Promise<Server> {
  const apiPort = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "bench/serve.ts"), String(apiPort)],
    {
      cwd: root,
      env: {
        HEADCOUNT_API_PROCESSES: "1",
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_ENV: "production",
        HEADCOUNT_READ_CACHE: readCache,
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`${label} exited with ${code} before it was ready`)));
  });
  return { label, url: `http://127.0.0.1:${apiPort}/graphql`, child };
}

const TICK_MS = 10;

/** [pid, parent pid, CPU ticks (user + system)] of every process. */
function processes(): [number, number, number][] {
  const found: [number, number, number][] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      found.push([Number(entry), Number(fields[1]), Number(fields[11]) + Number(fields[12])]);
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** CPU ticks of `root` and every process under it. */
function treeTicks(root: number, table: [number, number, number][]): number {
  const inTree = new Set([root]);
  let ticks = 0;
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of table)
      if (inTree.has(parent) && !inTree.has(pid)) {
        inTree.add(pid);
        grew = true;
      }
  }
  for (const [pid, , used] of table) if (inTree.has(pid)) ticks += used;
  return ticks;
}

async function ask(url: string, body: string): Promise<{ ms: number; text: string }> {
  const start = performance.now();
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
    body,
  });
  const text = await response.text();
  const ms = performance.now() - start;
  if (response.status !== 200 || text.includes('"errors"'))
    throw new Error(`${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return { ms, text };
}

const db = await openBenchDatabase(dataDir, port);
const servers: Server[] = [];
try {
  servers.push(await startServer("this build", REPO_ROOT, db.url));
  if (baseline) servers.push(await startServer(`baseline (${baseline})`, path.resolve(baseline), db.url));
  const args = await readMixArguments(db.url);
  const bodies = mixBodies(args, flags.has("all-time"));
  const kinds = Object.keys(bodies).filter((kind) => !only || only.includes(kind));
  const times = new Map<string, number[][]>(kinds.map((kind) => [kind, servers.map(() => [])]));
  const bytes = new Map<string, number[]>(kinds.map((kind) => [kind, []]));
  // CPU ticks per build and question: [API processes, database server].
  const cpu = new Map<string, [number, number][]>(kinds.map((kind) => [kind, servers.map(() => [0, 0])]));
  const database = db.pid;
  let differences = 0;
  let compared = 0;
  for (let round = 0; round < warmup + rounds; round++) {
    for (const kind of kinds) {
      const body = JSON.stringify((bodies[kind] as () => unknown)());
      // Alternate which build is asked first.
      const order = servers.map((_, i) => i);
      if (round % 2 === 1) order.reverse();
      const texts: string[] = [];
      for (const i of order) {
        const server = servers[i] as Server;
        const before = round >= warmup ? processes() : null;
        const { ms, text } = await ask(server.url, body);
        texts[i] = text;
        if (before) {
          (times.get(kind) as number[][])[i]?.push(ms);
          const after = processes();
          const used = (cpu.get(kind) as [number, number][])[i] as [number, number];
          used[0] +=
            treeTicks(server.child.pid as number, after) - treeTicks(server.child.pid as number, before);
          if (database) used[1] += treeTicks(database, after) - treeTicks(database, before);
        }
      }
      bytes.get(kind)?.push((texts[0] as string).length);
      if (texts.length > 1) {
        compared++;
        if (texts[0] !== texts[1]) {
          differences++;
          console.error(`${kind}: answers differ for ${body}`);
        }
      }
    }
  }
  const header = servers.map((s) => `${s.label}: p50 (p95) ms; CPU ms per request, API + PostgreSQL`);
  console.log(`| question | median bytes | ${header.join(" | ")} |`);
  console.log(`| --- | --- | ${servers.map(() => "---").join(" | ")} |`);
  for (const kind of kinds) {
    const cells = (times.get(kind) as number[][]).map((list, i) => {
      const [api, pgTicks] = (cpu.get(kind) as [number, number][])[i] as [number, number];
      const per = (ticks: number) => ((ticks * TICK_MS) / rounds).toFixed(1);
      return `${median(list).toFixed(1)} (${quantile(list, 0.95).toFixed(1)}); ${per(api)} + ${database ? per(pgTicks) : "?"}`;
    });
    console.log(`| ${kind} | ${median(bytes.get(kind) as number[])} | ${cells.join(" | ")} |`);
  }
  if (servers.length > 1) console.log(`answers compared: ${compared}, different: ${differences}`);
  if (differences > 0) process.exitCode = 1;
} finally {
  for (const server of servers) {
    if (server.child.exitCode === null) server.child.kill("SIGTERM");
  }
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          if (server.child.exitCode !== null) resolve();
          else server.child.once("exit", () => resolve());
        }),
    ),
  );
  await db.stop();
}
