/**
 * Per-request memo: a connection's page and its totalCount need the same derived filter (which may cost a
 * statement), so it is computed once per request and argument value.
 */
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

export function memoPerRequest<T>(context: object, key: string, compute: () => Promise<T>): Promise<T> {
  let memo = memos.get(context);
  if (!memo) {
    memo = new Map();
    memos.set(context, memo);
  }
  let value = memo.get(key) as Promise<T> | undefined;
  if (!value) {
    value = compute();
    memo.set(key, value);
  }
  return value;
}
