"use client";

import { formatDay } from "@headcount/shared";
import { useRouter } from "next/navigation";
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { EntityRef } from "../lib/entity-fields";
import { type PackedPlot, type PackedSeries, unpackPlot } from "../lib/plot";
import { formatCompact, formatDate, formatValue } from "../lib/vocabulary";
import { ClaimHoverCard } from "./ClaimHoverCard";
import { type ChartSeries, DAY, drawMarks, hitsAt, type MarkBox, xRange, yRange } from "./chart-marks";
import { MarkPicker } from "./MarkPicker";

/** The series of `packSeries`'s output with their names. */
function unpackSeries(series: PackedSeries, entities: EntityRef[]): ChartSeries[] {
  return series.colours.map((colour, i) => {
    const name = series.names[i];
    return { colour, label: typeof name === "number" ? (entities[name]?.name ?? "") : (name ?? "") };
  });
}

interface Props {
  series: PackedSeries;
  /** The entities the series' names refer to. */
  entities: EntityRef[];
  /** The claims in drawing order, packed for the trip from the server. */
  packed: PackedPlot;
  scale: "linear" | "log";
  /** Announced to screen readers; the table under the chart carries the same claims. */
  summary: string;
  /** What the y-axis counts ("Deployed", "Killed per day"): one metric and rate per axis. */
  measure: string;
}

export function OverviewChart({ series: packedSeries, entities, packed, scale, summary, measure }: Props) {
  // Unpacked in the browser only: the server renders the chart's empty frame (the canvas is drawn after
  // hydration), so it need not turn ten thousand claims back into objects for nothing.
  const points = useMemo(() => (typeof document === "undefined" ? [] : unpackPlot(packed)), [packed]);
  const series = useMemo(() => unpackSeries(packedSeries, entities), [packedSeries, entities]);
  const router = useRouter();
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const boxes = useRef<MarkBox[]>([]);
  const activeRef = useRef(-1);
  const [active, setActive] = useState(-1);
  const [anchor, setAnchor] = useState<{ left: number; top: number; cx: number; cy: number } | null>(null);
  /** How many marks lie under the pointer with the active one. */
  const [stacked, setStacked] = useState(1);
  /** Marks too close to tell apart, listed to choose from after a click. */
  const [picker, setPicker] = useState<{ indices: number[]; left: number; top: number } | null>(null);
  /** How many marks the canvas shows (-1 before the first draw): the chart answers the keys and the
   * pointer from then on. */
  const [drawn, setDrawn] = useState(-1);
  const log = scale === "log";

  const activePoint = active >= 0 ? points[active] : undefined;

  const place = useCallback((index: number) => {
    const u = plot.current;
    const box = boxes.current[index];
    if (!u || !box) {
      setAnchor(null);
      return;
    }
    const px = uPlot.pxRatio;
    setAnchor({ left: box.right / px, top: box.top / px, cx: box.cx / px, cy: box.cy / px });
  }, []);

  const select = useCallback(
    (index: number) => {
      activeRef.current = index;
      setActive(index);
      plot.current?.redraw(false, false);
      place(index);
    },
    [place],
  );

  const options = useMemo(() => {
    const [xMin, xMax] = xRange(points);
    const [yMin, yMax] = yRange(points, log);
    return { xMin, xMax, yMin, yMax };
  }, [points, log]);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const width = el.clientWidth || 800;
    const u = new uPlot(
      {
        width,
        height: 420,
        pxAlign: 0,
        legend: { show: false },
        cursor: { show: false, drag: { x: false, y: false } },
        select: { show: false, left: 0, top: 0, width: 0, height: 0 },
        scales: {
          x: { time: true, auto: false, range: [options.xMin, options.xMax] },
          y: log
            ? { distr: 3, log: 10, auto: false, range: [options.yMin, options.yMax] }
            : { auto: false, range: [options.yMin, options.yMax] },
        },
        axes: [
          {
            stroke: "#1c2430",
            grid: { stroke: "#e5e7eb" },
            ticks: { stroke: "#9ca3af" },
            // The dashboard's one date format, as precise as the tick spacing: "31 October 2024",
            // "October 2024" or "2024".
            // A phone's narrow plot still gets month labels ("January 2025", "July 2025"), not a lone year.
            space: width < 600 ? 85 : 120,
            values: (_u, splits, _axis, _space, increment) =>
              splits.map((v) =>
                v === null
                  ? ""
                  : formatDay(v, increment >= 360 * DAY ? "year" : increment >= 28 * DAY ? "month" : "day"),
              ),
          },
          {
            stroke: "#1c2430",
            size: 56,
            label: measure,
            labelSize: 20,
            grid: { stroke: "#e5e7eb" },
            ticks: { stroke: "#9ca3af" },
            values: (_u, splits) => splits.map((v) => (v === null ? "" : formatCompact(v))),
          },
        ],
        series: [{}, { stroke: "transparent", paths: () => null, points: { show: false } }],
        hooks: {
          draw: [
            (self) => {
              drawMarks(self, points, series, boxes.current, activeRef.current);
              setDrawn(points.length);
            },
          ],
        },
      },
      [
        [options.xMin, options.xMax],
        [options.yMin, options.yMax],
      ],
      el,
    );
    plot.current = u;
    const observer = new ResizeObserver(() => {
      if (el.clientWidth > 0 && el.clientWidth !== u.width) u.setSize({ width: el.clientWidth, height: 420 });
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      u.destroy();
      plot.current = null;
    };
  }, [points, series, options, log, measure]);

  // A new set of points (filters changed) resets the selection.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the points change
  useEffect(() => {
    activeRef.current = -1;
    setActive(-1);
    setAnchor(null);
    setPicker(null);
  }, [points]);

  const canvasPosition = (event: { clientX: number; clientY: number }) => {
    const u = plot.current;
    if (!u) return null;
    const rect = u.over.getBoundingClientRect();
    const px = uPlot.pxRatio;
    return {
      x: (event.clientX - rect.left) * px + u.bbox.left,
      y: (event.clientY - rect.top) * px + u.bbox.top,
    };
  };

  const onPointerMove = (event: React.PointerEvent) => {
    const position = canvasPosition(event);
    if (!position) return;
    const hits = hitsAt(boxes.current, position.x, position.y, 8 * uPlot.pxRatio);
    const hit = hits[0] ?? -1;
    setStacked(Math.max(1, hits.length));
    if (hit !== activeRef.current) select(hit);
  };

  const onClick = (event: React.MouseEvent) => {
    const position = canvasPosition(event);
    const u = plot.current;
    if (!position || !u) return;
    const hits = hitsAt(boxes.current, position.x, position.y, 8 * uPlot.pxRatio);
    if (hits.length > 1) {
      const rect = u.over.getBoundingClientRect();
      const frame = container.current?.getBoundingClientRect();
      select(-1);
      setPicker({
        indices: hits,
        left: event.clientX - (frame?.left ?? rect.left) + 12,
        top: event.clientY - (frame?.top ?? rect.top) + 12,
      });
      return;
    }
    const point = points[hits[0] ?? -1];
    if (point) router.push(`/claims/${encodeURIComponent(point.claimId)}`);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (points.length === 0) return;
    const current = activeRef.current;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") {
      event.preventDefault();
      select(current < 0 ? 0 : Math.min(points.length - 1, current + 1));
    } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
      event.preventDefault();
      select(current < 0 ? 0 : Math.max(0, current - 1));
    } else if (event.key === "Home") {
      event.preventDefault();
      select(0);
    } else if (event.key === "End") {
      event.preventDefault();
      select(points.length - 1);
    } else if (event.key === "Enter" && activePoint) {
      event.preventDefault();
      router.push(`/claims/${encodeURIComponent(activePoint.claimId)}`);
    } else if (event.key === "Escape") {
      select(-1);
    }
  };

  const activeSeries = activePoint ? series[activePoint.series] : undefined;

  return (
    <div className="chart-frame">
      {/* biome-ignore lint/a11y/useSemanticElements: an interactive chart has no native element; arrows move between claims */}
      <div
        className="chart"
        role="group"
        aria-roledescription="chart"
        aria-label={`${summary} Arrow keys move between claims, Enter opens one.`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the chart is operable from the keyboard
        tabIndex={0}
        ref={container}
        onPointerMove={onPointerMove}
        onPointerLeave={() => select(-1)}
        onClick={onClick}
        onKeyDown={onKeyDown}
        data-testid="overview-chart"
        data-point-count={packed.ids.length}
        data-drawn={drawn}
        // Where the selected mark is (CSS pixels from the chart's corner), for tests that point at it.
        data-active-claim={activePoint?.claimId}
        data-active-x={anchor ? Math.round(anchor.cx) : undefined}
        data-active-y={anchor ? Math.round(anchor.cy) : undefined}
        data-active-stack={activePoint ? stacked : undefined}
      />
      <p className="sr-only" aria-live="polite">
        {activePoint && activeSeries
          ? `${activeSeries.label}: ${formatValue(activePoint)} ${measure.toLowerCase()}, ${formatDate(activePoint.date, activePoint.precision)}${activePoint.disputed ? ", disputed" : ""}.`
          : ""}
      </p>
      {picker && (
        <MarkPicker
          key={`${picker.left},${picker.top}`}
          indices={picker.indices}
          left={picker.left}
          top={picker.top}
          points={points}
          series={series}
          measure={measure}
          onClose={() => setPicker(null)}
        />
      )}
      {activePoint && activeSeries && anchor && !picker && (
        <ClaimHoverCard
          stacked={stacked}
          point={activePoint}
          seriesLabel={activeSeries.label}
          measure={measure}
          colour={activeSeries.colour}
          left={anchor.left}
          top={anchor.top}
        />
      )}
    </div>
  );
}
