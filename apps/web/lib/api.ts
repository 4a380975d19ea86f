import { cacheExchange, createClient, fetchExchange } from "@urql/core";
import { registerUrql } from "@urql/next/rsc";

/** Where server components reach the API (same machine by default). */
export function apiUrl(): string {
  return process.env.HEADCOUNT_API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? "4000"}/graphql`;
}

/** A server-side client; route handlers make one per request. */
export function createServerClient() {
  return createClient({
    url: apiUrl(),
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    // The API refuses requests a browser could send cross-site without a preflight unless they carry
    // this header (CSRF prevention); urql may send GET, so every request carries it.
    fetchOptions: { headers: { "x-graphql-yoga-csrf": "1" } },
    requestPolicy: "network-only",
  });
}

/** One urql client per server request, so no data is shared between visitors. */
export const { getClient } = registerUrql(createServerClient);
