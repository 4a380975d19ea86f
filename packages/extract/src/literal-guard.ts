/**
 * Cheap tests before costly patterns: a pattern that cannot match without one of some words written in the
 * text is not tried on a text that holds none of them.
 */

/**
 * A test for any of `words` as written, read with the flags of the pattern it guards (so that it folds case
 * exactly as that pattern does): one pass over the text, where the costly pattern would try every position.
 */
export function anyOf(words: readonly string[], flags = ""): RegExp {
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(escaped.join("|"), flags.replace(/[gy]/g, ""));
}
