/*
 * Whether an error means the database cannot be reached right now (stopped, restarting, refusing
 * connections, out of connection slots), as opposed to a query that is wrong. Decided by the codes the
 * layers attach — Prisma's, its PostgreSQL adapter's, PostgreSQL's SQLSTATE, Node's socket codes — never
 * by reading the message, which changes between versions and languages.
 */

/** Prisma: can't reach the server, server timed out, operations timed out, connection closed; pool timeout. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** @prisma/adapter-pg's kinds for socket failures and a full server. */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
/** Node's socket codes. */
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"]);
/** SQLSTATE: admin/crash shutdown, cannot connect now (starting, stopping, recovering), too many connections. */
const SQLSTATES = new Set(["57P01", "57P02", "57P03", "53300"]);

/**
 * node-postgres raises these two with no code at all: the socket closing under a client, and a pool that
 * could not connect in time. They are matched as the exact sentences node-postgres writes.
 */
const CODELESS_DRIVER_ERRORS = ["Connection terminated", "timeout exceeded when trying to connect"];

interface Coded {
  code?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
}

function codeSaysUnavailable(error: Coded): boolean {
  const codes = [error.code, error.originalCode].filter((code): code is string => typeof code === "string");
  return (
    codes.some(
      (code) =>
        PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code) || code.startsWith("08"),
    ) ||
    (typeof error.kind === "string" && ADAPTER_KINDS.has(error.kind)) ||
    (error.code === undefined &&
      typeof error.message === "string" &&
      CODELESS_DRIVER_ERRORS.some((sentence) => (error.message as string).startsWith(sentence)))
  );
}

export function isDatabaseUnavailable(error: unknown): boolean {
  // Follow the chain: Prisma's error, the adapter's error it carries, the driver's error beneath.
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== "object" || seen.has(current)) continue;
    seen.add(current);
    const coded = current as Coded;
    if (codeSaysUnavailable(coded)) return true;
    pending.push(coded.cause, coded.meta?.driverAdapterError);
    if (current instanceof AggregateError) pending.push(...current.errors);
  }
  return false;
}
