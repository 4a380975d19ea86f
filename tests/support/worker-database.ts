import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, inject } from "vitest";

/**
 * Each test file gets its own database, cloned from the migrated template, so files run in parallel
 * without seeing each other's rows.
 */
const adminUrl = inject("adminDatabaseUrl");
const template = inject("templateDatabase");
const name = `headcount_test_${process.pid}_${randomBytes(4).toString("hex")}`;

const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database ${name} template ${template}`);
await admin.end();

const url = new URL(adminUrl);
url.pathname = `/${name}`;
process.env.TEST_DATABASE_URL = url.toString();

afterAll(async () => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`drop database if exists ${name} with (force)`);
  await client.end();
});
