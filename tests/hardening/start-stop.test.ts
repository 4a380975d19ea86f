import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import { freePort } from "../support/ports.ts";
import { requireSeeds } from "../support/seeds.ts";

/**
 * `npm start` as a user runs it (built once, then the start script), stopped with signals at random moments,
 * killed outright, and with its PostgreSQL killed under it. One data folder serves every run, as it would on
 * a user's machine.
 */

let dataDir = "";
const ports = { api: 0, web: 0, db: 0 };
let adminPassword = "";
/** Every process a run starts inherits this, so whatever is left of a run can be found by it. */
const MARK = `HEADCOUNT_TEST_RUN=${randomUUID()}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Run {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (null when ended by a signal). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** When the start process printed its first line. */
  started: Promise<number>;
  ready: Promise<boolean>;
}

/** Runs what `npm start` runs once the build is done (package.json "start", after `&& exec`). */
function launch(extraEnv: Record<string, string> = {}): Run {
  const startScript = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")).scripts
    .start as string;
  const command =
    startScript
      .split("&&")
      .at(-1)
      ?.trim()
      .replace(/^exec\s+/, "") ?? "";
  const [program, ...args] = command.split(/\s+/);
  // `node --import tsx …`, or `tsx …` (a launcher that relays signals to its own node child).
  expect(["node", "tsx"]).toContain(program);
  const [markName = "", markValue = ""] = MARK.split("=");
  const executable = program === "tsx" ? path.join(REPO_ROOT, "node_modules/.bin/tsx") : process.execPath;
  const child = spawn(executable, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      API_PORT: String(ports.api),
      WEB_PORT: String(ports.web),
      HEADCOUNT_DB_PORT: String(ports.db),
      HEADCOUNT_DATA_DIR: dataDir,
      HEADCOUNT_CORPUS: requireSeeds(),
      DATABASE_URL: "",
      NODE_ENV: "production",
      [markName]: markValue,
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  let onStarted: (at: number) => void = () => {};
  let onReady: (ready: boolean) => void = () => {};
  const started = new Promise<number>((resolve) => (onStarted = resolve));
  const ready = new Promise<boolean>((resolve) => (onReady = resolve));
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes("starting…")) onStarted(performance.now());
    // The last line a start prints (after "ready in", the addresses and the first admin's password).
    if (output.includes("Ctrl-C stops everything")) onReady(true);
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  // "exit", not "close": children left running by a killed start process may hold its stderr open.
  const closed = new Promise((resolve) => child.once("close", resolve));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => {
      onReady(false);
      onStarted(performance.now());
      // What it printed last is read before the result is looked at.
      void Promise.race([closed, sleep(2_000)]).then(() => resolve({ code, signal }));
    }),
  );
  return { child, output: () => output, exit, started, ready };
}

/** Live processes carrying this file's mark in their environment (PostgreSQL, the dashboard, the API). */
function leftovers(): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (!readFileSync(`/proc/${name}/environ`, "utf8").split("\0").includes(MARK)) continue;
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
      if (state === "Z" || state === "X") continue;
      found.push({
        pid: Number(name),
        command: readFileSync(`/proc/${name}/cmdline`, "utf8").split("\0").join(" ").slice(0, 120),
      });
    } catch {
      // gone meanwhile, or not readable
    }
  }
  return found;
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Nothing of the run is left: no marked process (after a short grace), no port listening. */
async function expectNothingLeft(context: string): Promise<void> {
  let left = leftovers();
  for (let i = 0; i < 20 && left.length > 0; i++) {
    await sleep(100);
    left = leftovers();
  }
  expect(left, `${context}: processes left running`).toEqual([]);
  for (const [name, port] of Object.entries(ports)) {
    expect(await listening(port), `${context}: port ${port} (${name}) still listening`).toBe(false);
  }
}

/** A stack trace or an unhandled error in what a run printed. */
const CRASH = /Unhandled|\n\s+at .+:\d+:\d+|EADDRINUSE/;

/** A light, steady load on the API and the dashboard while the app runs. */
function load(): { stop(): Promise<{ answered: number }> } {
  let running = true;
  let answered = 0;
  const loop = async (request: () => Promise<Response>) => {
    while (running) {
      try {
        const response = await request();
        await response.arrayBuffer();
        if (response.ok) answered++;
      } catch {
        // not up yet, or stopping
      }
      await sleep(150);
    }
  };
  const loops = [
    loop(() =>
      fetch(`http://127.0.0.1:${ports.api}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
        body: JSON.stringify({ query: "{ claims(first: 10) { totalCount edges { node { id display } } } }" }),
        signal: AbortSignal.timeout(5_000),
      }),
    ),
    loop(() => fetch(`http://127.0.0.1:${ports.web}/`, { signal: AbortSignal.timeout(5_000) })),
  ];
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return { answered };
    },
  };
}

async function exitWithin(run: Run, ms: number) {
  const timer = sleep(ms).then(() => "timeout" as const);
  const result = await Promise.race([run.exit, timer]);
  if (result === "timeout") {
    run.child.kill("SIGKILL");
    throw new Error(`the start process did not exit within ${ms} ms after SIGTERM:\n${run.output()}`);
  }
  return result;
}

async function startAndWait(): Promise<Run> {
  const run = launch();
  const ready = await Promise.race([run.ready, sleep(120_000).then(() => false)]);
  if (!ready) {
    run.child.kill("SIGKILL");
    throw new Error(`npm start did not become ready:\n${run.output()}`);
  }
  return run;
}

let readyMs = 0;

beforeAll(async () => {
  // Built once, as `npm start` would before starting.
  await promisify(execFile)("npm", ["run", "build"], { cwd: REPO_ROOT, timeout: 600_000 });
  dataDir = await mkdtemp(path.join(os.tmpdir(), "headcount-start-"));
  await chmod(dataDir, 0o755);
  ports.api = await freePort();
  ports.web = await freePort();
  ports.db = await freePort();
  // The first start creates the database, loads the demo corpus and prints the first admin's password.
  const first = await startAndWait();
  adminPassword = /first admin: \S+\s+password: (\S+)/.exec(first.output())?.[1] ?? "";
  first.child.kill("SIGTERM");
  expect(await exitWithin(first, 60_000)).toEqual({ code: 0, signal: null });
  await expectNothingLeft("first start");
  // How long a start takes from its first line to ready, with the database already there.
  const second = launch();
  const began = await second.started;
  await second.ready;
  readyMs = performance.now() - began;
  second.child.kill("SIGTERM");
  expect(await exitWithin(second, 60_000)).toEqual({ code: 0, signal: null });
}, 900_000);

afterAll(async () => {
  for (const { pid } of leftovers()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // gone
    }
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("npm start stopped with SIGTERM", () => {
  it("exits 0 with no stack trace and nothing left, at 20 random moments under load", async () => {
    const moments: string[] = [];
    for (let round = 0; round < 20; round++) {
      // Half the moments fall during start-up, half while it serves.
      const delay = Math.round(Math.random() * (round % 2 === 0 ? readyMs : 3_000));
      const run = launch();
      const traffic = load();
      await run.started;
      if (round % 2 === 1) await run.ready;
      await sleep(delay);
      const wasReady = /ready in/.test(run.output());
      run.child.kill("SIGTERM");
      const result = await exitWithin(run, 60_000);
      const { answered } = await traffic.stop();
      const context = `round ${round + 1} (SIGTERM ${delay} ms after ${round % 2 === 1 ? "ready" : "the first line"})`;
      expect(result, `${context}:\n${run.output()}`).toEqual({ code: 0, signal: null });
      expect(run.output(), context).not.toMatch(CRASH);
      expect(run.output(), context).toContain("stopped.");
      await expectNothingLeft(context);
      if (round % 2 === 1)
        expect(answered, `${context}: requests answered before the stop`).toBeGreaterThan(0);
      moments.push(
        `${delay}ms${round % 2 === 1 ? " after ready" : wasReady ? " (ready)" : " into start-up"}`,
      );
    }
    // And the next start works.
    const last = await startAndWait();
    last.child.kill("SIGTERM");
    expect(await exitWithin(last, 60_000)).toEqual({ code: 0, signal: null });
    await expectNothingLeft("the start after 20 stops");
    console.info(
      `SIGTERM at: ${moments.join(", ")}; each exited 0, nothing left (start to ready ≈ ${readyMs.toFixed(0)} ms)`,
    );
  }, 900_000);
});

describe("npm start killed with SIGKILL", () => {
  it("the next start stops what the killed one left running and comes up", async () => {
    const run = await startAndWait();
    const record = JSON.parse(readFileSync(path.join(dataDir, "run.json"), "utf8")) as {
      pid: number;
      children: { role: string; pid: number }[];
    };
    expect(record.pid).toBe(run.child.pid);
    run.child.kill("SIGKILL");
    await run.exit;
    const orphans = leftovers();
    // The killed start process could not stop its children: they are still there, holding the ports.
    expect(orphans.length).toBeGreaterThan(0);
    expect(await listening(ports.web)).toBe(true);

    const next = await startAndWait();
    for (const child of record.children) {
      expect(next.output()).toContain(`(pid ${child.pid}) left running by an earlier start that was killed`);
    }
    expect(next.output()).not.toMatch(CRASH);
    next.child.kill("SIGTERM");
    expect(await exitWithin(next, 60_000)).toEqual({ code: 0, signal: null });
    await expectNothingLeft("after the start that followed a SIGKILL");
  }, 300_000);

  it("a port held by a process that is not Headcount's is named, not reported as EADDRINUSE", async () => {
    const holder = net.createServer().listen(ports.web, "127.0.0.1");
    await new Promise((resolve) => holder.once("listening", resolve));
    try {
      const run = launch();
      const result = await exitWithin(run, 60_000);
      expect(result.code).toBe(1);
      expect(run.output()).toContain(
        `Port ${ports.web} (WEB_PORT) is already in use by process ${process.pid} (`,
      );
      expect(run.output()).toContain("Stop it, or choose another port with WEB_PORT.");
      expect(run.output()).not.toMatch(CRASH);
    } finally {
      await new Promise((resolve) => holder.close(resolve));
    }
    await expectNothingLeft("after refusing to start");
  }, 120_000);
});

describe("PostgreSQL killed under the running app", () => {
  it("is restarted: /readyz is back within 20 s, and meanwhile a signed-in user gets DATABASE_UNAVAILABLE, never 500", async () => {
    expect(adminPassword).not.toBe("");
    const run = await startAndWait();
    const graphql = (query: string, cookie?: string) =>
      fetch(`http://127.0.0.1:${ports.api}/graphql`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [CSRF_HEADER]: "1",
          ...(cookie ? { cookie } : {}),
        },
        body: JSON.stringify({ query }),
        signal: AbortSignal.timeout(10_000),
      });
    const login = await graphql(
      `mutation { login(email: "admin@headcount.local", password: ${JSON.stringify(adminPassword)}) { __typename } }`,
    );
    expect(((await login.json()) as { data: { login: { __typename: string } } }).data.login.__typename).toBe(
      "LoginSuccess",
    );
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toMatch(/^hc_session=/);

    const postmaster = Number(
      readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0],
    );
    process.kill(postmaster, "SIGKILL");
    const killedAt = performance.now();

    // While it is down, every answer is DATABASE_UNAVAILABLE (signed in or not), never HTTP 500.
    const seen = { signedIn: [] as string[], anonymous: [] as string[] };
    let ready = false;
    while (!ready && performance.now() - killedAt < 20_000) {
      for (const [who, asking] of [
        ["signedIn", cookie],
        ["anonymous", undefined],
      ] as const) {
        const response = await graphql("{ me { email } claims(first: 1) { totalCount } }", asking);
        expect(response.status, `${who} while PostgreSQL is down`).not.toBe(500);
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        const codes = (body.errors ?? []).map((error) => error.extensions?.code ?? "none");
        for (const code of codes)
          expect(code, `${who}: ${JSON.stringify(body)}`).toBe("DATABASE_UNAVAILABLE");
        if (codes.length > 0) seen[who].push(`${response.status}`);
      }
      ready = (await fetch(`http://127.0.0.1:${ports.api}/readyz`)).status === 200;
      if (!ready) await sleep(100);
    }
    const backAfter = performance.now() - killedAt;
    expect(ready, "/readyz answered 200 again").toBe(true);
    expect(
      seen.signedIn.length,
      "a signed-in request was answered while PostgreSQL was down",
    ).toBeGreaterThan(0);
    // The supervisor says so once its new server is fully set up (a moment after it first answers).
    for (let i = 0; i < 100 && !run.output().includes("PostgreSQL is back"); i++) await sleep(100);
    expect(run.output()).toContain("PostgreSQL is back");

    // The same session works again, with no restart of the app.
    const after = await graphql("{ me { email } }", cookie);
    expect(await after.json()).toEqual({ data: { me: { email: "admin@headcount.local" } } });

    run.child.kill("SIGTERM");
    expect(await exitWithin(run, 60_000)).toEqual({ code: 0, signal: null });
    expect(run.output()).not.toMatch(CRASH);
    await expectNothingLeft("after a PostgreSQL restart");
    console.info(
      `PostgreSQL SIGKILLed: /readyz 200 again after ${(backAfter / 1000).toFixed(1)} s; meanwhile signed-in answers ` +
        `${[...new Set(seen.signedIn)].join("/")} DATABASE_UNAVAILABLE, anonymous ${[...new Set(seen.anonymous)].join("/")}`,
    );
  }, 300_000);
});
