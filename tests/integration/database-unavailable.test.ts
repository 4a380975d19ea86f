import net from "node:net";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { createPrismaClient } from "../../apps/api/src/db/prisma.ts";
import { isDatabaseUnavailable } from "../../apps/api/src/db/unavailable.ts";
import { testDatabaseUrl, testPrisma } from "../support/database.ts";

const prisma = testPrisma();
afterAll(() => prisma.$disconnect());

/** A port nothing listens on: taken from the system, then released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function failureOf(attempt: () => Promise<unknown>): Promise<unknown> {
  try {
    await attempt();
  } catch (error) {
    return error;
  }
  throw new Error("expected the attempt to fail");
}

function urlOnPort(port: number): string {
  const url = new URL(testDatabaseUrl());
  url.port = String(port);
  return url.toString();
}

describe("database-down detection", () => {
  it("recognises a server that refuses connections, through Prisma and through the pool", async () => {
    const url = urlOnPort(await closedPort());
    const unreachable = createPrismaClient(url, { max: 1 });
    const viaPrisma = await failureOf(() => unreachable.claim.count());
    await unreachable.$disconnect();
    expect(isDatabaseUnavailable(viaPrisma)).toBe(true);

    const pool = createPool(url, { max: 1 });
    const viaPool = await failureOf(() => pool.query("select 1"));
    await pool.end();
    expect(isDatabaseUnavailable(viaPool)).toBe(true);
  });

  it("recognises a connection the server ends (administrator shutdown of the session)", async () => {
    const client = new pg.Client({ connectionString: testDatabaseUrl() });
    await client.connect();
    client.on("error", () => {});
    const { rows } = await client.query<{ pid: number }>("select pg_backend_pid() as pid");
    // A query in flight when the server ends the session fails with the server's own code.
    const ended = failureOf(() => client.query("select pg_sleep(30)"));
    const killer = new pg.Client({ connectionString: testDatabaseUrl() });
    await killer.connect();
    // Wait until the sleep is running, then end that session as an administrator would.
    for (let terminated = 0; terminated === 0; ) {
      const result = await killer.query(
        "select pg_terminate_backend(pid) from pg_stat_activity where pid = $1 and query like '%pg_sleep%' and state = 'active'",
        [rows[0]!.pid],
      );
      terminated = result.rowCount ?? 0;
      if (terminated === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await killer.end();
    const error = await ended;
    await client.end().catch(() => {});
    expect((error as { code?: string }).code).toBe("57P01");
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it("does not mistake a wrong query or a broken rule for an outage", async () => {
    const syntax = await failureOf(() => prisma.$queryRawUnsafe("select from where"));
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    const missing = await failureOf(() => prisma.claim.update({ where: { id: 2_000_000_000 }, data: {} }));
    expect(isDatabaseUnavailable(missing)).toBe(false);
    expect(isDatabaseUnavailable(new Error("Connection to the feed timed out"))).toBe(false);
  });
});
