import nlp from "compromise/two";

/**
 * English word knowledge borrowed from compromise's lexicon (about 24,000 words with their parts of
 * speech, and common first and last names). Only the lookup table is used: running compromise's tagger
 * costs ~50 ms per article, far over the speed budget, while a table lookup is free.
 */
const LEXICON_OBJECT = (
  nlp.world() as unknown as { model: { one: { lexicon: Record<string, string | string[]> } } }
).model.one.lexicon;
/**
 * The same table as a Map: every lookup is of a freshly lower-cased word, which a Map hashes once while a
 * 24,000-key object first has to find it among the engine's interned strings. A name an object inherits
 * ("constructor") is still read from the object, as it always was.
 */
const LEXICON = new Map(Object.entries(LEXICON_OBJECT));
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

const NAME_TAGS = new Set(["MaleName", "FemaleName", "FirstName", "LastName", "Person"]);
const PROPER_TAGS = new Set([
  ...NAME_TAGS,
  "Place",
  "Country",
  "City",
  "Region",
  "Organization",
  "ProperNoun",
  "Demonym",
]);

function tagsOf(word: string): string[] {
  const lower = word.toLowerCase();
  const tags = LEXICON.get(lower) ?? (INHERITED.has(lower) ? LEXICON_OBJECT[lower] : undefined);
  if (!tags) return [];
  return Array.isArray(tags) ? tags : [tags];
}

/** A word known as a first name, last name or person ("John", "Smith"). */
export function isKnownName(word: string): boolean {
  return tagsOf(word).some((t) => NAME_TAGS.has(t));
}

export function isKnownFirstName(word: string): boolean {
  return tagsOf(word).some((t) => t === "MaleName" || t === "FemaleName" || t === "FirstName");
}

const COMMON_SUFFIX = /(?:ly|ing|tion|sion|ness|ment|ity|ism|ance|ence|ful|less|ous|ship|ward|wards)$/i;
const FUNCTION_WORDS = new Set(
  "a an the this that these those there here it its they them their he she his her we our i you your however while although though as if when whenever where after before since during meanwhile moreover furthermore still yet but and or nor so then thus hence also both either neither each every all some any many much more most few several such what which who whom whose why how according despite amid among between within without into onto upon over under about above below beyond like unlike near via per toward towards against across along around behind beside besides through throughout until unless whether because once now today yesterday tomorrow tonight recently earlier later overall instead otherwise indeed perhaps probably possibly certainly clearly notably interestingly importantly ultimately finally first second third last next new not no yes just only even".split(
    " ",
  ),
);

/** Determiners, pronouns, conjunctions and sentence adverbs ("The", "However", "According"). */
export function isFunctionWord(word: string): boolean {
  const lower = word.toLowerCase();
  return (
    FUNCTION_WORDS.has(lower) ||
    /^(?:according|following|despite|after|before|during|under|while)$/.test(lower)
  );
}

/**
 * A capitalised word that is an ordinary English word when lower-cased ("According", "While", "Residents"),
 * so its capital letter says nothing about a name.
 */
export function isCommonWord(word: string): boolean {
  const lower = word.toLowerCase();
  if (FUNCTION_WORDS.has(lower)) return true;
  const tags = tagsOf(lower);
  if (tags.length) return !tags.some((t) => PROPER_TAGS.has(t));
  return COMMON_SUFFIX.test(lower) && lower.length > 5;
}
