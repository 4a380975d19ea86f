import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { type Prisma, PrismaClient } from "../generated/prisma/client.ts";
import { createPool } from "./pool.ts";

export type { PrismaClient };

export interface PrismaOptions {
  /** Connections in the pool; one API process on two cores needs few. */
  max?: number;
  /** Called with each SQL statement Prisma sends (tests count them to catch N+1 queries). */
  onQuery?: (sql: string) => void;
}

/**
 * The statements that build a page's JSON in PostgreSQL (graphql/sql/json-read.ts) are long and take
 * milliseconds to parse and plan; their text depends only on the selection, so they are sent as named
 * (prepared) statements, which each connection parses once and PostgreSQL may then run on a cached plan.
 * The count beside a page (json-read's `select count(*)::int as count from …`) is prepared too: planned
 * on every request it cost about as much as running it (0.5 of 1.4 ms warm). So are the statements that
 * write an answer's JSON text (graphql/sql/raw-node.ts), which ask for it (`queryRows`' `prepare`): planned
 * every time, a claim's took 1.5–2 ms against 0.2 ms on its cached plan. Other statements stay
 * unnamed. The number of names is bounded so a stream of distinct selections cannot
 * grow every connection's statement cache without end.
 */
const PREPARED_PREFIX = /^\s*select (coalesce\(json_agg\(|count\(\*\)::int as count from )/;
const MAX_PREPARED = 200;
const preparedNames = new Map<string, string>();

/** The name a statement is prepared under; "" is the protocol's unnamed statement, parsed every time. */
export function preparedStatementName(query: { sql: string }): string {
  return PREPARED_PREFIX.test(query.sql) ? nameOf(query.sql) : "";
}

function nameOf(sql: string): string {
  const known = preparedNames.get(sql);
  if (known) return known;
  if (preparedNames.size >= MAX_PREPARED) return "";
  const name = `hc_${createHash("sha1").update(sql).digest("hex")}`;
  preparedNames.set(sql, name);
  return name;
}

/** The pool under each client made here, for reads sent around Prisma's raw-query path (`queryRows`). */
const pools = new WeakMap<object, { pool: pg.Pool; onQuery?: (sql: string) => void }>();

/** A query parameter node-postgres sends as Prisma's adapter does (anything else goes through Prisma). */
function plainValue(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  return Array.isArray(value) && value.every((item) => typeof item === "string" || typeof item === "number");
}

/**
 * `prisma.$queryRaw(statement)` for reads whose columns are text and integers (the JSON of a page, a
 * count), sent straight to the client's node-postgres pool: Prisma's raw-query path (argument mapping,
 * column typing, result mapping) cost about as much CPU as the rest of a small request's database work
 * (docs/performance.md, section 11). Same statement text, same prepared statement names, same `onQuery`
 * report. A transaction client, a client not made by createPrismaClient, or a parameter that Prisma
 * would convert (a date, a big integer, bytes) goes through Prisma.
 */
export async function queryRows<T>(
  prisma: PrismaClient | Prisma.TransactionClient,
  statement: Prisma.Sql,
  /** Send it as a prepared statement whatever its text (one whose text depends only on a selection). */
  options: { prepare?: boolean } = {},
): Promise<T[]> {
  const direct = pools.get(prisma);
  if (!direct || !statement.values.every(plainValue)) return prisma.$queryRaw<T[]>(statement);
  const text = statement.text;
  direct.onQuery?.(text);
  const name = options.prepare ? nameOf(text) : preparedStatementName({ sql: text });
  const result = await direct.pool.query({
    ...(name ? { name } : {}),
    text,
    values: statement.values as unknown[],
  });
  return result.rows as T[];
}

/** A Prisma client over node-postgres, with timeouts so no request waits forever on a sick database. */
export function createPrismaClient(databaseUrl: string, options: PrismaOptions = {}): PrismaClient {
  const pool = createPool(databaseUrl, { max: options.max ?? 10, statementTimeoutMs: 15_000 });
  const adapter = new PrismaPg(pool, {
    statementNameGenerator: preparedStatementName,
    disposeExternalPool: true,
  });
  if (!options.onQuery) {
    const client = new PrismaClient({ adapter });
    pools.set(client, { pool });
    return client;
  }
  const onQuery = options.onQuery;
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery(event.query));
  pools.set(client, { pool, onQuery });
  return client;
}

const onPools = new WeakMap<pg.Pool, PrismaClient>();

/**
 * A Prisma client over an existing pool (a job worker's), one per pool, which stays the pool owner's to
 * end: for the curation functions a worker task calls (automatic merges after ingest).
 */
export function prismaOnPool(pool: pg.Pool): PrismaClient {
  let client = onPools.get(pool);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: false }) });
    onPools.set(pool, client);
  }
  return client;
}
