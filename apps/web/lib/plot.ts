import { type Precision, precisionInterval, type Qualifier, type ReviewStatus } from "@headcount/shared";
import type { ClaimPointData, SeriesData } from "./queries";
import { type Gql, lower } from "./vocabulary";

/** Distinct on white at ≥ 3:1 (marks are graphics); shapes and labels carry meaning too. */
export const SERIES_COLOURS = [
  "#0a5ea8",
  "#c2410c",
  "#047857",
  "#a21caf",
  "#8a6d00",
  "#0e7490",
  "#be123c",
  "#4b5563",
  "#6d28d9",
  "#15803d",
];

export interface PlotSeries {
  key: string;
  label: string;
  colour: string;
}

/**
 * One plotted claim as the page hands it to the browser: [claim id, date, precision, qualifier, low, high,
 * best, series index, review status, the value in words]. A tuple, because the overview plots up to
 * 50,000 claims: the chart and the table below it share these rows, sent once.
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
];

/** One drawable claim: its date as an interval (its precision), and its bounds. */
export interface PlotPoint extends Omit<ClaimPointData, "display" | "rate" | "reviewStatus"> {
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

/** The series (one colour each) and the dated claims, in drawing order (by the middle of their date). */
export function plotRows(series: SeriesData[]): {
  plotSeries: PlotSeries[];
  rows: PlotRow[];
  undated: number;
} {
  const plotSeries: PlotSeries[] = [];
  const rows: { row: PlotRow; x: number }[] = [];
  let undated = 0;
  series.forEach((s, index) => {
    plotSeries.push({
      key: s.key,
      label: s.label,
      colour: SERIES_COLOURS[index % SERIES_COLOURS.length] ?? "#000",
    });
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
  const [claimId, date, precision, qualifier, low, high, best, series, reviewStatus] = row;
  return {
    claimId,
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
