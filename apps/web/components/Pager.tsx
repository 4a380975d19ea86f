import Link from "next/link";
import { graphql, type ResultOf } from "../lib/graphql";

/** What the pager reads of a connection's page: spread it into every paged query. */
export const PageInfoFields = graphql(`
  fragment PageInfoFields on PageInfo @_unmask {
    hasNextPage
    hasPreviousPage
    startCursor
    endCursor
  }
`);
export type PageInfoData = ResultOf<typeof PageInfoFields>;

/** Cursor links: a page is a URL, so it can be shared and reloaded. */
export function Pager({
  pageInfo,
  baseQuery,
  paged,
}: {
  pageInfo: PageInfoData;
  /** The view's query string without cursors ("?a=b" or ""). */
  baseQuery: string;
  /** Whether the current page was reached through a cursor. */
  paged: boolean;
}) {
  const withCursor = (key: "after" | "before", cursor: string) => {
    const params = new URLSearchParams(baseQuery);
    params.set(key, cursor);
    return `?${params.toString()}`;
  };
  return (
    <nav className="pager" aria-label="Pages">
      {paged ? <Link href={baseQuery || "?"}>First page</Link> : null}
      {pageInfo.hasPreviousPage && pageInfo.startCursor && (
        <Link href={withCursor("before", pageInfo.startCursor)} rel="prev">
          ← Previous
        </Link>
      )}
      {pageInfo.hasNextPage && pageInfo.endCursor && (
        <Link href={withCursor("after", pageInfo.endCursor)} rel="next">
          Next →
        </Link>
      )}
    </nav>
  );
}
