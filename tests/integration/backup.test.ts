import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { backupDatabase, restoreDatabase, tableSummaries } from "../../apps/api/src/db/backup.ts";
import { createUser } from "../../apps/api/src/users/users.ts";
import { siblingDatabaseUrl, testDatabaseUrl, testPrisma } from "../support/database.ts";
import { loadSeeds } from "../support/seeds.ts";

let folder = "";
beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), "headcount-backup-"));
  await loadSeeds();
  const prisma = testPrisma();
  await createUser(prisma, {
    email: "restore@example.org",
    role: "editor",
    password: "a password for the backup",
  });
  await prisma.$disconnect();
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function emptyDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: inject("adminDatabaseUrl") });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
  return siblingDatabaseUrl(name);
}

describe("backup and restore", () => {
  it("a restore reproduces identical row counts and per-table checksums", async () => {
    const file = path.join(folder, "seed.backup.gz");
    const header = await backupDatabase(testDatabaseUrl(), file);
    expect(header.tables.find((t) => t.table === "Claim")?.rows).toBeGreaterThan(0);
    const target = await emptyDatabase("restore_target");
    const restored = await restoreDatabase(target, file);
    const original = await tableSummaries(testDatabaseUrl());
    expect(restored).toEqual(original);
    expect(original.find((t) => t.table === "User")?.rows).toBeGreaterThan(0);

    // New rows after a restore get fresh ids (sequences moved past the restored ones).
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    const before = await client.query(`select max(id) as id from "IngestRun"`);
    const inserted = await client.query(
      `insert into "IngestRun" (trigger) values ('after-restore') returning id`,
    );
    expect(inserted.rows[0].id).toBeGreaterThan(before.rows[0].id ?? 0);
    await client.end();
  });

  it("refuses a database that already has data, a foreign file, and changes nothing", async () => {
    const file = path.join(folder, "again.backup.gz");
    await backupDatabase(testDatabaseUrl(), file);
    const before = await tableSummaries(testDatabaseUrl());
    await expect(restoreDatabase(testDatabaseUrl(), file)).rejects.toThrow(/already holds data/);
    expect(await tableSummaries(testDatabaseUrl())).toEqual(before);
    const bogus = path.join(folder, "bogus.gz");
    await writeFile(bogus, "not a backup");
    await expect(restoreDatabase(await emptyDatabase("restore_bogus"), bogus)).rejects.toThrow(
      /not a Headcount backup|incorrect header/,
    );
    await expect(restoreDatabase(testDatabaseUrl(), file, { replace: true })).resolves.toEqual(before);
  });
});
