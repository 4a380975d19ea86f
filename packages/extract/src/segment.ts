/**
 * Paragraphs, sentences, quotations and word tokens of a body, all as offsets into it. Everything
 * downstream works on offsets so that every quote can be sliced back out of the body exactly.
 */

import { nextToken, tokenStart } from "./token-scan.ts";

export interface Span {
  start: number;
  end: number;
}

export interface Sentence extends Span {
  index: number;
  paragraph: number;
  text: string;
  /** A heading or title-case line: capitalisation there says nothing about names. */
  headline: boolean;
}

export interface Token extends Span {
  text: string;
}

// Abbreviations whose period does not end a sentence.
const ABBREVIATIONS = new Set(
  [
    "u.s",
    "u.k",
    "u.n",
    "e.u",
    "mr",
    "mrs",
    "ms",
    "dr",
    "gen",
    "lt",
    "col",
    "maj",
    "capt",
    "sgt",
    "adm",
    "cmdr",
    "cdr",
    "brig",
    "cpl",
    "pvt",
    "lieut",
    "supt",
    "insp",
    "prof",
    "rev",
    "hon",
    "amb",
    "ft",
    "sen",
    "rep",
    "gov",
    "st",
    "no",
    "jan",
    "feb",
    "mar",
    "apr",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "approx",
    "vs",
    "etc",
    "inc",
    "ltd",
    "co",
    "jr",
    "sr",
    "adm",
    "brig",
    "cmdr",
    "prof",
    "est",
  ].map((a) => `${a}.`),
);

export function splitParagraphs(body: string): Span[] {
  const paragraphs: Span[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const text = m[0];
    const lead = text.length - text.trimStart().length;
    const trail = text.length - text.trimEnd().length;
    if (!text.trim()) continue;
    const span = { start: m.index + lead, end: m.index + text.length - trail };
    // A hard-wrapped line: the previous line stops mid-sentence and this one goes on in lower case, or opens
    // with the comma that goes on with it ("… in Kursk area\n, the ministry added.").
    const previous = paragraphs[paragraphs.length - 1];
    if (
      previous &&
      /^\n$/.test(body.slice(previous.end, m.index)) &&
      /[\p{L}\d,]$/u.test(body.slice(previous.end - 1, previous.end)) &&
      /^(?:\p{Ll}|,\s)/u.test(text.slice(lead))
    ) {
      previous.end = span.end;
      continue;
    }
    paragraphs.push(span);
  }
  return paragraphs;
}

// "…against the Ukrainian military.Senior members of …": pages that lost the space after a full stop still end
// a sentence there, when a lowercase word ends and a capitalised one begins.
const BOUNDARY = /([.!?])(["”’)]*)(\s+|(?<=\p{Ll}{3}[.!?]["”’)]{0,3})(?=\p{Lu}\p{Ll}))(?=["“‘(]?[A-Z0-9])/gu;

export function splitSentences(body: string): Sentence[] {
  const sentences: Sentence[] = [];
  splitParagraphs(body).forEach((paragraph, paragraphIndex) => {
    const text = body.slice(paragraph.start, paragraph.end);
    let from = 0;
    BOUNDARY.lastIndex = 0;
    for (let m = BOUNDARY.exec(text); m; m = BOUNDARY.exec(text)) {
      if (m[1] === ".") {
        const before = text.slice(Math.max(0, m.index - 8), m.index + 1);
        const raw = /(?:^|[\s(“"])([\p{L}.]+)$/u.exec(before)?.[1] ?? "";
        const word = raw.toLowerCase();
        // "U.S." or an initial ("John F. Kennedy") does not end a sentence unless a quote closes.
        if (!m[2] && (ABBREVIATIONS.has(word) || /^\p{Lu}\.$/u.test(raw) || /^(?:\p{L}\.){2,}$/u.test(raw)))
          continue;
      }
      const closing = m[2] ?? "";
      const end = m.index + (m[1] ?? "").length + closing.length;
      pushSentence(body, sentences, paragraph.start + from, paragraph.start + end, paragraphIndex);
      from = end + (m[3] ?? "").length;
    }
    pushSentence(body, sentences, paragraph.start + from, paragraph.end, paragraphIndex);
  });
  return sentences;
}

function pushSentence(
  body: string,
  sentences: Sentence[],
  start: number,
  end: number,
  paragraph: number,
): void {
  if (end <= start) return;
  const text = body.slice(start, end);
  sentences.push({ start, end, text, index: sentences.length, paragraph, headline: isHeadlineCase(text) });
}

const MINOR_WORDS = new Set([
  "a",
  "an",
  "the",
  "of",
  "in",
  "on",
  "to",
  "for",
  "and",
  "or",
  "as",
  "at",
  "by",
  "with",
  "from",
  "over",
  "into",
  "amid",
  "vs",
]);

/** Title case with no sentence punctuation at the end: a heading, not prose. */
export function isHeadlineCase(text: string): boolean {
  const trimmed = text.trim();
  if (/[.!?]["”’]?$/.test(trimmed) && trimmed.length > 60) return false;
  const words = trimmed.split(/\s+/).filter((w) => /^[\p{L}"“‘']/u.test(w));
  if (words.length < 3) return false;
  let capitalised = 0;
  let content = 0;
  for (const word of words) {
    const bare = word.replace(/^["“‘']+/, "");
    if (MINOR_WORDS.has(bare.toLowerCase())) continue;
    content++;
    if (/^\p{Lu}/u.test(bare)) capitalised++;
  }
  return content > 0 && capitalised / content >= 0.75;
}

/** Word, number and punctuation tokens with offsets; "U.S." and "Yong-il" stay one token (token-scan.ts). */
export function tokenize(text: string, offset = 0): Token[] {
  const tokens: Token[] = [];
  for (let end = nextToken(text, 0); end >= 0; end = nextToken(text, end)) {
    const at = tokenStart;
    let word = text.slice(at, end);
    // A trailing period belongs to the token only for abbreviations and initials ("U.S.", "Lt.", "A.").
    if (word.length > 1 && word.endsWith(".") && !/\.\p{L}+\.$/u.test(word) && !isAbbreviation(word)) {
      word = word.slice(0, -1);
      tokens.push({ start: offset + at, end: offset + at + word.length, text: word });
      tokens.push({ start: offset + at + word.length, end: offset + at + word.length + 1, text: "." });
      continue;
    }
    tokens.push({ start: offset + at, end: offset + at + word.length, text: word });
  }
  return tokens;
}

function isAbbreviation(word: string): boolean {
  return ABBREVIATIONS.has(word.toLowerCase()) || /^\p{Lu}\.$/u.test(word);
}

/** Quotation spans (inside the marks) within one paragraph: “…”, "…", and ‘…’ used as quotes. */
export function findQuotations(body: string, paragraph: Span): Span[] {
  const spans: Span[] = [];
  const text = body.slice(paragraph.start, paragraph.end);
  let open = -1;
  let openChar = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "“" && open < 0) {
      open = i;
      openChar = c;
    } else if (c === "”" && open >= 0 && openChar === "“") {
      spans.push({ start: paragraph.start + open + 1, end: paragraph.start + i });
      open = -1;
    } else if (c === '"') {
      if (open >= 0 && openChar === '"') {
        spans.push({ start: paragraph.start + open + 1, end: paragraph.start + i });
        open = -1;
      } else if (open < 0) {
        open = i;
        openChar = c;
      }
    }
  }
  // An opening mark never closed in the paragraph quotes to its end (multi-paragraph quotations).
  if (open >= 0) spans.push({ start: paragraph.start + open + 1, end: paragraph.end });
  return spans;
}

/** What `\s` matches, for one UTF-16 code unit: for scans a character at a time. */
export function isSpaceCode(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Index of the sentence containing `offset` (binary search over sorted sentences). */
export function sentenceAt(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const sentence = sentences[mid];
    if (sentence && sentence.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
