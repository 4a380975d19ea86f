import type { Metric, Precision, Rate } from "@headcount/shared";
import { centreValue } from "./plot";
import type { LatestPointData } from "./queries";
import { type Gql, lower } from "./vocabulary";

/** A source's latest figure, as the spread reads it. */
export interface SpreadFigure {
  /** The series key: the source's global ID, or "unattributed". */
  key: string;
  label: string;
  point: LatestPointData;
}

/** Figures are compared only when the periods they describe end this close to the newest one. */
export const COMPARABLE_DAYS = 31;

/** Why a latest figure was not compared. */
export type LeftOutReason =
  | "unattributed"
  | "vague"
  | "additional"
  | "no-value"
  | "undated"
  | "no-subject"
  | "other-group"
  | "older";

export interface ComparedFigure extends SpreadFigure {
  value: number;
  /** The last day of the period the figure describes (what "comparable periods" is measured on). */
  day: string;
}

export type Spread =
  | {
      shown: true;
      metric: Metric;
      rate: Rate;
      /** The global ID of the forces counted. */
      subjectEntity: string;
      /** The oldest and newest day of the compared figures. */
      from: string;
      to: string;
      highest: ComparedFigure;
      lowest: ComparedFigure;
      /** Highest over lowest; null when the lowest is 0. */
      ratio: number | null;
      compared: ComparedFigure[];
      leftOut: { figure: SpreadFigure; reason: LeftOutReason }[];
    }
  | { shown: false; compared: number; leftOut: { figure: SpreadFigure; reason: LeftOutReason }[] };

const DAY_MS = 86_400_000;

/** Dates known to the year or not at all cannot say whether two figures describe one period. */
const PLACED: Gql<Precision>[] = ["DAY", "WEEK", "MONTH"];

/**
 * The spread between sources' latest figures, only among figures that measure the same thing: one metric,
 * one rate (a total is never set against a daily rate), the same forces, each a figure in its own right (not
 * an increment, not a vague amount), from a named source, describing periods that end within
 * COMPARABLE_DAYS of each other. When the latest figures fall into several such groups, the largest group
 * is compared (ties: the one with the newest figure). Fewer than two comparable figures: nothing is shown.
 */
export function spreadOf(figures: SpreadFigure[]): Spread {
  const leftOut: { figure: SpreadFigure; reason: LeftOutReason }[] = [];
  const candidates: ComparedFigure[] = [];
  for (const figure of figures) {
    const { point } = figure;
    const value = centreValue(point);
    const day = point.refersTo ?? point.date;
    let reason: LeftOutReason | null = null;
    if (figure.key === "unattributed") reason = "unattributed";
    else if (point.qualifier === "VAGUE") reason = "vague";
    else if (point.additional) reason = "additional";
    else if (value === null) reason = "no-value";
    else if (day === null || (point.refersTo === null && !PLACED.includes(point.precision)))
      reason = "undated";
    else if (point.subjectEntity === null) reason = "no-subject";
    if (reason !== null || value === null || day === null) {
      leftOut.push({ figure, reason: reason ?? "no-value" });
      continue;
    }
    candidates.push({ ...figure, value, day });
  }

  const groups = new Map<string, ComparedFigure[]>();
  for (const figure of candidates) {
    const key = `${figure.point.metric}|${figure.point.rate}|${figure.point.subjectEntity}`;
    groups.set(key, [...(groups.get(key) ?? []), figure]);
  }
  // ISO days sort as text.
  const newestDay = (group: ComparedFigure[]) =>
    group
      .map((f) => f.day)
      .sort()
      .at(-1) ?? "";
  const chosen = [...groups.values()].sort(
    (a, b) => b.length - a.length || newestDay(b).localeCompare(newestDay(a)),
  )[0];
  for (const group of groups.values()) {
    if (group === chosen) continue;
    for (const figure of group) leftOut.push({ figure, reason: "other-group" });
  }
  if (!chosen) return { shown: false, compared: 0, leftOut };

  const newest = newestDay(chosen);
  const earliest = Date.parse(`${newest}T00:00:00Z`) - COMPARABLE_DAYS * DAY_MS;
  const compared = chosen.filter((figure) => {
    const recent = Date.parse(`${figure.day}T00:00:00Z`) >= earliest;
    if (!recent) leftOut.push({ figure, reason: "older" });
    return recent;
  });
  if (compared.length < 2) return { shown: false, compared: compared.length, leftOut };

  compared.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const highest = compared[0] as ComparedFigure;
  const lowest = compared[compared.length - 1] as ComparedFigure;
  const days = compared.map((f) => f.day).sort();
  return {
    shown: true,
    metric: lower<Metric>(highest.point.metric),
    rate: lower<Rate>(highest.point.rate),
    subjectEntity: highest.point.subjectEntity as string,
    from: days[0] as string,
    to: days[days.length - 1] as string,
    highest,
    lowest,
    ratio: lowest.value > 0 ? highest.value / lowest.value : null,
    compared,
    leftOut,
  };
}

/** Why a figure was left out of the spread, in words. */
export const LEFT_OUT_REASONS: Record<LeftOutReason, string> = {
  unattributed: "no named source",
  vague: "a vague amount",
  additional: "an increment on an earlier figure",
  "no-value": "no number",
  undated: "no date precise enough to compare",
  "no-subject": "whose forces are counted is not known",
  "other-group": "another metric, rate or forces than the figures compared",
  older: `more than ${COMPARABLE_DAYS} days older than the newest compared figure`,
};
