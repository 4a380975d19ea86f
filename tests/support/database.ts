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

export function testPrisma(): PrismaClient {
  return createPrismaClient(testDatabaseUrl(), { max: 4 });
}
