import { createHash } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";

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
 * Other statements stay unnamed. The number of names is bounded so a stream of distinct selections cannot
 * grow every connection's statement cache without end.
 */
const PREPARED_PREFIX = /^\s*select coalesce\(json_agg\(/;
const MAX_PREPARED = 200;
const preparedNames = new Map<string, string>();

/** The name a statement is prepared under; "" is the protocol's unnamed statement, parsed every time. */
export function preparedStatementName(query: { sql: string }): string {
  if (!PREPARED_PREFIX.test(query.sql)) return "";
  const known = preparedNames.get(query.sql);
  if (known) return known;
  if (preparedNames.size >= MAX_PREPARED) return "";
  const name = `hc_${createHash("sha1").update(query.sql).digest("hex")}`;
  preparedNames.set(query.sql, name);
  return name;
}

/** A Prisma client over node-postgres, with timeouts so no request waits forever on a sick database. */
export function createPrismaClient(databaseUrl: string, options: PrismaOptions = {}): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: databaseUrl,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 15_000,
      idle_in_transaction_session_timeout: 15_000,
    },
    { statementNameGenerator: preparedStatementName },
  );
  if (!options.onQuery) return new PrismaClient({ adapter });
  const onQuery = options.onQuery;
  const client = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  client.$on("query", (event) => onQuery(event.query));
  return client;
}
