import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import pg from "pg";
import { REPO_ROOT } from "../config.ts";
import { openSchemaEngine } from "./schema-engine.ts";

export const SCHEMA_PATH = path.join(REPO_ROOT, "prisma/schema.prisma");
export const MIGRATIONS_DIR = path.join(REPO_ROOT, "prisma/migrations");
/**
 * The schema as of the newest migration. Prisma's own CLI diffs against a shadow database, which the
 * WebAssembly engine cannot create; diffing against this snapshot gives the same SQL without one.
 */
export const SNAPSHOT_PATH = path.join(MIGRATIONS_DIR, "schema.snapshot.prisma");

const NO_FILTERS = { externalTables: [], externalEnums: [] };
/** Arbitrary but fixed: every Headcount process migrating the same database takes this lock. */
const MIGRATION_LOCK_KEY = 72_616_181;

export async function readMigrationsList(dir = MIGRATIONS_DIR): Promise<MigrationList> {
  const entries = existsSync(dir) ? await readdir(dir, { withFileTypes: true }) : [];
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockPath = path.join(dir, "migration_lock.toml");
  return {
    baseDir: dir,
    lockfile: {
      path: "migration_lock.toml",
      content: existsSync(lockPath) ? await readFile(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => {
        const file = path.join(dir, folder, "migration.sql");
        const content = await readFile(file, "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (error: Error) => ({ tag: "error" as const, value: error.message }),
        );
        return { path: folder, migrationFile: { path: "migration.sql", content } };
      }),
    ),
  };
}

/**
 * Applies pending migrations into Prisma's `_prisma_migrations` table. Idempotent; concurrent callers
 * serialise on a PostgreSQL advisory lock, so two processes starting at once never both migrate.
 */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const lockClient = new pg.Client({ connectionString: databaseUrl });
  await lockClient.connect();
  try {
    await lockClient.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    const migrations = await readMigrationsList();
    if (await allApplied(lockClient, migrations)) return [];
    const schema = await readFile(SCHEMA_PATH, "utf8");
    const { engine, close } = await openSchemaEngine(databaseUrl, { path: "schema.prisma", content: schema });
    try {
      const result = await engine.applyMigrations({
        migrationsList: migrations,
        filters: NO_FILTERS,
      });
      return result.appliedMigrationNames;
    } finally {
      await close();
    }
  } finally {
    await lockClient.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => {});
    await lockClient.end();
  }
}

/**
 * True when every migration folder is recorded as applied (and none failed or rolled back): then the
 * schema engine, ≈ 1 s of WebAssembly start-up for every command, has nothing to do and is not started.
 */
async function allApplied(client: pg.Client, migrations: MigrationList): Promise<boolean> {
  const { rows } = await client.query<{ ready: boolean }>(
    `select to_regclass('_prisma_migrations') is not null as ready`,
  );
  if (!rows[0]?.ready) return false;
  const applied = await client.query<{ migration_name: string; ok: boolean }>(
    `select migration_name, finished_at is not null and rolled_back_at is null as ok from _prisma_migrations`,
  );
  // A failed or rolled-back attempt is for the engine to judge.
  if (applied.rows.some((row) => !row.ok)) return false;
  const names = new Set(applied.rows.map((row) => row.migration_name));
  return migrations.migrationDirectories.every((folder) => names.has(folder.path));
}

/** The SQL that takes a database from the schema `fromSchema` (or nothing) to `toSchema`. */
export async function diffSchemas(
  databaseUrl: string,
  fromSchema: string | null,
  toSchema: string,
): Promise<string> {
  // The engine insists on a live connection for its connector, though a schema-to-schema diff reads nothing.
  const { engine, close } = await openSchemaEngine(databaseUrl, {
    path: "schema.prisma",
    content: toSchema,
  });
  try {
    const result = await engine.diff({
      from:
        fromSchema === null
          ? { tag: "empty" }
          : { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: fromSchema }] },
      to: { tag: "schemaDatamodel", files: [{ path: "schema.prisma", content: toSchema }] },
      script: true,
      exitCode: null,
      filters: NO_FILTERS,
    });
    return result.stdout ?? "";
  } finally {
    await close();
  }
}

/** True when a diff script changes nothing (the engine prints a comment for an empty migration). */
export function isEmptyMigration(sql: string): boolean {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}

/**
 * Writes `prisma/migrations/<timestamp>_<name>/migration.sql` for the change between the snapshot of the
 * last migration and `schema.prisma`, then moves the snapshot forward. Returns null when nothing changed.
 */
export async function createMigration(
  databaseUrl: string,
  name: string,
  now = new Date(),
): Promise<string | null> {
  if (!/^[a-z0-9_]+$/.test(name)) {
    throw new Error(`Migration names use lower-case letters, digits and underscores: "${name}" does not.`);
  }
  const schema = await readFile(SCHEMA_PATH, "utf8");
  const snapshot = existsSync(SNAPSHOT_PATH) ? await readFile(SNAPSHOT_PATH, "utf8") : null;
  const sql = await diffSchemas(databaseUrl, snapshot, schema);
  if (isEmptyMigration(sql)) return null;
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, "migration.sql"), sql);
  await writeFile(SNAPSHOT_PATH, schema);
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");
  if (!existsSync(lockPath)) {
    await writeFile(
      lockPath,
      '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n',
    );
  }
  return folder;
}
