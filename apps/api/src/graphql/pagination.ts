import { GraphQLError } from "graphql";

export const MAX_PAGE_SIZE = 100;

/** Page size of a connection asked for without `first` or `last`. */
export const DEFAULT_PAGE_SIZE = 20;

/**
 * The most a query may cost when each connection counts its sub-selection once per item it may return.
 * The costliest first-party query stays within half of it (a test measures them).
 */
export const PAGED_COST_LIMIT = 50_000;

/** Page size of an article's or a claim's spans (appearances, mentions) when `first` is not given. */
export const DEFAULT_SPAN_PAGE = 20;

/** How a top-level list (claims, articles, entities) pages: by row id, DEFAULT_PAGE_SIZE unless asked. */
export const LIST_PAGING = { cursor: "id", maxSize: MAX_PAGE_SIZE, defaultSize: DEFAULT_PAGE_SIZE } as const;

/** How an article's or a claim's spans page: by row id, DEFAULT_SPAN_PAGE unless asked, with their total. */
export const SPAN_PAGING = {
  cursor: "id",
  maxSize: MAX_PAGE_SIZE,
  defaultSize: DEFAULT_SPAN_PAGE,
  totalCount: true,
} as const;

/** A page larger than the cap is refused with a clear message rather than silently shortened. */
export function assertPageSize(args: { first?: number | null; last?: number | null }): void {
  for (const key of ["first", "last"] as const) {
    const value = args[key];
    if (value === null || value === undefined) continue;
    if (value < 0 || value > MAX_PAGE_SIZE) {
      throw new GraphQLError(`\`${key}\` must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`, {
        extensions: { code: "BAD_USER_INPUT", argument: key },
      });
    }
  }
}
