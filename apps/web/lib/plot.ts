import {
  type Metric,
  type Precision,
  precisionInterval,
  type Qualifier,
  type ReviewStatus,
} from "@headcount/shared";
import type { ClaimPointData, SeriesData } from "./queries";
import { type Gql, lower } from "./vocabulary";

/**
 * Hues far apart from each other (a unit test keeps every pair apart), each at ≥ 3:1 on white and on the
 * dark theme's panel (marks are graphics); shapes and labels carry meaning too.
 */
export const SERIES_COLOURS = [
  "#2563eb",
  "#c2410c",
  "#047857",
  "#c026d3",
  "#a16207",
  "#e11d48",
  "#7c3aed",
  "#0891b2",
];

/** Claims with no source (or no side) are not an entity: they get a colour no entity gets. */
export const NO_ENTITY_COLOUR = "#6b7280";

/** The API's keys of the series that stand for no entity. */
const NO_ENTITY_KEYS = new Set(["unattributed", "unaffiliated", "unknown-outlet", "unknown"]);

/** FNV-1a: a short, stable hash of a series key. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** The number inside a global ID ("RW50aXR5OjEy" is Entity:12), for ordering entities by age. */
function entityNumber(key: string): number {
  try {
    const id = Number(atob(key).split(":")[1]);
    return Number.isInteger(id) ? id : Number.MAX_SAFE_INTEGER;
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * A colour per series, derived from what the series stands for (its key: the entity's global ID), never
 * from its rank or from the other series in view, so a source keeps its colour when filters change or new
 * claims arrive. Colours are dealt over every known entity of the kind (`universe`: all sources, or all
 * sides), oldest entity first: each takes the colour its key hashes to unless fewer entities hold
 * another one, so neighbours rarely share a colour and a new entity never moves an older one's. A key
 * outside the universe keeps the colour its key hashes to. Keys that stand for no entity get grey.
 */
export function seriesColours(keys: string[], universe: string[] = keys): Map<string, string> {
  const dealt = new Map<string, number>();
  const holders = SERIES_COLOURS.map(() => 0);
  const ordered = [...new Set(universe)]
    .filter((key) => !NO_ENTITY_KEYS.has(key))
    .sort((a, b) => entityNumber(a) - entityNumber(b) || a.localeCompare(b));
  for (const key of ordered) {
    const preferred = hashKey(key) % SERIES_COLOURS.length;
    let slot = preferred;
    for (let step = 1; step < SERIES_COLOURS.length; step++) {
      const candidate = (preferred + step) % SERIES_COLOURS.length;
      if ((holders[candidate] ?? 0) < (holders[slot] ?? 0)) slot = candidate;
    }
    holders[slot] = (holders[slot] ?? 0) + 1;
    dealt.set(key, slot);
  }
  const colours = new Map<string, string>();
  for (const key of keys) {
    if (NO_ENTITY_KEYS.has(key)) colours.set(key, NO_ENTITY_COLOUR);
    else colours.set(key, SERIES_COLOURS[dealt.get(key) ?? hashKey(key) % SERIES_COLOURS.length] as string);
  }
  return colours;
}

export interface PlotSeries {
  key: string;
  label: string;
  colour: string;
}

/**
 * One plotted claim as the page hands it to the browser: [claim id, date, precision, qualifier, low, high,
 * best, series index, review status, the value in words, metric]. A tuple, because the overview plots up
 * to 50,000 claims: the chart and the table below it share these rows, sent once.
 */
export type PlotRow = [
  string,
  string,
  Gql<Precision>,
  Gql<Qualifier>,
  number | null,
  number | null,
  number | null,
  number,
  Gql<ReviewStatus>,
  string,
  Gql<Metric>,
];

/** One drawable claim: its date as an interval (its precision), and its bounds. */
export interface PlotPoint extends Omit<ClaimPointData, "display" | "rate" | "reviewStatus"> {
  /** The value in words, as the API wrote it ("as many as 8,000", "1,200 a day"). */
  display: string;
  series: number;
  /** Seconds since the epoch: the start and end of the period the date stands for, and its middle. */
  x0: number;
  x1: number;
  x: number;
  disputed: boolean;
}

function interval(date: string, precision: Gql<Precision>): { x0: number; x1: number; x: number } {
  const { start, end } = precisionInterval(new Date(`${date}T00:00:00Z`), lower<Precision>(precision));
  const x0 = start.getTime() / 1000;
  const x1 = end.getTime() / 1000;
  return { x0, x1, x: (x0 + x1) / 2 };
}

/**
 * The series (one colour each, dealt over `universe`, every known entity of the series' kind) and the
 * dated claims, in drawing order (by the middle of their date).
 */
export function plotRows(
  series: SeriesData[],
  universe: string[] = series.map((s) => s.key),
): {
  plotSeries: PlotSeries[];
  rows: PlotRow[];
  undated: number;
} {
  const plotSeries: PlotSeries[] = [];
  const rows: { row: PlotRow; x: number }[] = [];
  let undated = 0;
  const colours = seriesColours(
    series.map((s) => s.key),
    universe,
  );
  series.forEach((s, index) => {
    plotSeries.push({ key: s.key, label: s.label, colour: colours.get(s.key) ?? NO_ENTITY_COLOUR });
    for (const p of s.points) {
      if (!p.date) {
        undated++;
        continue;
      }
      rows.push({
        row: [
          p.claimId,
          p.date,
          p.precision,
          p.qualifier,
          p.low,
          p.high,
          p.best,
          index,
          p.reviewStatus,
          p.display,
          p.metric,
        ],
        x: interval(p.date, p.precision).x,
      });
    }
  });
  rows.sort((a, b) => a.x - b.x || a.row[7] - b.row[7]);
  return { plotSeries, rows: rows.map(({ row }) => row), undated };
}

/** A row as the chart draws it. */
export function plotPoint(row: PlotRow): PlotPoint {
  const [claimId, date, precision, qualifier, low, high, best, series, reviewStatus, display, metric] = row;
  return {
    claimId,
    display,
    metric,
    date,
    precision,
    qualifier,
    low,
    high,
    best,
    series,
    ...interval(date, precision),
    disputed: reviewStatus === "DISPUTED",
  };
}

/** The value a mark is centred on: the best figure, else the bound the claim gives. */
export function centreValue(point: Pick<ClaimPointData, "best" | "low" | "high">): number | null {
  return point.best ?? point.low ?? point.high;
}
