import { cacheExchange, createClient, fetchExchange } from "@urql/core";
import { registerUrql } from "@urql/next/rsc";
import { cookies } from "next/headers";

/** Where server components reach the API (same machine by default). */
export function apiUrl(): string {
  return process.env.HEADCOUNT_API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? "4000"}/graphql`;
}

/**
 * A server-side client; route handlers make one per request. `forwardCookies` passes the visitor's cookies
 * (the API's session) along, so server components see what that visitor may see.
 */
export function createServerClient(forwardCookies = false) {
  return createClient({
    url: apiUrl(),
    fetch: forwardCookies
      ? async (input, init) => {
          const cookie = (await cookies()).toString();
          const headers = new Headers(init?.headers);
          if (cookie) headers.set("cookie", cookie);
          return fetch(input, { ...init, headers });
        }
      : undefined,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    // The API refuses requests a browser could send cross-site without a preflight unless they carry
    // this header (CSRF prevention); urql may send GET, so every request carries it.
    fetchOptions: { headers: { "x-graphql-yoga-csrf": "1" } },
    requestPolicy: "network-only",
  });
}

/** One urql client per server request, so no data is shared between visitors. */
export const { getClient } = registerUrql(() => createServerClient(true));
