// npm run db:backup [-- FILE]: a logical backup of the database (embedded or DATABASE_URL) into one file.
import { mkdirSync } from "node:fs";
import path from "node:path";
import { ConfigError, REPO_ROOT } from "../config.ts";
import { backupDatabase } from "../db/backup.ts";
import { openDatabase } from "../db/database.ts";

const stamp = new Date().toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
const file = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, "backups", `headcount-${stamp}.backup.gz`));
mkdirSync(path.dirname(file), { recursive: true });
const db = await openDatabase().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
try {
  const header = await backupDatabase(db.url, file);
  const rows = header.tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(
    `Backed up ${rows} rows of ${header.tables.length} tables (schema at ${header.migrations.at(-1) ?? "none"}) to ${file}`,
  );
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await db.stop();
}
