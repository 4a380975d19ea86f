// A UTF-16 half of a pair standing alone ("\ud800" in JSON or a GraphQL variable). UTF-8 cannot hold it:
// PostgreSQL's text columns receive U+FFFD in its place, while its JSON types refuse the escape outright.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A value with every string made well-formed (each lone surrogate replaced by U+FFFD, as text columns store
 * it), for writing to a JSON column: an audit row, a queued job. Plain objects and arrays are copied; a
 * Date or anything else that serialises itself is left as it is.
 */
export function wellFormed<T>(value: T): T {
  if (typeof value === "string") return value.replace(LONE_SURROGATE, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value !== null && typeof value === "object" && !("toJSON" in value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wellFormed(item)])) as T;
  }
  return value;
}
