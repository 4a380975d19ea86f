import { chmod, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type EmbeddedDatabase, startEmbeddedPostgres } from "../../../apps/api/src/db/embedded.ts";
import { applyMigrations } from "../../../apps/api/src/db/migrations.ts";
import { createPool } from "../../../apps/api/src/db/pool.ts";
import { collectDocuments } from "../../../apps/api/src/ingest/documents.ts";
import { ingestDocuments } from "../../../apps/api/src/ingest/pipeline.ts";
import { freePort } from "../../support/ports.ts";
import { requireSeeds } from "../../support/seeds.ts";

export interface FileDatabase {
  dataDir: string;
  port: number;
  database: EmbeddedDatabase;
}

/**
 * An embedded PostgreSQL of the test file's own, in a fresh folder named `<prefix>…` on a free port,
 * migrated, with the seed corpus ingested unless `seeds` is false. Stopping it and removing the folder is
 * the file's (it may stop and restart the server on the same folder and port).
 */
export async function startFileDatabase(
  prefix: string,
  options: { seeds?: boolean } = {},
): Promise<FileDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), prefix));
  // As root the server runs as `postgres`, which must be able to enter the folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const database = await startEmbeddedPostgres({ dataDir, port });
  await applyMigrations(database.url);
  if (options.seeds ?? true) {
    const pool = createPool(database.url, { max: 2 });
    const { documents } = await collectDocuments([requireSeeds()]);
    await ingestDocuments(pool, documents, { trigger: "test" });
    await pool.end();
  }
  return { dataDir, port, database };
}
