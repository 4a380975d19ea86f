import { MAX_ARTICLE_BYTES } from "@headcount/shared";
import { MAX_PAGE_SIZE } from "../graphql/pagination.ts";

/**
 * Limits on what one request may ask. Each is set from the most demanding first-party query (the GraphiQL
 * examples and the dashboard's queries; a test measures them) with headroom, so real use never hits them
 * while a hostile query is refused before it runs. Raise them only with a query that needs it.
 */
export const QUERY_LIMITS = {
  /** Deepest first-party query: 8, the entity-claims example (connections cost two levels: edges, node). */
  depth: 12,
  aliases: 20,
  tokens: 2_000,
  directives: 20,
  /**
   * graphql-armor's static cost (each field, times `costDepthFactor` per level of nesting). The costliest
   * first-party query, the documented page of claims with their evidence (source, appearances, articles,
   * outlets, relay chains), measures ≈ 27,000 since appearances became a connection (two levels deeper);
   * GraphiQL's introspection ≈ 950. Twenty aliased copies of an article's spans at 100 a page cost
   * ≈ 87,000 and are refused. The default factor (1.5) makes introspection alone cost ≈ 87,000, hence the
   * gentler one. Page sizes are not seen here: the paged cost (graphql/pagination.ts) counts them.
   */
  cost: 60_000,
  costDepthFactor: 1.1,
  /** Page size cap of every connection (`first`/`last`). */
  pageSize: MAX_PAGE_SIZE,
  /**
   * One article (MAX_ARTICLE_BYTES of text or HTML) as a JSON string: escaping quotes and line breaks of
   * real pages adds a few per cent; half as much again leaves room for the worst of them and the query.
   */
  requestBodyBytes: Math.ceil(MAX_ARTICLE_BYTES * 1.5),
  /**
   * The largest answer sent, as JSON. The chart's data for a million claims is ≈ 10.7 MB (BENCHMARKS.md);
   * anything larger is refused with RESPONSE_TOO_LARGE instead of being built and sent.
   */
  responseBytes: 16 * 1024 * 1024,
} as const;
