/** A page's query string as Next.js hands it over: a key may be absent, given once or given again. */
export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value given for a key, or "" when there is none. */
export function param(params: SearchParams, key: string): string {
  const value = params[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/**
 * Which page of a list the query string asks for, as the connection's variables: the `size` items after
 * the cursor `after` (the first page when there is none), or the `size` items before the cursor `before`;
 * `paged` when it is not the first page.
 */
export function pageWindow(params: SearchParams, size: number) {
  const after = param(params, "after");
  const before = param(params, "before");
  return {
    variables: before ? { last: size, before } : { first: size, after: after || null },
    paged: Boolean(after || before),
  };
}
