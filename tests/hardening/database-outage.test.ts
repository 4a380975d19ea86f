import { rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../../apps/api/src/db/embedded.ts";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { createHttpServer } from "../../apps/api/src/server/http.ts";
import { CSRF_HEADER, createApi } from "../../apps/api/src/server/yoga.ts";
import { startFileDatabase } from "./support/database.ts";

/**
 * PostgreSQL goes away under load: every request must end within 5 seconds with a clear error, /readyz
 * must turn red, and the service must recover by itself when the database returns.
 */
let dataDir = "";
let port = 0;
let database: EmbeddedDatabase;
let base = "";
const prismaHolder: { close?: () => Promise<void> } = {};
let server: ReturnType<typeof createHttpServer>;

beforeAll(async () => {
  ({ dataDir, port, database } = await startFileDatabase("headcount-outage-"));
  const prisma = createPrismaClient(database.url, { max: 5 });
  prismaHolder.close = () => prisma.$disconnect();
  const logger = pino({ level: "silent" });
  server = createHttpServer(createApi({ prisma, logger, production: true }), prisma, logger);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await prismaHolder.close?.();
  await database?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const QUERY = "{ claims(first: 20) { totalCount edges { node { id display source { name } } } } }";

async function timedQuery(): Promise<{ ms: number; ok: boolean; message: string; status: number }> {
  const started = performance.now();
  try {
    const response = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: JSON.stringify({ query: QUERY }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    return {
      ms: performance.now() - started,
      ok: !body.errors && response.ok,
      message: body.errors?.[0]?.message ?? "",
      status: response.status,
    };
  } catch (error) {
    return { ms: performance.now() - started, ok: false, message: String(error), status: 0 };
  }
}

describe("PostgreSQL stopped under load", () => {
  it("every request ends within 5 s with a clear error, /readyz turns red, and the service recovers", async () => {
    expect((await timedQuery()).ok).toBe(true);
    const results: Awaited<ReturnType<typeof timedQuery>>[] = [];
    let running = true;
    const workers = Array.from({ length: 8 }, async () => {
      while (running) results.push(await timedQuery());
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const stoppedAt = results.length;
    await database.stop();
    await new Promise((resolve) => setTimeout(resolve, 4_000));
    const ready = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) });
    expect(ready.status).toBe(503);
    running = false;
    await Promise.all(workers);

    const during = results.slice(stoppedAt);
    expect(during.length).toBeGreaterThan(5);
    const failed = during.filter((r) => !r.ok);
    expect(failed.length).toBeGreaterThan(0);
    for (const result of during)
      expect(result.ms, `a request took ${result.ms.toFixed(0)} ms`).toBeLessThan(5_000);
    for (const result of failed) expect(result.message).toMatch(/database is unavailable/i);

    // The database returns; the API needs no restart.
    database = await startEmbeddedPostgres({ dataDir, port });
    const back = performance.now();
    const deadline = Date.now() + 30_000;
    let recovered = false;
    while (Date.now() < deadline && !recovered) {
      recovered = (await timedQuery()).ok;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(recovered).toBe(true);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const slowest = during.reduce((max, r) => Math.max(max, r.ms), 0);
    console.info(
      `outage: ${during.length} requests after the stop, ${failed.length} refused with "${failed[0]?.message}", ` +
        `slowest ${slowest.toFixed(0)} ms; /readyz ${ready.status} during, 200 after; ` +
        `answering again ${(performance.now() - back).toFixed(0)} ms after PostgreSQL was back`,
    );
  }, 120_000);
});
