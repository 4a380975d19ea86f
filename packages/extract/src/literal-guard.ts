/**
 * Cheap tests before costly patterns: a pattern that cannot match without one of some words written in the
 * text is not tried on a text that holds none of them.
 */

/** Whether `text` holds one of `needles` exactly as written (for patterns without the "i" flag). */
export function holdsAny(text: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (text.includes(needle)) return true;
  return false;
}

/**
 * Whether `text` in lower case holds one of `needles` (lower case), for patterns with the "i" flag. With "iu"
 * the long s (ſ) also matches "s" and lower-casing keeps it: needles for such patterns leave out their "s".
 */
export function holdsAnyLower(text: string, needles: readonly string[]): boolean {
  return holdsAny(text.toLowerCase(), needles);
}
