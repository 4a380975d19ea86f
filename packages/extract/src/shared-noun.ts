import { countryOfDemonym } from "./gazetteer.ts";
import { PEOPLE_NOUNS, SINGULAR_PEOPLE_NOUNS } from "./people-nouns.ts";

const nounPattern = (nouns: string[]) =>
  new RegExp(`^(?:${nouns.map((n) => n.replace(/\s+/g, "\\s+")).join("|")})\\b`, "i");
/** A people noun at the start of the text. */
export const PEOPLE_RE = nounPattern(PEOPLE_NOUNS);
/** "the death of one peacekeeper": a count of one names its people in the singular. */
export const SINGULAR_RE = nounPattern(SINGULAR_PEOPLE_NOUNS);

const SHARED_NOUN = new RegExp(
  `^(\\p{Lu}[\\p{L}-]+)\\s+and\\s+(?:[\\d,]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens of)\\s+(?:\\p{Lu}[\\p{L}-]+\\s+)?(?:${PEOPLE_NOUNS.map((n) => n.replace(/\s+/g, "\\s+")).join("|")})\\b`,
  "iu",
);

/**
 * "40 Gazan and two Israeli children": a figure followed by a demonym and another figure shares that figure's
 * noun. The length of the words after the first figure up to the noun, or null.
 */
export function sharedNounLength(rest: string): number | null {
  const m = SHARED_NOUN.exec(rest);
  if (!m?.[1] || !(countryOfDemonym(m[1]) || /(?:an|i|ese|ish)$/.test(m[1]))) return null;
  return m[0].length;
}

/** Words that never modify a people noun: the figure's phrase has ended. */
export const STOP_MODIFIER =
  /^(?:and|or|of|in|on|at|to|the|a|an|were|was|are|is|have|had|has|more|than|who|which|that)$/;

/** Words that cannot stand in a chain of two nouns before a people noun ("150 massacres by soldiers"). */
const NOT_IN_CHAIN =
  /^(?:all|by|for|from|with|into|among|after|before|since|near|during|against|their|his|her|its|our|these|those|this|other|such|some|many|most)$|(?:s|ing|ed)$/;

/** "four drug gang members": `word` and a second noun modifier, then the people noun. */
export function secondModifier(word: string, rest: string): boolean {
  const m = /^(\p{Ll}+)\s+/u.exec(rest);
  return (
    !!m?.[1] &&
    !NOT_IN_CHAIN.test(word) &&
    !NOT_IN_CHAIN.test(m[1]) &&
    !STOP_MODIFIER.test(m[1]) &&
    PEOPLE_RE.test(rest.slice(m[0].length))
  );
}
