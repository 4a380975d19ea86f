import type { Precision } from "./vocabulary.ts";

/** Month names in English, January first: the one table for parsing and printing dates. */
export const MONTH_NAMES: readonly string[] = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

const MONTH_INDEX = new Map<string, number>();
MONTH_NAMES.forEach((name, index) => {
  MONTH_INDEX.set(name.toLowerCase(), index);
  MONTH_INDEX.set(name.slice(0, 3).toLowerCase(), index);
});
MONTH_INDEX.set("sept", 8);

/** ISO calendar date (YYYY-MM-DD) of a Date, in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A date as precisely as it is known, never more: "12 November 2025", "week of 28 October 2024",
 * "November 2025", "2025", "date unknown".
 */
export function formatDateWithPrecision(date: Date | string | null, precision: Precision): string {
  if (date === null) return "date unknown";
  const d = typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return "date unknown";
  switch (precision) {
    case "day":
    case "month":
    case "year":
      return formatDay(d, precision);
    case "week":
      return `week of ${formatDay(d)}`;
    case "unknown":
      return `${formatDay(d)} (uncertain)`;
  }
}

/** The interval [start, end) a date of the given precision stands for, in UTC. */
export function precisionInterval(date: Date, precision: Precision): { start: Date; end: Date } {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth();
  const d = date.getUTCDate();
  switch (precision) {
    case "day":
      return { start: new Date(Date.UTC(y, m, d)), end: new Date(Date.UTC(y, m, d + 1)) };
    case "week": {
      // ISO weeks start on Monday.
      const weekday = (date.getUTCDay() + 6) % 7;
      return { start: new Date(Date.UTC(y, m, d - weekday)), end: new Date(Date.UTC(y, m, d - weekday + 7)) };
    }
    case "month":
      return { start: new Date(Date.UTC(y, m, 1)), end: new Date(Date.UTC(y, m + 1, 1)) };
    case "year":
    case "unknown":
      return { start: new Date(Date.UTC(y, 0, 1)), end: new Date(Date.UTC(y + 1, 0, 1)) };
  }
}

/** How finely a date is shown: the dashboard's one format at day, month or year precision. */
export type DisplayPrecision = "day" | "month" | "year";

/**
 * The dashboard's one date format: "31 October 2024", "October 2024" or "2024" (UTC). Accepts an ISO
 * day or instant, a Date, or seconds since the epoch (chart axes); an unreadable value gives "".
 */
export function formatDay(date: Date | string | number, precision: DisplayPrecision = "day"): string {
  const d =
    typeof date === "number" ? new Date(date * 1000) : typeof date === "string" ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) return "";
  const month = MONTH_NAMES[d.getUTCMonth()] ?? "";
  const year = d.getUTCFullYear();
  if (precision === "year") return `${year}`;
  if (precision === "month") return `${month} ${year}`;
  return `${d.getUTCDate()} ${month} ${year}`;
}

export type DayInput = { ok: true; iso: string } | { ok: false; error: string };

/** The forms a typed date may take, for messages. */
export const DAY_INPUT_FORMATS = '"31 Oct 2024", "31 October 2024", "2024-10-31" or "31/10/2024"';

function checkedDay(year: number, month: number, day: number, text: string): DayInput {
  if (month < 1 || month > 12) return { ok: false, error: `"${text}" has no month ${month}.` };
  if (year < 1 || year > 9999) return { ok: false, error: `"${text}" has a year outside 1–9999.` };
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  // Day 0 of the next month is the last of this one; 2000 is a leap year, so February is set apart.
  const inMonth = month === 2 ? (leap ? 29 : 28) : new Date(Date.UTC(2000, month, 0)).getUTCDate();
  if (day < 1 || day > inMonth) {
    return {
      ok: false,
      error: `"${text}" is not a date: ${MONTH_NAMES[month - 1]} ${year} has ${inMonth} days.`,
    };
  }
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return { ok: true, iso };
}

/**
 * A day typed by a person: "31 Oct 2024", "31 October 2024", ISO "2024-10-31" or "31/10/2024" (day first).
 * Impossible dates ("2024-02-30") and anything else are refused with a message saying why.
 */
export function parseDayInput(input: string): DayInput {
  const text = input.trim().replace(/\s+/g, " ");
  if (text === "") return { ok: false, error: "Enter a date." };
  if (text.length > 40) return { ok: false, error: `Not a date: use ${DAY_INPUT_FORMATS}.` };
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return checkedDay(Number(match[1]), Number(match[2]), Number(match[3]), text);
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (match) return checkedDay(Number(match[3]), Number(match[2]), Number(match[1]), text);
  match = /^(\d{1,2}) ([A-Za-z]+)\.?,? (\d{4})$/.exec(text);
  if (match) {
    const month = MONTH_INDEX.get((match[2] ?? "").toLowerCase());
    if (month === undefined) return { ok: false, error: `"${match[2]}" is not a month name.` };
    return checkedDay(Number(match[3]), month + 1, Number(match[1]), text);
  }
  return { ok: false, error: `"${text}" is not a date: use ${DAY_INPUT_FORMATS}.` };
}

/**
 * A publication date as given by a file, a manifest, a page or a feed, kept only when it names a real
 * day, month or year: ISO "2024-12-02" (with or without a time), "2024-12" or "2024", and the day written
 * with its month's name ("2 December 2024", "December 2, 2024", RSS's "Mon, 02 Dec 2024 10:00:00 GMT"),
 * or a month so named ("December 2024").
 * Impossible days ("2024-02-30", "31 Feb 2024"), words relative to an unknown day ("yesterday"), bare
 * numbers and all-digit forms whose order is ambiguous ("12/01/2024") leave the article without a date
 * rather than with another one. Returns the ISO text as given, or the UTC day of a named-month date.
 */
export function publicationDate(value: string | null | undefined): string | null {
  const text = value?.trim().replace(/\s+/g, " ");
  if (!text || text.length > 64) return null;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]|$)/.exec(text);
  if (iso) return checkedDay(Number(iso[1]), Number(iso[2]), Number(iso[3]), text).ok ? text : null;
  const partial = /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (partial) {
    const month = partial[2] === undefined ? 1 : Number(partial[2]);
    return checkedDay(Number(partial[1]), month, 1, text).ok ? text : null;
  }
  const monthOnly = /^([A-Za-z]+)\.?,? (\d{4})$/.exec(text);
  const named = monthOnly ? MONTH_INDEX.get((monthOnly[1] ?? "").toLowerCase()) : undefined;
  if (monthOnly && named !== undefined) {
    const first = checkedDay(Number(monthOnly[2]), named + 1, 1, text);
    return first.ok ? first.iso.slice(0, 7) : null;
  }
  // "[Mon, ]2 Dec[.] 2024[ time]" or "[Monday, ]December 2, 2024[ time]".
  const dayFirst = /^(?:[A-Za-z]+,? )?(\d{1,2}) ([A-Za-z]+)\.?,? (\d{4})(?: (.+))?$/.exec(text);
  const monthFirst = /^(?:[A-Za-z]+,? )?([A-Za-z]+)\.? (\d{1,2}),? (\d{4})(?: (.+))?$/.exec(text);
  const parts = dayFirst
    ? { day: dayFirst[1], month: dayFirst[2], year: dayFirst[3], time: dayFirst[4] }
    : monthFirst
      ? { day: monthFirst[2], month: monthFirst[1], year: monthFirst[3], time: monthFirst[4] }
      : null;
  const month = parts ? MONTH_INDEX.get((parts.month ?? "").toLowerCase()) : undefined;
  if (!parts || month === undefined) return null;
  const day = checkedDay(Number(parts.year), month + 1, Number(parts.day), text);
  if (!day.ok) return null;
  if (parts.time === undefined) return day.iso;
  // A time and zone may move the day in UTC, as the feed meant it.
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? day.iso : isoDay(new Date(parsed));
}
