import { type Precision, precisionInterval } from "@headcount/shared";
import type { ClaimPointData, SeriesData } from "./queries";
import { lower } from "./vocabulary";

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

/** One drawable claim: its date as an interval (its precision), and its bounds. */
export interface PlotPoint extends ClaimPointData {
  series: number;
  /** Seconds since the epoch: the start and end of the period the date stands for, and its middle. */
  x0: number;
  x1: number;
  x: number;
  disputed: boolean;
}

export function plotPoints(
  series: SeriesData[],
  disputed: Set<string>,
): { plotSeries: PlotSeries[]; points: PlotPoint[]; undated: number } {
  const plotSeries: PlotSeries[] = [];
  const points: PlotPoint[] = [];
  let undated = 0;
  series.forEach((s, index) => {
    plotSeries.push({
      key: s.key,
      label: s.label,
      colour: SERIES_COLOURS[index % SERIES_COLOURS.length] ?? "#000",
    });
    for (const point of s.points) {
      if (!point.date) {
        undated++;
        continue;
      }
      const { start, end } = precisionInterval(
        new Date(`${point.date}T00:00:00Z`),
        lower<Precision>(point.precision),
      );
      const x0 = start.getTime() / 1000;
      const x1 = end.getTime() / 1000;
      points.push({
        ...point,
        series: index,
        x0,
        x1,
        x: (x0 + x1) / 2,
        disputed: disputed.has(point.claimId),
      });
    }
  });
  points.sort((a, b) => a.x - b.x || a.series - b.series);
  return { plotSeries, points, undated };
}

/** The value a mark is centred on: the best figure, else the bound the claim gives. */
export function centreValue(point: ClaimPointData): number | null {
  return point.best ?? point.low ?? point.high;
}
