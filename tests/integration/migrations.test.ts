import { readFile } from "node:fs/promises";
import { describe, expect, inject, it } from "vitest";
import {
  applyMigrations,
  diffSchemas,
  isEmptyMigration,
  readMigrationsList,
  SCHEMA_PATH,
  SNAPSHOT_PATH,
} from "../../apps/api/src/db/migrations.ts";
import { withClient } from "../../apps/api/src/db/pool.ts";
import { siblingDatabaseUrl, testDatabaseUrl } from "../support/database.ts";

/** Objects the migrations create by hand (Prisma cannot declare them); the drift check ignores these only. */
const handWritten = JSON.parse(
  await readFile(new URL("../../prisma/migrations/hand-written-objects.json", import.meta.url), "utf8"),
) as { indexes: string[] };

async function freshDatabase(name: string): Promise<string> {
  await withClient(inject("adminDatabaseUrl"), async (admin) => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  });
  return siblingDatabaseUrl(name);
}

/** Everything about a database's shape that a migration can change, in a comparable form. */
async function catalog(url: string) {
  return withClient(url, async (client) => {
    const columns = await client.query(`
      select table_name, column_name, data_type, udt_name, is_nullable, column_default
      from information_schema.columns
      where table_schema = 'public' and table_name <> '_prisma_migrations'
      order by table_name, column_name`);
    const indexes = await client.query(
      `
      select tablename, indexname, indexdef from pg_indexes
      where schemaname = 'public' and tablename <> '_prisma_migrations' and not (indexname = any($1))
      order by tablename, indexname`,
      [handWritten.indexes],
    );
    const constraints = await client.query(`
      select c.conrelid::regclass::text as table_name, c.conname, c.contype, pg_get_constraintdef(c.oid) as definition
      from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = 'public' and c.conrelid::regclass::text <> '_prisma_migrations'
      order by 1, 2`);
    const enums = await client.query(`
      select t.typname, array_agg(e.enumlabel order by e.enumsortorder)::text as labels
      from pg_type t join pg_enum e on e.enumtypid = t.oid group by t.typname order by t.typname`);
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows, enums: enums.rows };
  });
}

describe("migrations", () => {
  it("the snapshot of the last migration matches schema.prisma (run `npm run db:migration -- NAME` when it does not)", async () => {
    const [schema, snapshot] = await Promise.all([
      readFile(SCHEMA_PATH, "utf8"),
      readFile(SNAPSHOT_PATH, "utf8"),
    ]);
    const sql = await diffSchemas(testDatabaseUrl(), snapshot, schema);
    expect(isEmptyMigration(sql), `schema.prisma has changes no migration holds:\n${sql}`).toBe(true);
  });

  it("applying the migrations gives exactly the database that schema.prisma describes", async () => {
    const migratedUrl = await freshDatabase("drift_migrated");
    const expectedUrl = await freshDatabase("drift_expected");
    await applyMigrations(migratedUrl);
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const fullSql = await diffSchemas(expectedUrl, null, schema);
    await withClient(expectedUrl, (client) => client.query(fullSql));
    const [migrated, expected] = await Promise.all([catalog(migratedUrl), catalog(expectedUrl)]);
    expect(migrated.columns.length).toBeGreaterThan(50);
    expect(migrated).toEqual(expected);
    const present = await withClient(migratedUrl, (client) =>
      client.query("select indexname from pg_indexes where indexname = any($1) order by indexname", [
        handWritten.indexes,
      ]),
    );
    expect(present.rows.map((row) => row.indexname)).toEqual([...handWritten.indexes].sort());
  });

  it("is idempotent and safe to run concurrently", async () => {
    const url = await freshDatabase("migrate_concurrent");
    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    const migrationCount = (await readMigrationsList()).migrationDirectories.length;
    // Exactly one of the three callers applied the migrations; the others found nothing to do.
    expect(results.map((applied) => applied.length).sort()).toEqual([0, 0, migrationCount]);
    expect(await applyMigrations(url)).toEqual([]);
    const rows = await withClient(url, (client) =>
      client.query("select migration_name, finished_at from _prisma_migrations order by migration_name"),
    );
    expect(rows.rowCount).toBe(migrationCount);
    expect(rows.rows.every((row) => row.finished_at !== null)).toBe(true);
  });
});
