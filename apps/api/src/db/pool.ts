import pg from "pg";

/**
 * A plain node-postgres pool for the write paths that move many rows at once (ingest), where Prisma's
 * per-statement overhead would dominate; the Prisma client runs on one too, with a shorter statement timeout
 * (a request must not wait a minute on a sick database; an ingest batch may take that long).
 */
export function createPool(
  databaseUrl: string,
  options: { max?: number; statementTimeoutMs?: number } = {},
): pg.Pool {
  const statementTimeout = options.statementTimeoutMs ?? 60_000;
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: statementTimeout,
    idle_in_transaction_session_timeout: statementTimeout,
  });
  // An idle connection the server ends (a restart, a shutdown) is dropped by the pool; the next query opens a
  // new one. Unheard, its error would end the process.
  pool.on("error", () => {});
  pool.on("connect", (client) => client.on("error", () => {}));
  return pool;
}

/** One connection for a short task (admin statements, a dump), closed whatever happens. */
export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
