import {
  type GazetteerEntry,
  lookupSurface,
  MAX_ALIAS_TOKENS,
  ORG_KEYWORDS,
  startsSurface,
} from "./gazetteer.ts";
import type { Token } from "./segment.ts";

/** Runs of capitalised tokens that make one name: "of"/"for" inside bodies' names, particles in people's. */

export const CONNECTORS = new Set(["of", "for", "to", "the", "on"]);
export const NAME_PARTICLES = new Set([
  "bin",
  "ibn",
  "al",
  "el",
  "de",
  "da",
  "di",
  "du",
  "dos",
  "das",
  "del",
  "della",
  "van",
  "von",
  "der",
  "den",
  "ter",
  "la",
  "le",
]);
// "al-Burhan", "el-Sisi", "bin-Talal": a lower-case particle joined to a capitalised name.
export const JOINED_PARTICLE = /^(?:al|el|ad|ash|as|at|ar|an|az|bin|ibn|abu|ben)[-‑’'](?=\p{Lu})/u;

/** A lower-case name particle inside a person's name ("van der Berg", "al-Burhan", "da Silva"). */
export function isNameParticle(tokens: Token[], j: number): number {
  const token = tokens[j] as Token;
  if (JOINED_PARTICLE.test(token.text)) return 1;
  if (!NAME_PARTICLES.has(token.text)) return 0;
  // Up to two particles ("van der", "de la") followed by a capitalised surname.
  const next = tokens[j + 1];
  if (next && isCapitalised(next) && next.start - token.end === 1) return 1;
  const after = tokens[j + 2];
  if (
    next &&
    after &&
    NAME_PARTICLES.has(next.text) &&
    isCapitalised(after) &&
    next.start - token.end === 1 &&
    after.start - next.end === 1
  )
    return 2;
  return 0;
}
export const ROLE_HEAD_FOR_CONNECTOR = new Set([
  ...ORG_KEYWORDS,
  "Minister",
  "Secretary",
  "Chairman",
  "Ambassador",
  "Envoy",
  "Governor",
  "Head",
  "Chief",
  "Director",
  "Commander",
  "Republic",
  "Institute",
  "Study",
]);

export function isCapitalised(token: Token): boolean {
  // Most tokens start with an ASCII character, whose case needs no Unicode table.
  const code = token.text.charCodeAt(0);
  if (code < 128) return code >= 65 && code <= 90;
  return /^\p{Lu}/u.test(token.text);
}

export function stripApostrophe(text: string): string {
  return text.replace(/[’']s?$/, "");
}

export function isPossessive(text: string): boolean {
  return /[’']s$/.test(text);
}

export interface GazetteerHit {
  entry: GazetteerEntry;
  start: number;
  end: number;
  /** Index of the first token after the match. */
  next: number;
}

/** Longest gazetteer alias starting at token `i`, over tokens separated by single spaces. */
export function matchGazetteer(body: string, tokens: Token[], i: number): GazetteerHit | null {
  const first = tokens[i];
  if (!first || !/^[\p{Lu}\d]/u.test(first.text)) return null;
  let words = "";
  const keys: { key: string; n: number }[] = [];
  for (let n = 1; n <= MAX_ALIAS_TOKENS && i + n - 1 < tokens.length; n++) {
    const token = tokens[i + n - 1] as Token;
    if (n > 1) {
      const gap = body.slice((tokens[i + n - 2] as Token).end, token.start);
      if (gap !== " " && gap !== "\u00a0") break;
    }
    if (/^[^\p{L}\d]$/u.test(token.text)) break;
    words = n === 1 ? token.text : `${words} ${token.text}`;
    // Only words ending in an apostrophe or an "s" ("Russia’s", "Zvezda’") read otherwise without it.
    const tail = words.charCodeAt(words.length - 1);
    const marked = tail === 0x27 || tail === 0x2019 || tail === 0x73;
    if (!startsSurface(words) && !(marked && startsSurface(stripApostrophe(words)))) break;
    keys.push({ key: words, n });
  }
  for (let k = keys.length - 1; k >= 0; k--) {
    const { key, n } = keys[k] as { key: string; n: number };
    const last = tokens[i + n - 1] as Token;
    let entry = lookupSurface(key);
    let end = last.end;
    // "Russia’s", "Zvezda’": the possessive or closing mark is not part of the name.
    if (!entry && /[’']s?$/.test(last.text)) {
      entry = lookupSurface(stripApostrophe(key));
      end = last.end - (last.text.length - stripApostrophe(last.text).length);
    }
    if (entry) return { entry, start: first.start, end, next: i + n };
  }
  return null;
}

/** End index (exclusive) of the capitalised run starting at `i`, with "of"/"for" inside organisation names. */
export function buildSpan(body: string, tokens: Token[], i: number): number {
  let j = i + 1;
  let chained = false;
  if (isPossessive((tokens[i] as Token).text) && lookupSurface(stripApostrophe((tokens[i] as Token).text)))
    return j;
  while (j < tokens.length) {
    const prev = tokens[j - 1] as Token;
    const token = tokens[j] as Token;
    const gap = body.slice(prev.end, token.start);
    if (gap !== " " && gap !== "\u00a0") break;
    if (
      isCapitalised(token) ||
      (/^\d+(?:st|nd|rd|th)$/.test(token.text) && isCapitalised(tokens[j + 1] ?? token))
    ) {
      // A place's or person's possessive ends the name: "Russia’s Kursk region", "Ukraine’s 61st Brigade".
      if (isPossessive(prev.text) && lookupSurface(stripApostrophe(prev.text))) break;
      j++;
      if (isPossessive(token.text) && lookupSurface(stripApostrophe(token.text))) break;
      continue;
    }
    // Only after a capitalised word that is not an organisation's keyword: "Abdel Fattah al-Burhan".
    const particles = ORG_KEYWORDS.has(stripApostrophe(prev.text)) ? 0 : isNameParticle(tokens, j);
    if (particles && !isPossessive(prev.text)) {
      j += particles;
      if (JOINED_PARTICLE.test(token.text)) continue;
      j++;
      continue;
    }
    // "… Location and Event Data Project" is one body; "the Army and Navy" are two (see bodyNameAcrossAnd).
    if (token.text === "and" && isCapitalised(prev)) {
      const joined = bodyNameAcrossAnd(tokens, i, j);
      if (joined > 0) {
        j = joined;
        continue;
      }
    }
    // "Coordinating Headquarters for the Treatment of Prisoners of War": once a body's keyword has opened
    // its "for"/"of" phrase, each "of" after a capitalised word goes on with the name.
    // "United Nations Integrated Office in Haiti", "Mission in South Sudan": an office named for where it is.
    // "Mission in the Democratic Republic of Congo": "the" before the place too.
    if (token.text === "in" && /^(?:Office|Mission|Embassy|Delegation|Representation)$/.test(prev.text)) {
      const at = tokens[j + 1]?.text === "the" ? j + 2 : j + 1;
      if (tokens[at] && isCapitalised(tokens[at] as Token)) {
        j = at + 1;
        continue;
      }
    }
    // "Coordination Headquarters for Dealing with Prisoners of War": a gerund inside the body's "for" phrase
    // takes its object with it.
    if (
      chained &&
      (token.text === "with" || token.text === "on") &&
      /^[A-Z]\p{Ll}+ing$/u.test(prev.text) &&
      tokens[j + 1] &&
      isCapitalised(tokens[j + 1] as Token)
    ) {
      j += 2;
      continue;
    }
    if (
      CONNECTORS.has(token.text) &&
      (ROLE_HEAD_FOR_CONNECTOR.has(stripApostrophe(prev.text)) ||
        // "Office of the UN High Commissioner for Human Rights": inside a body's name a title takes its "for".
        (chained && (token.text === "of" || token.text === "for")))
    ) {
      let k = j + 1;
      if (tokens[k]?.text === "the") k++;
      const next = tokens[k];
      if (next && isCapitalised(next) && body.slice(token.end, next.start).length <= 5) {
        j = k + 1;
        chained =
          ORG_KEYWORDS.has(stripApostrophe((tokens[i] as Token).text)) ||
          chained ||
          ORG_KEYWORDS.has(stripApostrophe(prev.text));
        continue;
      }
    }
    break;
  }
  return j;
}

/** Where "and" joins capitalised words into one body's name, only its last word a body's ("… and Monitoring Institute"). */
function bodyNameAcrossAnd(tokens: Token[], from: number, and: number): number {
  for (let k = from; k < and; k++) if (ORG_KEYWORDS.has(stripApostrophe((tokens[k] as Token).text))) return 0;
  let k = and + 1;
  while (k < tokens.length && k <= and + 5 && isCapitalised(tokens[k] as Token)) k++;
  if (k === and + 1) return 0;
  return ORG_KEYWORDS.has(stripApostrophe((tokens[k - 1] as Token).text)) ? k : 0;
}
