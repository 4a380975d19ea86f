/**
 * Limits on what one request may ask. Each is set from the most demanding first-party query (the GraphiQL
 * examples and the dashboard's queries; a test measures them) with headroom, so real use never hits them
 * while a hostile query is refused before it runs. Raise them only with a query that needs it.
 */
export const QUERY_LIMITS = {
  /** Deepest first-party query: 8 (connections cost two levels: edges, node). */
  depth: 12,
  aliases: 20,
  tokens: 2_000,
  directives: 20,
  /** graphql-armor's static cost; GraphiQL's introspection query must fit too. */
  cost: 5_000,
  /** Page size cap of every connection (`first`/`last`). */
  pageSize: 100,
  requestBodyBytes: 100_000,
} as const;
