/**
 * How an extraction is matched against a label: quotes located in the cleaned body (or, when only the
 * headline prints them, in the title), entities found under any
 * of their spellings, dates compared at the label's precision.
 */
import { countryOfDemonym } from "../src/gazetteer.ts";
import { type ExtractedClaim, type ExtractedEntity, normalizeName } from "../src/index.ts";
import type { GoldArticle, GoldDate, GoldEntity } from "./gold.ts";

export interface Span {
  start: number;
  end: number;
  /** Offsets into the title rather than the body. */
  inTitle?: boolean;
}

function find(text: string, quote: string): number {
  const at = text.indexOf(quote);
  if (at >= 0) return at;
  // Tolerate quote-mark differences between the label and the cleaned text.
  const squash = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
  return squash(text).indexOf(squash(quote));
}

/** Where a labelled quote stands: in the body, else in the headline. */
export function locate(article: { title: string; body: string }, quote: string): Span | null {
  const at = find(article.body, quote);
  if (at >= 0) return { start: at, end: at + quote.length, inTitle: false };
  const inTitle = article.title ? find(article.title, quote) : -1;
  return inTitle >= 0 ? { start: inTitle, end: inTitle + quote.length, inTitle: true } : null;
}

/** Whether an extracted claim's span overlaps a span of the same part (body or title). */
export const overlaps = (c: Span, s: Span): boolean =>
  (c.inTitle ?? false) === (s.inTitle ?? false) && c.start < s.end && s.start < c.end;

/** The extracted entity that carries a gold entity's name or one of its aliases. */
export function matchEntity(entities: ExtractedEntity[], ge: GoldEntity): ExtractedEntity | null {
  const names = new Set([ge.name, ...ge.aliases].map(normalizeName));
  return (
    entities.find((e) => names.has(normalizeName(e.name))) ??
    entities.find((e) => e.aliases.some((a) => names.has(normalizeName(a)))) ??
    null
  );
}

/**
 * One entity under two spellings: the label's name or aliases, or the aliases the extractor itself gathered
 * for the entity it names (it read "AFP" in the text and filed it under "Agence France-Presse").
 */
/** A name that opens with a demonym, written with its country's name instead. */
function byCountry(name: string): string {
  const written = name.replace(/^the\s+/i, "");
  const first = /^(\S+)\s/.exec(written)?.[1] ?? "";
  const country = countryOfDemonym(first);
  return country ? `${country}${written.slice(first.length)}` : name;
}

export function sameEntity(
  article: GoldArticle,
  ours: string | null,
  theirs: string | null,
  entities: ExtractedEntity[] = [],
): boolean {
  if (ours === null || theirs === null) return ours === theirs;
  // "a source from a local hospital" and "source from a local hospital" describe one speaker; "Nigerien
  // Defense Ministry" and "Niger Defense Ministry" name one body.
  const norm = (name: string) => normalizeName(byCountry(name)).replace(/^an?\s+/, "");
  const a = norm(ours);
  const b = norm(theirs);
  if (a === b) return true;
  const ge = article.entities.find((e) => norm(e.name) === b);
  const goldNames = new Set([theirs, ...(ge ? [ge.name, ...ge.aliases] : [])].map(norm));
  if (goldNames.has(a)) return true;
  const mine = entities.find((e) => norm(e.name) === a);
  return !!mine && mine.aliases.some((n) => goldNames.has(norm(n)));
}

export function sameDate(ours: ExtractedClaim["statedOn"], theirs: GoldDate | null): boolean {
  if (!ours || !theirs) return ours === theirs;
  const rank: Record<string, number> = { day: 0, week: 1, month: 2, year: 3, unknown: 4 };
  // Ours may be finer than the label, never coarser; they must agree at the label's precision.
  if ((rank[ours.precision] ?? 4) > (rank[theirs.precision] ?? 4)) return false;
  const g =
    theirs.date.length === 7
      ? `${theirs.date}-01`
      : theirs.date.length === 4
        ? `${theirs.date}-01-01`
        : theirs.date;
  switch (theirs.precision) {
    case "day":
      return ours.date === g;
    case "week":
      return isoWeek(ours.date) === isoWeek(g);
    case "month":
      return ours.date.slice(0, 7) === g.slice(0, 7);
    case "year":
      return ours.date.slice(0, 4) === g.slice(0, 4);
    default:
      return true;
  }
}

function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}
