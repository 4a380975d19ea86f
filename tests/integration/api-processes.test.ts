import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { CACHE_HEADER } from "../../apps/api/src/server/read-cache.ts";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import { NODE_ARGS } from "../support/cli.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";
import { freePort } from "../support/ports.ts";
import { loadSeeds } from "../support/seeds.ts";

/**
 * HEADCOUNT_API_PROCESSES=2: two processes serve one port (node:cluster hands new connections to them in
 * turn), each with its own read cache, and a write anywhere empties both (each listens for the database's
 * change notifications).
 */
const prisma = testPrisma();
let app: ChildProcess | undefined;
let url = "";
let pids: number[] = [];

const CLAIMS = `query { claims(first: 5, orderBy: STATED_ON) { edges { node { id valueBest } } } }`;

/** One request on a connection of its own, so the next one may be handed to the other process. */
async function ask() {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1", connection: "close" },
    body: JSON.stringify({ query: CLAIMS }),
  });
  const body = (await response.json()) as {
    data: { claims: { edges: { node: { id: string; valueBest: number | null } }[] } };
  };
  return { cache: response.headers.get(CACHE_HEADER), first: body.data.claims.edges[0]?.node };
}

beforeAll(async () => {
  await loadSeeds();
  const port = await freePort();
  url = `http://127.0.0.1:${port}/graphql`;
  app = spawn(
    process.execPath,
    [
      ...NODE_ARGS,
      path.join(REPO_ROOT, "tests/support/api-processes-child.ts"),
      testDatabaseUrl(),
      String(port),
    ],
    { cwd: REPO_ROOT, env: { ...process.env, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "inherit"] },
  );
  pids = await new Promise<number[]>((resolve, reject) => {
    let out = "";
    app?.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const ready = /ready ([\d ]+)\n/.exec(out);
      if (ready) resolve((ready[1] as string).split(" ").map(Number));
    });
    app?.once("exit", (code) => reject(new Error(`the API processes exited (${code})`)));
  });
});

afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app?.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
  }
  await prisma.$disconnect();
});

describe("several API processes on one port", () => {
  it("each keeps its own read cache, and a write empties both", async () => {
    expect(pids).toHaveLength(2);
    expect(new Set(pids).size).toBe(2);
    // Each process answers the first time from the database and then from its cache: two misses.
    const warm = [];
    for (let i = 0; i < 6; i++) warm.push(await ask());
    expect(warm.filter((answer) => answer.cache === "miss")).toHaveLength(2);
    expect(warm.filter((answer) => answer.cache === "hit")).toHaveLength(4);
    const claim = warm[0]?.first;
    expect(claim).toBeDefined();
    const id = Number(
      Buffer.from(claim?.id ?? "", "base64")
        .toString()
        .split(":")[1],
    );
    const changed = (claim?.valueBest ?? 0) + 1;

    // Written as the ingest CLI or an editor through another process would: straight to the database.
    await prisma.$executeRaw`update "Claim" set "valueBest" = ${changed} where id = ${id}`;
    // The notification reaches each process on its own connection: within a few seconds neither serves
    // the old answer, and each computed the new one once.
    const deadline = Date.now() + 5_000;
    const after = [];
    for (let fresh = 0; fresh < 6; ) {
      if (Date.now() > deadline) throw new Error("a process still served the old answer after 5 s");
      const answer = await ask();
      if (answer.first?.valueBest === changed) {
        fresh++;
        after.push(answer);
      } else {
        fresh = 0;
        after.length = 0;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
    expect(after.map((answer) => answer.first?.valueBest)).toEqual(Array(6).fill(changed));
    expect(after.filter((answer) => answer.cache === "hit").length).toBeGreaterThanOrEqual(4);
  });
});
