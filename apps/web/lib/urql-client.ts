import { cacheExchange } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { createClient, fetchExchange, type SSRExchange, ssrExchange } from "@urql/next";
import { EMBEDDED_TYPES } from "./generated/embedded-types";
import { POSSIBLE_TYPES } from "./generated/possible-types";

/**
 * The browser's client: same-origin `/graphql` (proxied to the API, so cookies stay first-party),
 * graphcache (normalising the Node types, embedding the rest, matching fragments on interfaces and unions by
 * their possible types: both lists are generated from the schema) with Relay pagination for every connection, and subscriptions over server-sent events
 * through the fetch exchange.
 */
export function createBrowserClient(): { client: ReturnType<typeof createClient>; ssr: SSRExchange } {
  const ssr = ssrExchange({ isClient: typeof window !== "undefined" });
  const client = createClient({
    url: "/graphql",
    exchanges: [
      cacheExchange({
        keys: Object.fromEntries(EMBEDDED_TYPES.map((type) => [type, () => null])),
        possibleTypes: POSSIBLE_TYPES,
        resolvers: {
          Query: { claims: relayPagination(), entities: relayPagination(), articles: relayPagination() },
          Entity: {
            claimsMade: relayPagination(),
            claimsAbout: relayPagination(),
            mentions: relayPagination(),
          },
        },
      }),
      ssr,
      fetchExchange,
    ],
    fetchSubscriptions: true,
    preferGetMethod: false,
    suspense: false,
    fetchOptions: { headers: { "x-graphql-yoga-csrf": "1" } },
  });
  return { client, ssr };
}
