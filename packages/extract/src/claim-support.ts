import type { Attribution, SourceRef } from "./attribution.ts";
import type { Working } from "./claims.ts";
import type { DateMention, ResolvedDate } from "./dates.ts";
import type { EntityIndex, EntityMention } from "./entities.ts";
import { firstFrom } from "./mention-lookup.ts";
import type { PeopleHead } from "./metrics.ts";
import type { Quantity } from "./numbers.ts";
import type { Sentence } from "./segment.ts";
import { normalizeName } from "./variants.ts";

/** The date a claim was said, its actor's country, its confidence, and claims repeated in one article. */

/**
 * A known body is named as the article names it ("the Sudanese army", "the Israeli military"), its fullest
 * written form, when the article never writes the reference name: readers and editors see the text's name,
 * and the entity keeps the reference name with the written forms as aliases.
 */
export function writtenName(ref: SourceRef): string {
  const entity = ref.entity;
  if (!entity?.key.startsWith("g:") || entity.mentions.length === 0) return ref.name;
  if (entity.mentions.some((m) => m.text === entity.name)) return ref.name;
  let best = ref.name;
  let bestLength = 0;
  for (const m of entity.mentions) {
    const text = m.text.replace(/^the\s+/i, "");
    // "South Korean intelligence" describes a service vaguely; its reference name says more.
    if (/\bintelligence$/i.test(text)) continue;
    // "Ukraine's General Staff" is a way of writing the name, never the name itself; abbreviations and
    // capitalised variants ("U.N.", "Kyodo", "Defence Ministry") stand for the reference name; so does a
    // description by kind ("the U.N. refugee agency"). Only a plain description of a national body
    // ("Sudanese army", "Israeli military") is how the article names it.
    if (/[’']s\s/.test(text) || !/\s\p{Ll}/u.test(text) || /\bagency$/i.test(text)) continue;
    if (text.length > bestLength) {
      best = text;
      bestLength = text.length;
    }
  }
  return best;
}

export function isFrameDate(
  body: string,
  date: DateMention,
  attribution: Attribution,
  numberStart: number,
  clauseEnd: number,
): boolean {
  if (date.role !== "point") return false;
  // "Regarding Tuesday's attack, X noted …": the day of an event named by its date, not of the saying.
  if (/^[’']s\s/.test(body.slice(date.end, date.end + 3))) return false;
  if (date.start >= clauseEnd) return attribution.verbSpans.some((v) => v.start >= clauseEnd - 1);
  if (date.start >= numberStart) return false;
  if (!attribution.verbSpans.length)
    return attribution.frameStart !== null && date.start >= attribution.frameStart;
  // A date after "that" belongs to what was said, not to the saying.
  const lastVerb = attribution.verbSpans.filter((v) => v.start < numberStart).pop();
  if (!lastVerb) return false;
  if (date.start >= lastVerb.end) {
    const between = body.slice(lastVerb.end, date.start);
    return !/\bthat\b/i.test(between) && between.length < 60;
  }
  return true;
}

export const SAID_NEAR =
  /\b(?:said|says|warned|announced|stated|reported|told|confirmed|revealed|claimed)\b/i;

/** "France said on Monday … Its defence staff added that …": the lede's date covers the paragraph. */
export function saidDateInPreviousSentence(
  body: string,
  sentences: Sentence[],
  sIndex: number,
  datesOf: (i: number) => DateMention[],
): ResolvedDate | null {
  const current = sentences[sIndex];
  const previous = sentences[sIndex - 1];
  if (!current || !previous || previous.paragraph !== current.paragraph) return null;
  for (const d of datesOf(sIndex - 1)) {
    if (d.role !== "point") continue;
    const before = body.slice(Math.max(previous.start, d.start - 25), d.start);
    if (SAID_NEAR.test(before)) return { date: d.date, precision: d.precision };
  }
  return null;
}

/** The country doing the deploying: "North Korea deployed …", "North Korea was transferring …". */
export function actorCountry(body: string, index: EntityIndex, start: number, end: number): string | null {
  // Mentions are in text order: start at the first one inside by halving.
  for (let i = firstFrom(index.mentions, start); i < index.mentions.length; i++) {
    const m = index.mentions[i] as EntityMention;
    if (m.start >= end) break;
    if (m.entity.kind !== "country") continue;
    const after = body.slice(m.end, m.end + 50);
    if (
      /^\s+(?:(?:was|is|has|had|have|been|also|reportedly|allegedly|subsequently|later|then)\s+)*(?:deploy|sent|send|dispatch|transfer|mov|commit|station|rotat)/i.test(
        after,
      )
    )
      return m.entity.name;
  }
  return null;
}

export function confidenceOf(
  item: Working,
  quantity: Quantity,
  head: PeopleHead,
  attribution: Attribution,
  inherits: boolean,
): number {
  let c = 0.55;
  if (head.subject && !head.anaphoric) c += 0.15;
  if (item.metricEvidenced) c += 0.1;
  else c -= 0.1;
  if (attribution.source || inherits || attribution.explicit) c += 0.05;
  if (item.draft.location) c += item.locationInferred ? 0.02 : 0.05;
  if (head.anaphoric && !head.subject) c -= 0.1;
  if (quantity.kind === "vague") c -= 0.05;
  if (quantity.percent) c -= 0.1;
  if ((quantity.value ?? 100) < 10) c -= 0.15;
  if (/^(?:people|men|members|staff|workers|civilians|agents)$/i.test(item.draft.subject)) c -= 0.15;
  return Math.round(Math.max(0.05, Math.min(0.95, c)) * 100) / 100;
}

export const NAME_FILLER = new Set(["the", "of", "for", "s"]);
export const nameWords = (name: string): string[] =>
  normalizeName(name)
    .split(" ")
    .filter((w) => w && !NAME_FILLER.has(w));

/**
 * Whether two claims' speakers may be one speaker: either is unnamed; the same name; the same words in
 * another order ("defence ministry", "Ministry of Defence"); or a description in lower case ("a local
 * lobby group", "activists") that a later sentence names ("the Abu Gouta Resistance Committee").
 */
export function oneSpeaker(earlier: Working, later: Working): boolean {
  const a = earlier.draft.source;
  const b = later.draft.source;
  if (a === null || b === null || a.toLowerCase() === b.toLowerCase()) return true;
  // "Azerbaijan's Defense Ministry" and, later, "the Defense Ministry": one body named with and without its owner.
  if (unowned(a) === unowned(b)) return true;
  const wa = nameWords(a);
  const wb = nameWords(b);
  if (wa.length === wb.length && wa.every((w) => wb.includes(w))) return true;
  if (described(earlier, a) || described(later, b)) return true;
  // "Houthi officials" in the lede, "the Houthi rebels' health ministry" in the body: people and offices
  // described by the same body speak for it.
  if ((unnamed(earlier) || unnamed(later)) && wa[0] !== undefined && wa[0] === wb[0] && /^\p{Lu}/u.test(a))
    return true;
  // "Defense Ministry spokesman Igor Konashenkov" speaks for the Defense Ministry.
  return speaksFor(earlier, wb) || speaksFor(later, wa);
}

function unowned(name: string): string {
  return name.replace(/^\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,2}[’']s\s+/u, "").toLowerCase();
}

function described(w: Working, name: string): boolean {
  return w.sourceRefs[0]?.entity == null && /^\p{Ll}/u.test(name);
}

function unnamed(w: Working): boolean {
  return w.sourceRefs[0]?.entity == null;
}

function speaksFor(person: Working, body: string[]): boolean {
  const role = person.sourceRefs[0]?.entity?.role;
  if (person.draft.sourceType !== "person" || !role || body.length < 2) return false;
  const words = nameWords(role);
  return body.every((w) => words.includes(w));
}

function twoNamedBodies(earlier: Working, later: Working): boolean {
  const a = namedBody(earlier);
  const b = namedBody(later);
  return a !== null && b !== null && a !== b;
}

function namedBody(w: Working) {
  const ref = w.sourceRefs[0];
  return ref?.entity != null && (ref.type === "organization" || ref.type === "group") ? ref.entity : null;
}

/**
 * "15 soldiers were killed, authorities said … 'We have 15 dead,' said Colonel X, the army spokesman": the
 * figure's speaker is the person the text names at last, not the description (or nobody) it began with.
 */
function namedLater(root: Working, repeat: Working): void {
  // A name the index did not list still names someone when written as one ("Emergency Lawyers", "SOHR").
  const named =
    repeat.sourceRefs[0]?.entity != null || /^\p{Lu}\S*\s*\S*\p{Lu}/u.test(repeat.draft.source ?? "");
  // "a rights group" is indexed as a speaker but names no one.
  const rootNamed = root.sourceRefs[0]?.entity != null && !/^\p{Ll}/u.test(root.draft.source ?? "");
  if (!named || rootNamed || repeat.draft.source === null) return;
  // "The military said … Colonel X said": a body's spokesman speaks for the body, which keeps the figure.
  if (
    root.draft.sourceType === "organization" ||
    /^(?:[\p{L}-]+\s+)?(?:military|army|police|ministry|government|navy|command|forces?|mission|gendarmerie)$/iu.test(
      root.draft.source ?? "",
    )
  )
    return;
  // A person named gives what "authorities" or "a security source" said; a body named gives what "a local
  // lobby organization" said, never what a person described said.
  const kind = repeat.draft.sourceType;
  const body =
    /\b(?:organi[sz]ation|group|committee|network|monitor|observatory|agency|body|ngo|charity|council|union|coalition)$/i;
  if (
    kind !== "person" &&
    !(
      (kind === "organization" || kind === "group") &&
      root.draft.source !== null &&
      body.test(root.draft.source)
    )
  )
    return;
  // "Locals and media said": several speakers, one of whom the person may be, keep the figure.
  if (root.draft.source !== null && (!/^\p{Ll}/u.test(root.draft.source) || / and /.test(root.draft.source)))
    return;
  adopt(root, repeat);
}

/** `root` takes `repeat`'s speaker: who, its kind, where named, and (when it has none) the relay chain. */
export function adopt(root: Working, repeat: Working): void {
  root.draft.source = repeat.draft.source;
  root.draft.sourceType = repeat.draft.sourceType;
  root.sourceRefs = repeat.sourceRefs;
  if (root.draft.via.length === 0) root.draft.via = repeat.draft.via;
}

/**
 * Two intervals that print one figure: equal, or "at least 14" then "14" (the bound and the point, either way
 * round); "up to 100" and "100" likewise.
 */
type Interval = { valueLow: number | null; valueHigh: number | null };
const point = (x: Interval) => (x.valueLow !== null && x.valueLow === x.valueHigh ? x.valueLow : null);
const bound = (x: Interval) => (x.valueHigh === null ? x.valueLow : x.valueLow === null ? x.valueHigh : null);

function sameFigure(
  a: { valueLow: number | null; valueHigh: number | null },
  b: { valueLow: number | null; valueHigh: number | null },
): boolean {
  if (a.valueLow === b.valueLow && a.valueHigh === b.valueHigh) return true;
  const pa = point(a);
  const pb = point(b);
  return (pa !== null && pa === bound(b)) || (pb !== null && pb === bound(a));
}

/** A later figure equal to an earlier one, with nothing new said about it, only refers back. */
export function markDuplicates(working: Working[]): void {
  // Earlier claims by the values they print: a repeat shares one with its claim, so only those are compared
  // (every pair would be quadratic in a document of thousands of figures).
  const byValue = new Map<number, number[]>();
  for (let i = 0; i < working.length; i++) {
    const claim = working[i] as Working;
    const { valueLow: low, valueHigh: high } = claim.draft;
    if (!claim.draft.additional) {
      const j = firstRepeated(
        working,
        claim,
        low === null ? undefined : byValue.get(low),
        high === null || high === low ? undefined : byValue.get(high),
      );
      if (j !== null) {
        const weak = !claim.metricEvidenced;
        claim.draft.duplicateOf = j;
        namedLater(working[j] as Working, claim);
        claim.draft.confidence = Math.min(claim.draft.confidence, weak ? 0.25 : 0.35);
        continue;
      }
    }
    for (const v of high === low ? [low] : [low, high]) {
      if (v === null) continue;
      const list = byValue.get(v);
      if (list) list.push(i);
      else byValue.set(v, [i]);
    }
  }
}

/** The first earlier claim (in text order) that `claim` repeats, among those printing one of its values. */
function firstRepeated(
  working: Working[],
  claim: Working,
  a: number[] = [],
  b: number[] = [],
): number | null {
  // Both lists are in text order: walk them together, earliest first.
  for (let x = 0, y = 0, seen = 0; (x < a.length || y < b.length) && seen < MAX_CANDIDATES; seen++) {
    const j =
      y >= b.length || (x < a.length && (a[x] as number) <= (b[y] as number))
        ? (a[x++] as number)
        : (b[y++] as number);
    if (x < a.length && a[x] === j) x++;
    if (y < b.length && b[y] === j) y++;
    const earlier = working[j] as Working;
    if (!sameFigure(earlier.draft, claim.draft) || earlier.draft.rate !== claim.draft.rate) continue;
    // "nine soldiers and nine civilians": two parts of one sentence that happen to be equal.
    if (earlier.sentence === claim.sentence && earlier.draft.subject !== claim.draft.subject) continue;
    if (earlier.draft.metric !== claim.draft.metric && claim.metricEvidenced) continue;
    // The same figure for the same thing in one article is one claim printed twice (a paraphrase and its quote,
    // a lede and its detail, an official confirming his side's figure): counted once, each printing kept as an
    // appearance with its own words. Two bodies each named in full that give it are two sources that agree,
    // and stay two claims.
    if (!oneSpeaker(earlier, claim) && twoNamedBodies(earlier, claim)) continue;
    return j;
  }
  return null;
}

/** How many earlier claims printing the same value a figure is compared with (a bound for crafted input). */
const MAX_CANDIDATES = 200;
