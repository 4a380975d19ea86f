// npm run db:migration -- NAME: write the SQL of a new migration from a change to prisma/schema.prisma.
import path from "node:path";
import { ConfigError, REPO_ROOT } from "../config.ts";
import { openDatabase } from "../db/database.ts";
import { createMigration } from "../db/migrations.ts";

const name = process.argv[2];
if (!name) {
  console.error("Usage: npm run db:migration -- NAME   (lower-case letters, digits and underscores)");
  process.exit(2);
}
const db = await openDatabase().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
try {
  const folder = await createMigration(db.url, name);
  if (folder === null) {
    console.log("schema.prisma matches the last migration: nothing to write.");
  } else {
    console.log(
      `Wrote ${path.relative(REPO_ROOT, folder)}/migration.sql — review it, then run npm run db:migrate.`,
    );
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await db.stop();
}
