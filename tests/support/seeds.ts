import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../apps/api/src/config.ts";
import { createPool } from "../../apps/api/src/db/pool.ts";
import { collectDocuments } from "../../apps/api/src/ingest/documents.ts";
import { ingestDocuments } from "../../apps/api/src/ingest/pipeline.ts";
import { testDatabaseUrl } from "./database.ts";

/** The demo corpus, read from ../shared (never copied into the repository). */
export const SEEDS_DIR = process.env.HEADCOUNT_CORPUS ?? path.resolve(REPO_ROOT, "../shared/seeds");

export function requireSeeds(): string {
  if (!existsSync(SEEDS_DIR)) throw new Error(`The seed corpus is missing: expected it at ${SEEDS_DIR}`);
  return SEEDS_DIR;
}

/** Ingests the seed corpus (articles, claims, entities) into this test file's database. */
export async function loadSeeds(): Promise<void> {
  const pool = createPool(testDatabaseUrl(), { max: 2 });
  try {
    const { documents, rejected } = await collectDocuments([requireSeeds()]);
    const summary = await ingestDocuments(pool, documents, { trigger: "test", rejected });
    if (summary.failed.length > 0) throw new Error(`Seed ingest failed: ${JSON.stringify(summary.failed)}`);
  } finally {
    await pool.end();
  }
}
