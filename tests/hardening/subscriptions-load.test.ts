import { rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reviewClaim } from "../../apps/api/src/curation/claims.ts";
import type { EmbeddedDatabase } from "../../apps/api/src/db/embedded.ts";
import { createPrismaClient, type PrismaClient } from "../../apps/api/src/db/prisma.ts";
import { createClaimEvents, publishClaimChanged } from "../../apps/api/src/graphql/events.ts";
import { createHttpServer } from "../../apps/api/src/server/http.ts";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { startFileDatabase } from "./support/database.ts";

/**
 * Many open dashboards following the same search over HTTP, and editors changing claims meanwhile: every
 * stream stays open and receives every change, and ordinary reads stay fast. (All streams come from
 * loopback, one address, so the per-client limit is raised to hold them; the limits themselves are
 * tested in tests/integration/api-subscription.test.ts.)
 */
const STREAMS = 300;
const EDITS = 5;
/**
 * Reads must answer within 100 ms at the 95th percentile. This machine is shared (two cores, other test
 * runs at once): the assertion allows 2.5 times 100 ms, or 2.5 times the p95 of the same reads measured
 * just before with no stream open when the machine is slower than that. Both figures are printed.
 */
const READ_P95_MS = 100;
const LOADED_MACHINE_MARGIN = 2.5;
const READ = `{ claims(first: 10, filter: { search: "troops" }) { totalCount edges { node { id display } } } }`;

let dataDir = "";
let database: EmbeddedDatabase;
let prisma: PrismaClient;
let server: ReturnType<typeof createHttpServer>;
let base = "";
const pubsub = createClaimEvents();
// Under NODE_ENV=test, graphql-yoga pings every stream each 300 ms instead of every 12 s: 300 streams
// would measure a thousand pings a second that production never sends.
const nodeEnv = process.env.NODE_ENV;

beforeAll(async () => {
  process.env.NODE_ENV = "production";
  ({ dataDir, database } = await startFileDatabase("headcount-streams-"));
  prisma = createPrismaClient(database.url);
  const logger = pino({ level: "silent" });
  const api = createApi({
    prisma,
    logger,
    pubsub,
    production: true,
    streamLimits: { perClient: STREAMS, total: 2_000 },
  });
  server = createHttpServer(api, prisma, logger);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  process.env.NODE_ENV = nodeEnv;
  server?.closeAllConnections?.();
  await new Promise((resolve) => server?.close(resolve));
  await prisma?.$disconnect();
  await database?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/**
 * The dashboards, on a thread of their own as browsers would be on machines of their own: it opens the
 * streams, counts what each receives, and reports on request.
 */
const DASHBOARDS = `
const { parentPort, workerData } = require("node:worker_threads");
const { base, streams, csrfHeader, query } = workerData;
const controller = new AbortController();
const state = Array.from({ length: streams }, () => ({ events: 0, errors: [], ended: false }));
async function open(stream) {
  const response = await fetch(base + "/graphql", {
    method: "POST",
    headers: { "content-type": "application/json", accept: "text/event-stream", [csrfHeader]: "1" },
    body: JSON.stringify({ query }),
    signal: controller.signal,
  });
  if (response.status !== 200) throw new Error("status " + response.status);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      for (let end = buffer.indexOf("\\n\\n"); end >= 0; end = buffer.indexOf("\\n\\n")) {
        const data = buffer.slice(0, end).split("\\n").filter((l) => l.startsWith("data:")).map((l) => l.slice(5).trim()).join("\\n");
        buffer = buffer.slice(end + 2);
        if (!data) continue;
        const parsed = JSON.parse(data);
        if (parsed.errors) stream.errors.push(parsed.errors);
        else stream.events++;
      }
    }
  } catch {}
  stream.ended = true;
}
Promise.all(state.map((stream) => open(stream).then(
  () => {},
  (error) => { stream.errors.push(String(error)); stream.ended = true; },
)));
parentPort.on("message", (message) => {
  if (message === "stop") controller.abort();
  parentPort.postMessage(state);
});
`;

interface StreamState {
  events: number;
  errors: unknown[];
  ended: boolean;
}

async function timedRead(): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
    body: JSON.stringify({ query: READ }),
  });
  const body = (await response.json()) as { errors?: unknown };
  expect(body.errors).toBeUndefined();
  return performance.now() - started;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

describe("claimChanged under load", () => {
  it(`${STREAMS} streams and ${EDITS} edits: every stream alive, every event delivered, reads stay fast`, async () => {
    const editor = await createUser(prisma, { email: "load-editor@example.org", role: "editor" });
    const rows = await prisma.$queryRaw<{ id: number }[]>`
      select distinct c.id from "Claim" c join "Appearance" ap on ap."claimId" = c.id
      where c."deletedAt" is null and ap.quote ilike '%troops%' order by c.id limit 1`;
    const claimId = rows[0]?.id as number;
    expect(claimId).toBeGreaterThan(0);
    await timedRead(); // the first request compiles the resolvers; it is not what is measured
    const quiet: number[] = [];
    for (let i = 0; i < 20; i++) quiet.push(await timedRead());
    const quietP95 = percentile(quiet, 95);
    console.log(
      `reads with no stream open: p50=${percentile(quiet, 50).toFixed(1)} ms p95=${quietP95.toFixed(1)} ms`,
    );

    const dashboards = new Worker(DASHBOARDS, {
      eval: true,
      workerData: {
        base,
        streams: STREAMS,
        csrfHeader: CSRF_HEADER,
        query: `subscription { claimChanged(filter: { search: "troops" }) { change version claim { id display } } }`,
      },
    });
    const report = (message = "report") =>
      new Promise<StreamState[]>((resolve) => {
        dashboards.once("message", resolve);
        dashboards.postMessage(message);
      });
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const readTimes: number[] = [];
    let reading = true;
    const reader = (async () => {
      while (reading) readTimes.push(await timedRead());
    })();

    let version = (await prisma.claim.findUniqueOrThrow({ where: { id: claimId } })).version;
    for (const status of ["verified", "disputed", "unreviewed", "verified", "disputed"] as const) {
      const claim = await reviewClaim(
        prisma,
        { userId: editor.id, requestId: "load" },
        { claimId, expectedVersion: version, status },
      );
      version = claim.version;
      publishClaimChanged(pubsub, { claimId, change: "reviewed", version });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const deadline = Date.now() + 30_000;
    let streams = await report();
    while (Date.now() < deadline && streams.some((s) => s.events < EDITS && s.errors.length === 0)) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      streams = await report();
    }
    reading = false;
    await reader;

    const delivered = streams.reduce((sum, s) => sum + s.events, 0);
    const p95 = percentile(readTimes, 95);
    console.log(
      `${STREAMS} streams, ${EDITS} edits: ${delivered} of ${STREAMS * EDITS} events; ${streams.filter((s) => !s.ended).length} streams open; reads n=${readTimes.length} p50=${percentile(readTimes, 50).toFixed(1)} ms p95=${p95.toFixed(1)} ms max=${percentile(readTimes, 100).toFixed(1)} ms`,
    );
    expect(streams.flatMap((s) => s.errors)).toEqual([]);
    expect(streams.filter((s) => s.ended)).toHaveLength(0);
    expect(delivered).toBe(STREAMS * EDITS);
    expect(readTimes.length).toBeGreaterThan(10);
    expect(p95).toBeLessThan(Math.max(READ_P95_MS, quietP95) * LOADED_MACHINE_MARGIN);
    await report("stop");
    await dashboards.terminate();
  });
});
