// npm run reextract [-- --all]: run the current extractor over stored articles and report what changed.
import { parseArgs } from "node:util";
import { EXTRACTOR_VERSION } from "@headcount/extract/version";
import { ConfigError } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { applyMigrations } from "../db/migrations.ts";
import { createPool } from "../db/pool.ts";
import { createProgress } from "../ingest/progress.ts";
import { reextractArticles } from "../ingest/reextract.ts";

const { values } = parseArgs({ options: { all: { type: "boolean", default: false } } });
const db = await openDatabase().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
await applyMigrations(db.url);
const pool = createPool(db.url, { max: 2 });
const progress = createProgress();
try {
  const report = await reextractArticles(pool, {
    all: values.all ?? false,
    onProgress: (done, total) => progress.update(done, total),
  });
  progress.stop();
  console.log(
    `extractor ${EXTRACTOR_VERSION}: ${report.examined} article(s) examined, ${report.articlesChanged} changed; ` +
      `claims added ${report.claimsAdded}, updated ${report.claimsUpdated}, no longer found ${report.claimsNoLongerFound}; ` +
      `editor fields kept ${report.editorFieldsKept}`,
  );
  for (const change of report.changes.slice(0, 50))
    console.log(`  claim ${change.claimId}: ${change.fields.join(", ")}`);
  if (report.changes.length > 50) console.log(`  … and ${report.changes.length - 50} more`);
  for (const skip of report.skipped) console.log(`  ✗ article ${skip.articleId}: ${skip.reason}`);
  process.exitCode = report.skipped.length > 0 ? 1 : 0;
} finally {
  await pool.end();
  await db.stop();
}
