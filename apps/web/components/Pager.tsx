import Link from "next/link";

export interface PageInfoData {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

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
