import type { Precision } from "./vocabulary.ts";

const MONTHS = [
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
  const day = d.getUTCDate();
  const month = MONTHS[d.getUTCMonth()] ?? "";
  const year = d.getUTCFullYear();
  switch (precision) {
    case "day":
      return `${day} ${month} ${year}`;
    case "week":
      return `week of ${day} ${month} ${year}`;
    case "month":
      return `${month} ${year}`;
    case "year":
      return `${year}`;
    case "unknown":
      return `${day} ${month} ${year} (uncertain)`;
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
