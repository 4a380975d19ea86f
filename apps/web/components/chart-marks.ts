/**
 * The overview chart's drawing: the ranges of its axes, each claim's mark on the canvas, and which marks lie
 * under a position (hit testing).
 */
import uPlot from "uplot";
import { centreValue, type PlotPoint, type PlotSeries } from "../lib/plot";

/** What the chart needs of a series: its name and colour. */
export type ChartSeries = Pick<PlotSeries, "label" | "colour">;

export const DAY = 86_400;

/** Mark geometry in canvas pixels, kept for hit testing. */
export interface MarkBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
  cx: number;
  cy: number;
}

export function yRange(points: PlotPoint[], log: boolean): [number, number] {
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

export function xRange(points: PlotPoint[]): [number, number] {
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
export function drawMarks(
  u: uPlot,
  points: PlotPoint[],
  series: ChartSeries[],
  boxes: MarkBox[],
  active: number,
) {
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
export function hitsAt(boxes: MarkBox[], x: number, y: number, slop: number): number[] {
  const hits: { index: number; distance: number }[] = [];
  boxes.forEach((box, index) => {
    const dx = x < box.left ? box.left - x : x > box.right ? x - box.right : 0;
    const dy = y < box.top ? box.top - y : y > box.bottom ? y - box.bottom : 0;
    const distance = Math.hypot(dx, dy);
    if (distance <= slop) hits.push({ index, distance });
  });
  return hits.sort((a, b) => a.distance - b.distance || b.index - a.index).map((hit) => hit.index);
}
