// npm run db:restore -- FILE [--replace]: restore a backup made by npm run db:backup, and verify it.
import { parseArgs } from "node:util";
import { ConfigError } from "../config.ts";
import { RestoreError, restoreDatabase } from "../db/backup.ts";
import { openDatabase } from "../db/database.ts";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { replace: { type: "boolean", default: false } },
});
const file = positionals[0];
if (!file) {
  console.error(
    "Usage: npm run db:restore -- FILE [--replace]   (--replace empties a database that already has data)",
  );
  process.exit(2);
}
const db = await openDatabase().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
try {
  const tables = await restoreDatabase(db.url, file, { replace: values.replace ?? false });
  const rows = tables.reduce((sum, table) => sum + table.rows, 0);
  console.log(
    `Restored ${rows} rows of ${tables.length} tables from ${file}; row counts and checksums match the backup.`,
  );
} catch (error) {
  console.error(
    error instanceof RestoreError
      ? `Restore refused: ${error.message}`
      : `Restore failed: ${(error as Error).message}`,
  );
  process.exitCode = 1;
} finally {
  await db.stop();
}
