import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres } from "../../apps/api/src/db/embedded.ts";
import { applyMigrations } from "../../apps/api/src/db/migrations.ts";
import { buildBundles } from "./bundles.ts";
import { freePort } from "./ports.ts";

export const TEMPLATE_DATABASE = "headcount_template";

declare module "vitest" {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
  }
}

/**
 * One real PostgreSQL for the whole run: the embedded server in a fresh folder (or the server named by
 * HEADCOUNT_TEST_DATABASE_URL), with a migrated template database that each test file clones.
 */
export default async function setup(project: TestProject) {
  const bundled = buildBundles();
  bundled.catch(() => {}); // awaited below, once the database is ready
  let adminUrl: string;
  let teardown: () => Promise<void>;
  const external = process.env.HEADCOUNT_TEST_DATABASE_URL;
  if (external) {
    adminUrl = external;
    teardown = async () => {};
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "headcount-test-"));
    // As root the server runs as `postgres`, which must be able to enter the folder.
    await chmod(dataDir, 0o755);
    const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: "postgres" });
    adminUrl = server.adminUrl;
    teardown = async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  await applyMigrations(templateUrl.toString());

  await bundled;
  project.provide("adminDatabaseUrl", adminUrl);
  project.provide("templateDatabase", TEMPLATE_DATABASE);
  return teardown;
}
