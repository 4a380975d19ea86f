/**
 * While the database is away the dashboard cannot show anything true: its pages answer HTTP 503 with a
 * plain page instead of half-rendered screens or an error 500. Whether the database answers is asked of the
 * API's `/readyz`, once at a time and remembered briefly, so a busy dashboard adds about one check a second.
 */

export const OUTAGE_MESSAGE = "The database is unavailable — try again shortly.";

const OUTAGE_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Database unavailable · Headcount</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; padding: 0 1rem">
<h1 style="font-size: 1.4rem">Headcount</h1>
<p>${OUTAGE_MESSAGE}</p>
</body>
</html>
`;

/**
 * The API's readiness address beside its GraphQL address ("http://127.0.0.1:4000/graphql" → ".../readyz").
 *
 * @param {string} graphqlUrl
 */
export function readinessUrl(graphqlUrl) {
  return new URL("/readyz", graphqlUrl).toString();
}

/**
 * Requests the gate leaves alone: Next's static files, the icon, and the `/graphql` proxy, whose answers
 * already say DATABASE_UNAVAILABLE in GraphQL's own terms.
 *
 * @param {string} pathname
 */
export function isGated(pathname) {
  return !(
    pathname.startsWith("/_next/static/") ||
    pathname.startsWith("/_next/image") ||
    pathname === "/icon.svg" ||
    pathname === "/favicon.ico" ||
    pathname === "/graphql" ||
    pathname.startsWith("/graphql/")
  );
}

/**
 * @param {{ readyUrl: string, freshForMs?: number, timeoutMs?: number, fetch?: typeof fetch }} options
 * @returns {() => Promise<boolean>} whether the API reports its database reachable
 */
export function databaseProbe({ readyUrl, freshForMs = 1_000, timeoutMs = 3_000, fetch: get = fetch }) {
  let known = { ready: true, at: Number.NEGATIVE_INFINITY };
  /** @type {Promise<boolean> | null} */
  let asking = null;
  return () => {
    if (performance.now() - known.at < freshForMs) return Promise.resolve(known.ready);
    asking ??= get(readyUrl, { signal: AbortSignal.timeout(timeoutMs) })
      .then(
        async (response) => {
          await response.body?.cancel();
          return response.status === 200;
        },
        // The API itself unreachable: nothing can be shown either.
        () => false,
      )
      .then((ready) => {
        known = { ready, at: performance.now() };
        asking = null;
        return ready;
      });
    return asking;
  };
}

/**
 * Answers the request with the outage page when the database is away; returns whether it did.
 *
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {() => Promise<boolean>} probe
 */
export async function answerOutage(req, res, probe) {
  const pathname = (req.url ?? "/").split("?")[0] ?? "/";
  if (!isGated(pathname) || (await probe())) return false;
  res.writeHead(503, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "retry-after": "5",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(req.method === "HEAD" ? undefined : OUTAGE_PAGE);
  return true;
}
