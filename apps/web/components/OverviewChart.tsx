"use client";

import { formatDay } from "@headcount/shared";
import { useRouter } from "next/navigation";
import { type KeyboardEvent, useCallback, useEffect, useMemo, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { EntityRef } from "../lib/entity-fields";
import {
  centreValue,
  type PackedPlot,
  type PackedSeries,
  type PlotPoint,
  type PlotSeries,
  unpackPlot,
} from "../lib/plot";
import { formatCompact, formatDate, formatValue } from "../lib/vocabulary";
import { ClaimHoverCard } from "./ClaimHoverCard";

/** What the chart needs of a series: its name and colour. */
type ChartSeries = Pick<PlotSeries, "label" | "colour">;

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

const DAY = 86_400;

/** Mark geometry in canvas pixels, kept for hit testing. */
interface MarkBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
  cx: number;
  cy: number;
}

function yRange(points: PlotPoint[], log: boolean): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const p of points) {
    for (const v of [p.low, p.high, p.best]) {
      if (v === null || (log && v <= 0)) continue;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  if (!Number.isFinite(min)) return log ? [1, 10] : [0, 10];
  if (log) return [10 ** Math.floor(Math.log10(min)), 10 ** Math.ceil(Math.log10(max * 1.5))];
  // Headroom above for the arrows of open bounds.
  return [0, max * 1.15 || 10];
}

function xRange(points: PlotPoint[]): [number, number] {
  if (points.length === 0) {
    const now = Date.now() / 1000;
    return [now - 365 * DAY, now];
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const p of points) {
    if (p.x0 < min) min = p.x0;
    if (p.x1 > max) max = p.x1;
  }
  const pad = Math.max((max - min) * 0.04, 7 * DAY);
  return [min - pad, max + pad];
}

function drawArrow(ctx: CanvasRenderingContext2D, x: number, from: number, to: number, head: number) {
  const dir = Math.sign(to - from);
  ctx.beginPath();
  ctx.moveTo(x, from);
  ctx.lineTo(x, to);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x, to);
  ctx.lineTo(x - head, to - dir * head * 1.4);
  ctx.lineTo(x + head, to - dir * head * 1.4);
  ctx.closePath();
  ctx.fill();
}

/**
 * Draws every claim as a mark whose shape says what the number is: a dot for a point value, a vertical bar
 * for a range, an arrow for an open bound, a hollow band for a vague amount; a horizontal span for a date
 * known only to the week, month or year; a dashed ring for a disputed claim.
 */
function drawMarks(u: uPlot, points: PlotPoint[], series: ChartSeries[], boxes: MarkBox[], active: number) {
  const ctx = u.ctx;
  const px = uPlot.pxRatio;
  const [yMin] = [u.scales.y?.min ?? 0];
  const { left, top, width, height } = u.bbox;
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, width, height);
  ctx.clip();
  const r = 3.5 * px;
  const arrow = 22 * px;
  boxes.length = 0;
  points.forEach((p, i) => {
    const colour = series[p.series]?.colour ?? "#000";
    ctx.strokeStyle = colour;
    ctx.fillStyle = colour;
    ctx.lineWidth = 1.5 * px;
    const x0 = u.valToPos(p.x0, "x", true);
    const x1 = u.valToPos(p.x1, "x", true);
    const cx = u.valToPos(p.x, "x", true);
    const value = centreValue(p);
    const yOf = (v: number) => u.valToPos(Math.max(v, yMin || v), "y", true);
    const cy = value === null ? top + height / 2 : yOf(value);
    const box: MarkBox = { left: cx - r, right: cx + r, top: cy - r, bottom: cy + r, cx, cy };
    const wide = p.x1 - p.x0 > DAY * 1.5;
    const q = p.qualifier;
    if (q === "VAGUE" && p.low !== null && p.high !== null) {
      const yTop = yOf(p.high);
      const yBottom = yOf(p.low);
      const bx0 = Math.min(x0, cx - 5 * px);
      const bx1 = Math.max(x1, cx + 5 * px);
      ctx.setLineDash([4 * px, 3 * px]);
      ctx.strokeRect(bx0, yTop, bx1 - bx0, yBottom - yTop);
      ctx.setLineDash([]);
      Object.assign(box, { left: bx0, right: bx1, top: yTop, bottom: yBottom, cy: (yTop + yBottom) / 2 });
    } else {
      if (wide) {
        // The date's precision: a horizontal span with end ticks across the week, month or year.
        ctx.beginPath();
        ctx.moveTo(x0, cy);
        ctx.lineTo(x1, cy);
        ctx.moveTo(x0, cy - 4 * px);
        ctx.lineTo(x0, cy + 4 * px);
        ctx.moveTo(x1, cy - 4 * px);
        ctx.lineTo(x1, cy + 4 * px);
        ctx.stroke();
        box.left = Math.min(box.left, x0);
        box.right = Math.max(box.right, x1);
      }
      if (q === "RANGE" && p.low !== null && p.high !== null) {
        const yTop = yOf(p.high);
        const yBottom = yOf(p.low);
        ctx.lineWidth = 3 * px;
        ctx.beginPath();
        ctx.moveTo(cx, yTop);
        ctx.lineTo(cx, yBottom);
        ctx.moveTo(cx - 5 * px, yTop);
        ctx.lineTo(cx + 5 * px, yTop);
        ctx.moveTo(cx - 5 * px, yBottom);
        ctx.lineTo(cx + 5 * px, yBottom);
        ctx.stroke();
        box.top = yTop;
        box.bottom = yBottom;
      } else if (q === "MORE_THAN" || q === "AT_LEAST") {
        drawArrow(ctx, cx, cy, cy - arrow, 4.5 * px);
        ctx.beginPath();
        ctx.moveTo(cx - 6 * px, cy);
        ctx.lineTo(cx + 6 * px, cy);
        ctx.stroke();
        box.top = cy - arrow;
      } else if (q === "UP_TO" || q === "AT_MOST") {
        drawArrow(ctx, cx, cy, cy + arrow, 4.5 * px);
        ctx.beginPath();
        ctx.moveTo(cx - 6 * px, cy);
        ctx.lineTo(cx + 6 * px, cy);
        ctx.stroke();
        box.bottom = cy + arrow;
      } else {
        ctx.beginPath();
        ctx.arc(cx, cy, r, 0, Math.PI * 2);
        ctx.fill();
        if (q === "APPROXIMATE") {
          // "About": a pale halo around the dot.
          ctx.globalAlpha = 0.35;
          ctx.beginPath();
          ctx.arc(cx, cy, r * 1.9, 0, Math.PI * 2);
          ctx.stroke();
          ctx.globalAlpha = 1;
        }
      }
    }
    if (p.disputed) {
      ctx.strokeStyle = "#b91c1c";
      ctx.lineWidth = 2 * px;
      ctx.setLineDash([3 * px, 2 * px]);
      ctx.beginPath();
      ctx.arc(box.cx, box.cy, 9 * px, 0, Math.PI * 2);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = "#b91c1c";
      ctx.font = `bold ${11 * px}px system-ui, sans-serif`;
      ctx.fillText("?", box.cx + 10 * px, box.cy - 8 * px);
    }
    if (i === active) {
      ctx.strokeStyle = "#111827";
      ctx.lineWidth = 2 * px;
      ctx.strokeRect(
        box.left - 4 * px,
        box.top - 4 * px,
        box.right - box.left + 8 * px,
        box.bottom - box.top + 8 * px,
      );
    }
    boxes.push(box);
  });
  ctx.restore();
}

/**
 * Every mark within a few pixels of a canvas position, nearest first (ties: drawn later first, as it lies on
 * top): marks that overlap all stay reachable.
 */
function hitsAt(boxes: MarkBox[], x: number, y: number, slop: number): number[] {
  const hits: { index: number; distance: number }[] = [];
  boxes.forEach((box, index) => {
    const dx = x < box.left ? box.left - x : x > box.right ? x - box.right : 0;
    const dy = y < box.top ? box.top - y : y > box.bottom ? y - box.bottom : 0;
    const distance = Math.hypot(dx, dy);
    if (distance <= slop) hits.push({ index, distance });
  });
  return hits.sort((a, b) => a.distance - b.distance || b.index - a.index).map((hit) => hit.index);
}

export function OverviewChart({ series: packedSeries, entities, packed, scale, summary, measure }: Props) {
  const points = useMemo(() => unpackPlot(packed), [packed]);
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
  const log = scale === "log";

  const activePoint = active >= 0 ? points[active] : undefined;
  const pickerRef = useRef<HTMLDivElement>(null);
  // The list takes the focus so the keyboard can go on from the click.
  useEffect(() => {
    if (picker) pickerRef.current?.querySelector("a")?.focus();
  }, [picker]);

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
          draw: [(self) => drawMarks(self, points, series, boxes.current, activeRef.current)],
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
        data-point-count={points.length}
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
        <div
          ref={pickerRef}
          className="mark-picker"
          role="dialog"
          aria-label={`${picker.indices.length} claims at this point`}
          data-testid="mark-picker"
          style={{ left: picker.left, top: picker.top }}
          onKeyDown={(event) => {
            if (event.key === "Escape") setPicker(null);
          }}
        >
          <p className="mark-picker-title">{picker.indices.length} claims at this point: choose one</p>
          <ul>
            {picker.indices.map((index) => {
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
          <button type="button" onClick={() => setPicker(null)}>
            Close
          </button>
        </div>
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
