import { MONTH_NAMES, type Precision } from "@headcount/shared";
import * as chrono from "chrono-node";
import { isSpaceCode } from "./segment.ts";

/**
 * Dates as the text gives them, resolved with chrono-node against an anchor (the publication date or an
 * earlier date in the text) and never more precise than the anchor allows: "on Monday" in an article
 * dated only to the week is known to the week.
 */

export interface ResolvedDate {
  date: string;
  precision: Precision;
}

export interface DateMention extends ResolvedDate {
  start: number;
  end: number;
  text: string;
  /** "since October" → from, "by December" → to, otherwise a point in time. */
  role: "point" | "from" | "to";
  /** Needed the anchor to resolve (weekday, "last week", a month without a year). */
  relative: boolean;
  /** How precisely the words name the day an event happened on (a weekday names one day). */
  eventPrecision?: Precision;
}

const RANK: Record<Precision, number> = { day: 0, week: 1, month: 2, year: 3, unknown: 4 };

export function coarser(a: Precision, b: Precision): Precision {
  return RANK[a] >= RANK[b] ? a : b;
}

export function isoDate(d: Date): string {
  const year = d.getUTCFullYear();
  // toISOString writes the whole timestamp (and six-digit or invalid years its own way): only the day is kept.
  if (!(year >= 0 && year <= 9999)) return d.toISOString().slice(0, 10);
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${String(year).padStart(4, "0")}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}`;
}

let lastAnchor = "";
let lastAnchorTime = 0;
/** Noon UTC of an ISO day (the last day asked for is remembered: every sentence of an article asks for it). */
export function toAnchorDate(date: string): Date {
  if (date !== lastAnchor) {
    lastAnchorTime = Date.parse(`${date}T12:00:00Z`);
    lastAnchor = date;
  }
  return new Date(lastAnchorTime);
}

/** Which components the text stated (the rest chrono implied from the reference date). */
function knownOf(components: chrono.ParsedComponents): {
  day?: true;
  month?: true;
  year?: true;
  weekday?: true;
} {
  const known: { day?: true; month?: true; year?: true; weekday?: true } = {};
  if (components.isCertain("day")) known.day = true;
  if (components.isCertain("month")) known.month = true;
  if (components.isCertain("year")) known.year = true;
  if (components.isCertain("weekday")) known.weekday = true;
  return known;
}

const NOT_DATES = /^(?:may|march|now|today|second|sec|min|mon)$/i;

const DATE_WORD =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?![a-z])|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:yesterday|today|tonight|weeks?|months?|years?|ago|fortnight|weekend)\b|\b(?:19|20)\d{2}\b/i;

/** The last day a date of this precision may stand for: an article dated "November 2025" may be from the 30th. */
function latestOf(anchor: ResolvedDate): Date {
  const d = toAnchorDate(anchor.date);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (anchor.precision) {
    case "week":
      return new Date(Date.UTC(y, m, d.getUTCDate() + 6, 12));
    case "month":
      return new Date(Date.UTC(y, m + 1, 0, 12));
    case "year":
    case "unknown":
      return new Date(Date.UTC(y, 11, 31, 12));
    default:
      return d;
  }
}

/** A date chrono read, its index relative to the whole sentence. */
interface DateParse {
  text: string;
  index: number;
  start: chrono.ParsedComponents;
}

/**
 * chrono's English reader without the parts that read clock times and time zones: news figures need the
 * day, and those parsers and refiners ran on every date window for nothing.
 */
const TIME_PARTS = new Set([
  "ENTimeExpressionParser",
  "ENCasualTimeParser",
  "ExtractTimezoneOffsetRefiner",
  "ExtractTimezoneAbbrRefiner",
  "ENMergeDateTimeRefiner",
]);
const dateReader = chrono.casual.clone();
dateReader.parsers = dateReader.parsers.filter((p) => !TIME_PARTS.has(p.constructor.name));
dateReader.refiners = dateReader.refiners.filter((r) => !TIME_PARTS.has(r.constructor.name));

/**
 * Parsers that cannot match without a word of their own (a month, a weekday, "ago", "later", "this", "today"…)
 * or a shape of their own ("2024 10", "10/2024", "3/4") are left out for a window that has none: the answer is the
 * same, and most windows name no month.
 * Each word list is the required group of the parser's own pattern, found in its source; a parser whose
 * pattern does not show that group always runs.
 */
const MONTH_GROUP = /\(\?:september\|[^()]*\)/;
const REQUIRED_GROUP: Record<string, RegExp> = {
  ENTimeUnitAgoFormatParser: /\(\?:ago\|before\|earlier\)/,
  ENTimeUnitLaterFormatParser: /\(\?:later\|after\|from now\|henceforth\|forward\|out\)/,
  ENMonthNameLittleEndianParser: MONTH_GROUP,
  ENMonthNameMiddleEndianParser: MONTH_GROUP,
  ENMonthNameParser: MONTH_GROUP,
  ENYearMonthNameParser: MONTH_GROUP,
  ENWeekdayParser: /\(\(\?:wednesday\|[^()]*\)\|weekend\|weekday\)/,
  ENRelativeDateFormatParser: /^\(this\|last\|past\|next\|after\\s\*this\)/,
  ENTimeUnitCasualRelativeFormatParser: /^\(this\|last\|past\|next\|after\|\\\+\|-\)/,
  ENCasualDateParser: /^\(now\|[^()]*\)/,
  ENEndOfCurrentMonthParser: /month(?=\(\?=)/,
  ENYearMonthDayParser: /^\(\[0-9\]\{4\}\)\[-\\\.\\\/\\s\]/,
  ENSlashMonthFormatParser: /^\(\[0-9\]\|0\[1-9\]\|1\[012\]\)\\\/\(\[0-9\]\{4\}\)/,
  SlashDateFormatParser: /\(\[0-3\]\{0,1\}\[0-9\]\{1\}\)\[\\\/\\\.\\-\]\(\[0-3\]\{0,1\}\[0-9\]\{1\}\)/,
};
type Parser = (typeof dateReader.parsers)[number];
const allParsers = dateReader.parsers;
const parserNeeds: (RegExp | null)[] = allParsers.map((parser) => {
  const find = REQUIRED_GROUP[parser.constructor.name];
  // The context a parser's pattern may depend on, as findDates reads (no forward dates).
  const context = { option: { forwardDate: false } };
  const pattern = !find
    ? null
    : "innerPattern" in parser
      ? (parser.innerPattern as (c: unknown) => RegExp)(context)
      : (parser.pattern as (c: unknown) => RegExp)(context);
  const group = pattern ? find?.exec(pattern.source)?.[0] : undefined;
  return pattern && group ? new RegExp(group, pattern.flags.replace(/[gy]/g, "")) : null;
});
// Parsers that need the same words (the four month-name parsers) share one test.
const distinctNeeds: RegExp[] = [];
const needOf: number[] = parserNeeds.map((needs) => {
  if (!needs) return -1;
  const known = distinctNeeds.findIndex((d) => d.source === needs.source && d.flags === needs.flags);
  if (known >= 0) return known;
  distinctNeeds.push(needs);
  return distinctNeeds.length - 1;
});
const parsersByMask = new Map<number, Parser[]>();

/** The parsers that may match in this text. */
function parsersFor(text: string): Parser[] {
  let missing = 0;
  for (let j = 0; j < distinctNeeds.length; j++) {
    if (!(distinctNeeds[j] as RegExp).test(text)) missing |= 1 << j;
  }
  let parsers = parsersByMask.get(missing);
  if (!parsers) {
    parsers = allParsers.filter(
      (_, i) => (needOf[i] as number) < 0 || !(missing & (1 << (needOf[i] as number))),
    );
    parsersByMask.set(missing, parsers);
  }
  return parsers;
}

/** Room either side of a date word for the rest of its phrase ("the night of 12 October", "three weeks ago"). */
const DATE_MARGIN = 24;
const DATE_WORDS = new RegExp(DATE_WORD.source, "gi");

/**
 * The stretches of a sentence around its date words, each widened to whole words and merged when they meet,
 * so that chrono reads a few dozen characters instead of a long sentence.
 */
function dateWindows(text: string): [number, number][] {
  const windows: [number, number][] = [];
  DATE_WORDS.lastIndex = 0;
  for (let m = DATE_WORDS.exec(text); m; m = DATE_WORDS.exec(text)) {
    let from = Math.max(0, m.index - DATE_MARGIN);
    let to = Math.min(text.length, m.index + m[0].length + DATE_MARGIN);
    while (from > 0 && !isSpaceCode(text.charCodeAt(from - 1))) from--;
    while (to < text.length && !isSpaceCode(text.charCodeAt(to))) to++;
    const last = windows[windows.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else windows.push([from, to]);
  }
  return windows;
}

/**
 * Dates mentioned in `text` (a sentence), offsets relative to `offset`. `narrative` is the last date the
 * article mentioned before this sentence: "days earlier" counts back from it.
 */
export function findDates(
  text: string,
  offset: number,
  anchor: ResolvedDate | null,
  narrative: ResolvedDate | null = null,
): DateMention[] {
  const ref = anchor ? toAnchorDate(anchor.date) : new Date(Date.UTC(2000, 0, 1, 12));
  const found: DateMention[] = [];
  const results: DateParse[] = [];
  // chrono is the costliest step of extraction: only sentences with a date word are worth parsing, and only
  // the stretches around those words.
  const windows = dateWindows(text);
  if (windows.length > 0) {
    // Counts are not days: "Since October, 3,000 soldiers" must not read as October 3 (same length keeps offsets).
    const masked = text.replace(
      // (?<!\d): a count is read from its first digit only; retrying from every digit of a long run is quadratic.
      /\d{1,3}(?:,\d{3})+|(?<!\d)\d+(?=\s+(?:troops|soldiers|people|personnel|fighters))/g,
      (m) => "#".repeat(m.length),
    );
    for (const [from, to] of windows) {
      const window = masked.slice(from, to);
      dateReader.parsers = parsersFor(window);
      for (const result of dateReader.parse(window, { instant: ref, timezone: 0 }, { forwardDate: false }))
        results.push({ text: result.text, index: result.index + from, start: result.start });
    }
  }
  for (const result of results) {
    const raw = result.text;
    if (NOT_DATES.test(raw.trim())) continue;
    // "May" and "March" are also words; require a day, a year or a preposition.
    if (
      /^(?:may|march)$/i.test(raw) &&
      !/\b(?:in|since|by|until|last|early|late|mid)\s+$/i.test(text.slice(0, result.index))
    )
      continue;
    const known = knownOf(result.start);
    const beforeText = text.slice(Math.max(0, result.index - 12), result.index);
    let date = result.start.date();
    let precision: Precision;
    let relative = false;
    if (/\bweeks?\b/i.test(raw)) {
      precision = "week";
      relative = true;
    } else if (known.day !== undefined && known.month !== undefined) {
      precision = "day";
      relative = known.year === undefined;
    } else if (known.weekday !== undefined || /\b(?:yesterday|today|tonight|ago)\b/i.test(raw)) {
      precision = "day";
      relative = true;
    } else if (known.month !== undefined) {
      precision = "month";
      relative = known.year === undefined;
    } else if (known.year !== undefined) {
      precision = /\bmonth\b/i.test(raw) ? "month" : "year";
      relative = /\b(?:this|last|next)\b/i.test(raw);
    } else {
      continue;
    }
    if (!anchor && relative) continue;
    // "in the past week", "over the last two months": a period that runs from then to when it was said.
    const pastSpan =
      /^(?:the\s+)?(?:past|previous)\s+(?:\w+\s+)?(?:weeks?|months?|days?)$/i.test(raw.trim()) ||
      /^(?:the\s+)?last\s+\w+\s+(?:weeks|months|days)$/i.test(raw.trim());
    const role =
      pastSpan ||
      /\b(?:since|from|starting|beginning|between)\s+(?:early\s+|late\s+|mid-?)?$/i.test(beforeText)
        ? "from"
        : /\b(?:by|until|till|through|before|up to)\s+(?:the end of\s+)?(?:early\s+|late\s+|mid-?)?$/i.test(
              beforeText,
            )
          ? "to"
          : "point";
    const future = /\b(?:will|would|expected|plans?|planned|next|coming|upcoming|scheduled)\b/i.test(
      text.slice(Math.max(0, result.index - 40), result.index),
    );
    // Without a year, news means the most recent such date, not a future one ("in April" in October).
    const futureSentence =
      role === "to" &&
      /\b(?:will|would|expected|plans?|planned|aims?|target|next|coming|by the end of)\b/i.test(text);
    if (
      anchor &&
      !futureSentence &&
      !future &&
      known.year === undefined &&
      date.getTime() > latestOf(anchor).getTime() + 86_400_000
    ) {
      date = new Date(Date.UTC(date.getUTCFullYear() - 1, date.getUTCMonth(), date.getUTCDate(), 12));
    }
    // "on Friday" in news is the Friday before, not the one after.
    if (
      anchor &&
      !future &&
      known.weekday !== undefined &&
      known.day === undefined &&
      known.month === undefined &&
      result.start.date().getTime() > latestOf(anchor).getTime() + 86_400_000
    ) {
      date = new Date(result.start.date().getTime() - 7 * 86_400_000);
    }
    // "on Friday" in an article dated only to its month (or year): a day of that month, not of the one before.
    const coarse = anchor && (anchor.precision === "month" || anchor.precision === "year") && !known.day;
    if (anchor && coarse && known.weekday !== undefined) date = toAnchorDate(anchor.date);
    // "last October" said in October means a year earlier.
    if (
      anchor &&
      /\blast\s+$/i.test(beforeText) &&
      known.month !== undefined &&
      known.year === undefined &&
      date.getUTCFullYear() === ref.getUTCFullYear() &&
      date.getUTCMonth() >= ref.getUTCMonth()
    ) {
      date = new Date(Date.UTC(date.getUTCFullYear() - 1, date.getUTCMonth(), date.getUTCDate(), 12));
    }
    // Only a date counted from the anchor ("on Monday", "last week") is as uncertain as the anchor; an
    // explicit "November 7" borrows only its year.
    const counted =
      /\b(?:yesterday|today|tonight|ago|last|this|next|week|weeks)\b/i.test(raw) ||
      known.weekday !== undefined;
    const ownPrecision = precision;
    if (relative && anchor && counted) precision = coarser(precision, anchor.precision);
    found.push({
      start: offset + result.index,
      end: offset + result.index + raw.length,
      text: raw,
      date: formatDate(date, precision),
      precision,
      role,
      relative,
      // A weekday in an article dated to its week still names one day: an event's date keeps it.
      eventPrecision: known.weekday !== undefined && ownPrecision === "day" ? "day" : precision,
    });
  }
  if (anchor)
    found.push(...ordinalDays(text, offset, anchor), ...relativeSpans(text, offset, narrative ?? anchor));
  found.sort((a, b) => a.start - b.start);
  // "between January and February 2025": the second date closes the period, and lends its year to the first.
  for (let i = 1; i < found.length; i++) {
    const first = found[i - 1] as DateMention;
    const second = found[i] as DateMention;
    if (
      first.role !== "from" ||
      !/^\s*(?:and|to|until|through|-|–)\s*$/i.test(text.slice(first.end - offset, second.start - offset))
    )
      continue;
    second.role = "to";
    if (first.relative && first.precision === "month" && /\b(?:19|20)\d{2}\b/.test(second.text)) {
      first.date = `${second.date.slice(0, 4)}${first.date.slice(4)}`;
      first.relative = false;
    }
  }
  return found;
}

/** "on the 22nd" in Korean-style wire copy: the day of the anchor's month (or the month before). */
function ordinalDays(text: string, offset: number, anchor: ResolvedDate): DateMention[] {
  const out: DateMention[] = [];
  if (!/\d(?:st|nd|rd|th)/i.test(text)) return out;
  const re =
    /\b(?:on|by|since)\s+the\s+(\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:January|February|March|April|May|June|July|August|September|October|November|December|anniversary|century))/gi;
  const ref = toAnchorDate(anchor.date);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const day = Number(m[1]);
    if (day < 1 || day > 31) continue;
    let month = ref.getUTCMonth();
    let year = ref.getUTCFullYear();
    if (day > ref.getUTCDate() + 1) {
      month -= 1;
      if (month < 0) {
        month = 11;
        year -= 1;
      }
    }
    const phrase = `${MONTH_NAMES[month]} ${day}, ${year}`;
    const parsed = chrono.parseDate(phrase, ref);
    if (!parsed) continue;
    const precision = coarser("day", anchor.precision);
    const start = m.index + m[0].indexOf("the");
    out.push({
      start: offset + start,
      end: offset + m.index + m[0].length,
      text: text.slice(start, m.index + m[0].length),
      date: formatDate(parsed, precision),
      precision,
      role: "point",
      relative: true,
    });
  }
  return out;
}

/** "days earlier", "two weeks ago", "a few months earlier": chrono resolves "N units ago" from the anchor. */
function relativeSpans(text: string, offset: number, anchor: ResolvedDate): DateMention[] {
  const out: DateMention[] = [];
  // Every match ends in one of these words; the pattern's optional opening would otherwise be tried everywhere.
  if (!/earlier|before|prior/i.test(text)) return out;
  const re =
    /\b(?:just\s+|only\s+)?(a few|several|a couple of|two|three|four|five|six|\d+)?\s*(days|weeks|months)\s+(earlier|before|prior)\b/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const count = m[1] ? (/^\d+$/.test(m[1]) ? m[1] : wordCount(m[1])) : "3";
    const unit = (m[2] ?? "days").toLowerCase();
    const parsed = chrono.parseDate(`${count} ${unit} ago`, toAnchorDate(anchor.date));
    if (!parsed) continue;
    const own: Precision = unit === "days" ? "week" : "month";
    const precision = coarser(own, anchor.precision);
    out.push({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      text: m[0],
      date: formatDate(parsed, precision),
      precision,
      role: "point",
      relative: true,
    });
  }
  return out;
}

function wordCount(word: string): string {
  const w = word.toLowerCase();
  if (w === "a couple of" || w === "two") return "2";
  if (w === "three" || w === "a few" || w === "several") return "3";
  if (w === "four") return "4";
  if (w === "five") return "5";
  return "6";
}

/** YYYY-MM-DD for day and week, YYYY-MM-01 for month, YYYY-01-01 for year. */
export function formatDate(date: Date, precision: Precision): string {
  const iso = isoDate(date);
  if (precision === "month") return `${iso.slice(0, 7)}-01`;
  if (precision === "year") return `${iso.slice(0, 4)}-01-01`;
  return iso;
}

/** A caller's publication date: "2024-10-29", "2024-10", a Date, or free text chrono can read. */
export function parsePublished(
  value: string | Date | null | undefined,
  precision?: Precision | null,
): ResolvedDate | null {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const p = precision ?? "day";
    return { date: formatDate(value, p), precision: p };
  }
  const text = value.trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (m) {
    const p = precision ?? "day";
    return {
      date: formatDate(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12)), p),
      precision: p,
    };
  }
  m = /^(\d{4})-(\d{2})$/.exec(text);
  if (m) return { date: `${m[1]}-${m[2]}-01`, precision: precision ?? "month" };
  m = /^(\d{4})$/.exec(text);
  if (m) return { date: `${m[1]}-01-01`, precision: precision ?? "year" };
  const results = chrono.parse(text, { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 });
  const first = results[0];
  if (!first) return null;
  const known = knownOf(first.start);
  const p: Precision =
    precision ??
    (known.day !== undefined
      ? "day"
      : known.month !== undefined
        ? "month"
        : known.year !== undefined
          ? "year"
          : "unknown");
  return { date: formatDate(first.start.date(), p), precision: p };
}

/**
 * The publication date inferred from the text when none is given: the latest fully written date
 * ("October 31, 2024"), known only to the week since the article came out on or after it.
 */
export function inferPublished(body: string): ResolvedDate | null {
  let latest: Date | null = null;
  let monthOnly: Date | null = null;
  const re =
    /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}\b|\b\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d{2}\b|\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d{2}\b/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const parsed = chrono.parse(m[0], new Date(Date.UTC(2000, 0, 1)), {})[0];
    if (!parsed) continue;
    const d = parsed.start.date();
    if (parsed.start.isCertain("day")) {
      if (!latest || d > latest) latest = d;
    } else if (!monthOnly || d > monthOnly) monthOnly = d;
  }
  if (latest) return { date: formatDate(latest, "week"), precision: "week" };
  if (monthOnly) return { date: formatDate(monthOnly, "month"), precision: "month" };
  return null;
}
