import { cacheExchange } from "@urql/exchange-graphcache";
import { relayPagination } from "@urql/exchange-graphcache/extras";
import { createClient, fetchExchange, type SSRExchange, ssrExchange } from "@urql/next";

/** Types without an id: graphcache stores them inside their parent instead of normalising them. */
const EMBEDDED_TYPES = [
  "Appearance",
  // An article's and a claim's spans, paged (read a page at a time, never merged).
  "ArticleAppearancesConnection",
  "ArticleAppearancesConnectionEdge",
  "ArticleMentionsConnection",
  "ArticleMentionsConnectionEdge",
  "ClaimAppearancesConnection",
  "ClaimAppearancesConnectionEdge",
  "RelayLink",
  "EntityAlias",
  "EntityMention",
  "ClaimPermissions",
  "ClaimPoint",
  "ClaimSeries",
  "ClaimSeriesResult",
  "ClaimChanged",
  "MergeSuggestion",
  "HighlightedText",
  "TextRange",
  "SearchResult",
  "Viewer",
  // Mutation results and their typed errors.
  "LoginSuccess",
  "InvalidCredentialsError",
  "TooManyAttemptsError",
  "ClaimMutationSuccess",
  "EntityMutationSuccess",
  "MergeMutationSuccess",
  "ArticleMutationSuccess",
  "IngestArticleSuccess",
  "ExtractedClaim",
  "ValidationError",
  "FieldError",
  "ConflictError",
  "NotAuthorizedError",
  "NotFoundError",
  "HistoryEntry",
  "FieldChange",
];

/**
 * The browser's client: same-origin `/graphql` (proxied to the API, so cookies stay first-party),
 * graphcache with Relay pagination for every connection, and subscriptions over server-sent events
 * through the fetch exchange.
 */
export function createBrowserClient(): { client: ReturnType<typeof createClient>; ssr: SSRExchange } {
  const ssr = ssrExchange({ isClient: typeof window !== "undefined" });
  const client = createClient({
    url: "/graphql",
    exchanges: [
      cacheExchange({
        keys: Object.fromEntries(EMBEDDED_TYPES.map((type) => [type, () => null])),
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
