import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { applyMigrations } from "./migrations.ts";
import { withClient } from "./pool.ts";

/**
 * A logical backup that needs no PostgreSQL client tools (the embedded server ships none): one gzip file
 * of JSON header lines and COPY text data, table by table, with each table's row count and checksum so a
 * restore can prove it reproduced the data exactly. The job queue's own schema is not included: queued
 * work is transient and re-created by the next ingest.
 */
export const BACKUP_FORMAT = "headcount-backup";
const END_OF_DATA = "\\.";

export interface TableSummary {
  table: string;
  rows: number;
  checksum: string;
}

interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: 1;
  createdAt: string;
  migrations: string[];
  tables: TableSummary[];
}

/** Tables of the public schema, parents before children (by foreign keys), Prisma's own table left out. */
async function tablesInDependencyOrder(client: pg.Client): Promise<string[]> {
  const tables = (
    await client.query<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public' and tablename <> '_prisma_migrations' order by 1`,
    )
  ).rows.map((row) => row.name);
  const edges = (
    await client.query<{ child: string; parent: string }>(
      `select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
         from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where c.contype = 'f' and n.nspname = 'public'`,
    )
  ).rows.map((row) => ({ child: row.child.replace(/"/g, ""), parent: row.parent.replace(/"/g, "") }));
  const ordered: string[] = [];
  const remaining = new Set(tables);
  while (remaining.size > 0) {
    const ready = [...remaining].filter((table) =>
      edges.every((edge) => edge.child !== table || edge.parent === table || !remaining.has(edge.parent)),
    );
    if (ready.length === 0) throw new Error(`Foreign keys form a cycle among: ${[...remaining].join(", ")}`);
    for (const table of ready.sort()) {
      ordered.push(table);
      remaining.delete(table);
    }
  }
  return ordered;
}

/** Row count and an order-independent checksum of every row's text, per table. */
export async function tableSummaries(url: string): Promise<TableSummary[]> {
  return withClient(url, async (client) => {
    const summaries: TableSummary[] = [];
    for (const table of await tablesInDependencyOrder(client)) {
      const { rows } = await client.query<{ rows: number; checksum: string | null }>(
        `select count(*)::int as rows, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as checksum
           from "${table}" t`,
      );
      summaries.push({ table, rows: rows[0]?.rows ?? 0, checksum: rows[0]?.checksum ?? "" });
    }
    return summaries;
  });
}

async function columnsOf(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select column_name as name from information_schema.columns
      where table_schema = 'public' and table_name = $1 and is_generated = 'NEVER' order by ordinal_position`,
    [table],
  );
  return rows.map((row) => row.name);
}

/** Writes a backup of the database at `url` to `file`; returns what it holds. */
export async function backupDatabase(url: string, file: string): Promise<BackupHeader> {
  return withClient(url, async (client) => {
    // One snapshot for the whole backup: every table as of the same instant.
    await client.query("begin isolation level repeatable read read only");
    try {
      const migrations = (
        await client.query<{ name: string }>(
          `select migration_name as name from _prisma_migrations where finished_at is not null and rolled_back_at is null order by 1`,
        )
      ).rows.map((row) => row.name);
      const tables = await tablesInDependencyOrder(client);
      const summaries: TableSummary[] = [];
      for (const table of tables) {
        const { rows } = await client.query<{ rows: number; checksum: string }>(
          `select count(*)::int as rows, md5(coalesce(string_agg(md5(t::text), '' order by md5(t::text)), '')) as checksum
             from "${table}" t`,
        );
        summaries.push({ table, rows: rows[0]?.rows ?? 0, checksum: rows[0]?.checksum ?? "" });
      }
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: 1,
        createdAt: new Date().toISOString(),
        migrations,
        tables: summaries,
      };
      const gzip = createGzip();
      const done = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
      gzip.write(`${JSON.stringify(header)}\n`);
      for (const table of tables) {
        const columns = await columnsOf(client, table);
        gzip.write(`${JSON.stringify({ table, columns })}\n`);
        const stream = client.query(
          copyTo(`copy "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) to stdout`),
        );
        for await (const chunk of stream) {
          if (!gzip.write(chunk)) await new Promise((resolve) => gzip.once("drain", resolve));
        }
        gzip.write(`${END_OF_DATA}\n`);
      }
      gzip.end();
      await done;
      return header;
    } finally {
      await client.query("rollback");
    }
  });
}

export class RestoreError extends Error {
  override name = "RestoreError";
}

/**
 * Restores a backup into the database at `url`: migrations first, then every table's rows in one
 * transaction (all or nothing), sequences moved past the restored ids, and the row counts and checksums
 * compared with the backup's. The target must hold no Headcount data unless `replace` is set.
 */
export async function restoreDatabase(
  url: string,
  file: string,
  options: { replace?: boolean } = {},
): Promise<TableSummary[]> {
  const lines = createInterface({
    input: createReadStream(file).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  let header: BackupHeader;
  try {
    header = JSON.parse(first.value ?? "") as BackupHeader;
  } catch {
    throw new RestoreError(`${file} is not a Headcount backup.`);
  }
  if (header.format !== BACKUP_FORMAT || header.version !== 1)
    throw new RestoreError(`${file} is not a Headcount backup (version 1).`);

  await applyMigrations(url);
  await withClient(url, async (client) => {
    const known = new Set(
      (
        await client.query<{ name: string }>(`select migration_name as name from _prisma_migrations`)
      ).rows.map((r) => r.name),
    );
    const unknown = header.migrations.filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new RestoreError(
        `The backup comes from a newer Headcount (migrations ${unknown.join(", ")}); upgrade first.`,
      );
    }
    const tables = await tablesInDependencyOrder(client);
    await client.query("begin");
    try {
      const occupied = [];
      for (const table of tables) {
        const { rows } = await client.query<{ n: number }>(`select count(*)::int as n from "${table}"`);
        if ((rows[0]?.n ?? 0) > 0) occupied.push(table);
      }
      if (occupied.length > 0 && !options.replace) {
        throw new RestoreError(
          `The target database already holds data (${occupied.join(", ")}); restore into an empty one, or pass --replace.`,
        );
      }
      if (occupied.length > 0)
        await client.query(`truncate ${tables.map((t) => `"${t}"`).join(", ")} restart identity cascade`);
      while (true) {
        const next = await iterator.next();
        if (next.done) break;
        const { table, columns } = JSON.parse(next.value) as { table: string; columns: string[] };
        if (!tables.includes(table))
          throw new RestoreError(`The backup has a table this database does not: ${table}.`);
        const stream = client.query(
          copyFrom(`copy "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) from stdin`),
        );
        const feed = (async function* () {
          while (true) {
            const line = await iterator.next();
            if (line.done) throw new RestoreError(`The backup ends inside table ${table}.`);
            if (line.value === END_OF_DATA) return;
            yield `${line.value}\n`;
          }
        })();
        await pipeline(feed, stream);
      }
      for (const table of tables) {
        if (!(await columnsOf(client, table)).includes("id")) continue;
        const { rows } = await client.query<{ seq: string | null }>(
          `select pg_get_serial_sequence($1, 'id') as seq`,
          [`"${table}"`],
        );
        if (rows[0]?.seq) {
          await client.query(`select setval($1, coalesce((select max(id) from "${table}"), 0) + 1, false)`, [
            rows[0].seq,
          ]);
        }
      }
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    }
  });
  const restored = await tableSummaries(url);
  const expected = new Map(header.tables.map((summary) => [summary.table, summary]));
  for (const summary of restored) {
    const wanted = expected.get(summary.table);
    if (!wanted) continue;
    if (wanted.rows !== summary.rows || wanted.checksum !== summary.checksum) {
      throw new RestoreError(
        `Table ${summary.table} differs after restore (${summary.rows} rows, expected ${wanted.rows}).`,
      );
    }
  }
  return restored;
}
