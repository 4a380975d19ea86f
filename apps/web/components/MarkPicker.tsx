"use client";

import { useEffect, useRef } from "react";
import type { PlotPoint } from "../lib/plot";
import { formatDate, formatValue } from "../lib/vocabulary";
import type { ChartSeries } from "./chart-marks";

/** Marks drawn on top of each other, listed after a click on them: each a link to its claim. */
export function MarkPicker({
  indices,
  left,
  top,
  points,
  series,
  measure,
  onClose,
}: {
  /** The claims under the click, nearest first (indices into `points`). */
  indices: number[];
  left: number;
  top: number;
  points: PlotPoint[];
  series: ChartSeries[];
  measure: string;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  // The list takes the focus so the keyboard can go on from the click.
  useEffect(() => {
    ref.current?.querySelector("a")?.focus();
  }, []);
  return (
    <div
      ref={ref}
      className="mark-picker"
      role="dialog"
      aria-label={`${indices.length} claims at this point`}
      data-testid="mark-picker"
      style={{ left, top }}
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
    >
      <p className="mark-picker-title">{indices.length} claims at this point: choose one</p>
      <ul>
        {indices.map((index) => {
          const point = points[index];
          const line = point ? series[point.series] : undefined;
          if (!point) return null;
          return (
            <li key={point.claimId}>
              <a href={`/claims/${encodeURIComponent(point.claimId)}`} data-claim-id={point.claimId}>
                <span className="swatch" style={{ background: line?.colour }} aria-hidden="true" />
                {formatValue(point)} {measure.toLowerCase()} — {line?.label},{" "}
                {formatDate(point.date, point.precision)}
              </a>
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
