/** What one long sentence's figures all ask of it, answered once per article: extraction stays linear. */

/** Below this length a scope is read at each call: remembering costs more than reading. */
const LONG = 1_000;

const scans = new WeakMap<object, Map<string, Map<string, RegExpExecArray[]>>>();

/**
 * The matches of a pattern in one sentence's text, read once per article. Every figure of a sentence asks
 * the same questions of the same text ("according to …", "X said"); a sentence of thousands of figures
 * would otherwise be read again for each of them.
 */
export function matchesIn(article: object, pattern: RegExp, at: number, text: string): RegExpExecArray[] {
  if (text.length < LONG) return allMatches(pattern, text);
  let byScope = scans.get(article);
  if (!byScope) {
    byScope = new Map();
    scans.set(article, byScope);
  }
  // A scope is its start and length; a pattern is its source (every call site passes "gi" or "g").
  const scope = `${at}:${text.length}`;
  let byPattern = byScope.get(scope);
  if (!byPattern) {
    byPattern = new Map();
    byScope.set(scope, byPattern);
  }
  let found = byPattern.get(pattern.source);
  if (!found) {
    found = allMatches(pattern, text);
    byPattern.set(pattern.source, found);
  }
  return found;
}

let lastText = "";
let lastLower = "";
const NONE: RegExpExecArray[] = [];

/**
 * `matchesIn` for a pattern that cannot match without one of `needles` (lower case) in the text, in any
 * case: a text without any is not read. A figure's sentence is lowered once for all its patterns.
 */
export function matchesWith(
  article: object,
  pattern: RegExp,
  at: number,
  text: string,
  ...needles: string[]
): RegExpExecArray[] {
  // A long scope's matches are remembered per article: lowering it for every figure would cost more.
  if (text.length >= LONG) return matchesIn(article, pattern, at, text);
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  if (!needles.some((needle) => lastLower.includes(needle))) return NONE;
  return matchesIn(article, pattern, at, text);
}

/** Every match of a global ("g") pattern in the text. */
function allMatches(pattern: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    found.push(m);
    if (m[0] === "") pattern.lastIndex++;
  }
  return found;
}

const tests = new WeakMap<object, Map<RegExp, boolean>>();

/** Whether a sentence's text matches a pattern (without the g flag), read once per sentence. */
export function sentenceHas(sentence: { text: string }, pattern: RegExp): boolean {
  if (sentence.text.length < LONG) return pattern.test(sentence.text);
  let byPattern = tests.get(sentence);
  if (!byPattern) {
    byPattern = new Map();
    tests.set(sentence, byPattern);
  }
  let found = byPattern.get(pattern);
  if (found === undefined) {
    found = pattern.test(sentence.text);
    byPattern.set(pattern, found);
  }
  return found;
}

const remembered = new WeakMap<object, Map<string, unknown>>();

/**
 * What `compute` gives for `key` in one article, computed once when it reads `reach` characters or more: every
 * figure before one verb asks for its subject.
 */
export function once<T>(article: object, key: string, reach: number, compute: () => T): T {
  if (reach < LONG) return compute();
  let byKey = remembered.get(article);
  if (!byKey) {
    byKey = new Map();
    remembered.set(article, byKey);
  }
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = compute();
  byKey.set(key, value);
  return value;
}
