import { createPrismaClient, type PrismaClient } from "../../apps/api/src/db/prisma.ts";

/** This test file's own database (see worker-database.ts). */
export function testDatabaseUrl(): string {
  const url = process.env.TEST_DATABASE_URL;
  if (!url)
    throw new Error(
      "TEST_DATABASE_URL is not set: run integration tests through vitest's integration project",
    );
  return url;
}

/** A database on the same server as this file's, for tests that need a fresh one. */
export function siblingDatabaseUrl(name: string): string {
  const url = new URL(testDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/** A Prisma client on this file's database; 4 connections unless a test needs more at once. */
export function testPrisma(options: { max?: number } = {}): PrismaClient {
  return createPrismaClient(testDatabaseUrl(), { max: options.max ?? 4 });
}

/**
 * A Prisma client with `connections` connections already open, for a test that starts that many
 * transactions at once: none of them waits for a connection to be made (under load that can take longer
 * than a transaction may wait to start).
 */
export async function warmPrisma(connections: number): Promise<PrismaClient> {
  const client = testPrisma({ max: connections });
  // Each statement holds its connection for a moment, so the pool opens them all.
  await Promise.all(Array.from({ length: connections }, () => client.$queryRaw`select pg_sleep(0.05)::text`));
  return client;
}

/** How many updates of the claim the audit trail records (exactly one per change that was made). */
export function claimUpdatesAudited(prisma: PrismaClient, claimId: number): Promise<number> {
  return prisma.auditEvent.count({
    where: { subjectType: "Claim", subjectId: claimId, action: "claim.update" },
  });
}
