import { isSpaceCode } from "./segment.ts";

/**
 * Word, number and punctuation tokens scanned a character at a time: the same tokens, searched the same way
 * (flags gu), as
 *   \p{L}[\p{L}\p{M}\d]*(?:[’'][\p{L}]+|’|')?(?:[.-]\p{L}[\p{L}\p{M}\d]*)*\.?
 *   | \d+(?:st|nd|rd|th)\b | \d[\d,.]*\d | \d | [^\s\p{L}\d]
 * without that pattern's cost on every character of every sentence. Only characters outside ASCII are
 * classified by a pattern.
 */

/** Where the token `nextToken` found last begins. */
export let tokenStart = 0;

const LETTER = /\p{L}/uy;
const MARK = /\p{M}/uy;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Length in code units of the letter at `at`, or 0. */
function letterAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 128) return isAsciiLetter(code) ? 1 : 0;
  if (Number.isNaN(code)) return 0;
  LETTER.lastIndex = at;
  return LETTER.test(text) ? LETTER.lastIndex - at : 0;
}

/** Length in code units of a letter, mark or digit at `at`, or 0. */
function wordCharAt(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 128) return isDigit(code) || isAsciiLetter(code) ? 1 : 0;
  if (Number.isNaN(code)) return 0;
  const letter = letterAt(text, at);
  if (letter) return letter;
  MARK.lastIndex = at;
  return MARK.test(text) ? MARK.lastIndex - at : 0;
}

/** `\b` after a two-letter ordinal suffix: the next character is not [A-Za-z0-9_]. */
function boundaryAt(text: string, at: number): boolean {
  if (at >= text.length) return true;
  const code = text.charCodeAt(at);
  return !(isDigit(code) || isAsciiLetter(code) || code === 95);
}

/** The end of the next token at or after `from` (its start in `tokenStart`), or -1 when none is left. */
export function nextToken(text: string, from: number): number {
  const n = text.length;
  let i = from;
  while (i < n && isSpaceCode(text.charCodeAt(i))) i++;
  if (i >= n) return -1;
  tokenStart = i;
  const first = letterAt(text, i);
  if (first) {
    let j = i + first;
    for (let w = wordCharAt(text, j); w; w = wordCharAt(text, j)) j += w;
    const mark = text.charCodeAt(j);
    if (mark === 0x2019 || mark === 0x27) {
      j++;
      for (let l = letterAt(text, j); l; l = letterAt(text, j)) j += l;
    }
    for (;;) {
      const joiner = text.charCodeAt(j);
      if (joiner !== 0x2e && joiner !== 0x2d) break;
      const l = letterAt(text, j + 1);
      if (!l) break;
      j += 1 + l;
      for (let w = wordCharAt(text, j); w; w = wordCharAt(text, j)) j += w;
    }
    if (text.charCodeAt(j) === 0x2e) j++;
    return j;
  }
  const code = text.charCodeAt(i);
  if (isDigit(code)) {
    let k = i + 1;
    while (k < n && isDigit(text.charCodeAt(k))) k++;
    const suffix = text.slice(k, k + 2);
    if ((suffix === "st" || suffix === "nd" || suffix === "rd" || suffix === "th") && boundaryAt(text, k + 2))
      return k + 2;
    let r = i + 1;
    while (
      r < n &&
      (isDigit(text.charCodeAt(r)) || text.charCodeAt(r) === 0x2c || text.charCodeAt(r) === 0x2e)
    )
      r++;
    let e = r - 1;
    while (e > i && !isDigit(text.charCodeAt(e))) e--;
    return e > i ? e + 1 : i + 1;
  }
  // Any other character is a token of one code point (a surrogate pair is one).
  const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
  return pair ? i + 2 : i + 1;
}
