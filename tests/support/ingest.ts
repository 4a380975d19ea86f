import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { testDatabaseUrl } from "./database.ts";

/** The tables an ingest writes. */
export const INGESTED_TABLES = [
  "Article",
  "Claim",
  "Appearance",
  "AppearanceVia",
  "Entity",
  "EntityAlias",
  "EntityMention",
  "MergeJudgement",
];

/**
 * What ingest tests share: a pool on this file's database, temporary folders the embedded server's user can
 * read (removed after the file), and a one-number query. Call once per test file.
 */
export function ingestFixture(options: { max?: number } = {}) {
  const pool = createPool(testDatabaseUrl(), { max: options.max ?? 4 });
  const folders: string[] = [];
  afterAll(async () => {
    await pool.end();
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  async function tempFolder(prefix = "headcount-ingest-"): Promise<string> {
    const folder = await mkdtemp(path.join(os.tmpdir(), prefix));
    await chmod(folder, 0o755);
    folders.push(folder);
    return folder;
  }

  /** The single value of a query's single row, as a number. */
  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await pool.query(sql, params);
    return Number(Object.values(rows[0])[0]);
  }

  return { pool, tempFolder, count };
}
