"use client";

import type { Metric, ReviewStatus } from "@headcount/shared";
import { useMemo } from "react";
import type { PlotRow, PlotSeries } from "../lib/plot";
import type { Gql } from "../lib/vocabulary";
import { formatDate, formatValue, lower, METRIC_LABELS, STATUS_LABELS } from "../lib/vocabulary";

const metricLabel = (metric: Gql<Metric>) => METRIC_LABELS[lower<Metric>(metric)];

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** The rows as HTML: the same markup React would write, built as one string (see below). */
function rowsHtml(rows: PlotRow[], series: PlotSeries[]): string {
  const parts: string[] = [];
  for (const [
    claimId,
    date,
    precision,
    qualifier,
    low,
    high,
    best,
    index,
    reviewStatus,
    display,
    metric,
  ] of rows) {
    const line = series[index];
    const label = escapeHtml(line?.label ?? "");
    const status = lower<ReviewStatus>(reviewStatus);
    const href = escapeHtml(`/claims/${encodeURIComponent(claimId)}`);
    const value = escapeHtml(formatValue({ low, high, best, qualifier }));
    parts.push(
      `<tr data-claim-id="${escapeHtml(claimId)}">`,
      `<td>${escapeHtml(formatDate(date, precision))}</td>`,
      `<td class="num">${escapeHtml(display)}</td>`,
      `<td>${escapeHtml(metricLabel(metric))}</td>`,
      `<td><span class="swatch" style="background:${escapeHtml(line?.colour ?? "#000")}" aria-hidden="true"></span>${label}</td>`,
      `<td><span class="badge badge-${status}">${STATUS_LABELS[status]}</span></td>`,
      `<td><a href="${href}">Quote<span class="sr-only"> for ${value}, ${label}</span></a></td>`,
      "</tr>",
    );
  }
  return parts.join("");
}

/**
 * The accessible table behind the chart: one row per plotted claim, with its data-claim-id, oldest first.
 * The rows are written as one HTML string rather than as React elements: with tens of thousands of rows
 * that keeps the page's payload to the compact rows the chart already receives (instead of the element
 * tree of every cell, sent once more for the browser's React), and the browser hydrates one element
 * instead of every cell. Every text is escaped. Fixed column widths spare the browser from measuring every
 * cell to size the columns.
 */
export function PlottedClaimsTable({
  rows,
  series,
  groupNoun,
}: {
  rows: PlotRow[];
  series: PlotSeries[];
  groupNoun: "source" | "side";
}) {
  const html = useMemo(() => rowsHtml(rows, series), [rows, series]);
  return (
    <table className="data" data-testid="chart-table" style={{ tableLayout: "fixed" }}>
      <caption className="sr-only">One row per claim plotted in the chart above, oldest first.</caption>
      <colgroup>
        <col style={{ width: "16%" }} />
        <col style={{ width: "17%" }} />
        <col style={{ width: "13%" }} />
        <col style={{ width: "27%" }} />
        <col style={{ width: "13%" }} />
        <col style={{ width: "14%" }} />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">Said</th>
          <th scope="col">Value</th>
          <th scope="col">Metric</th>
          <th scope="col">{groupNoun === "side" ? "Side" : "Source"}</th>
          <th scope="col">Review</th>
          <th scope="col">Evidence</th>
        </tr>
      </thead>
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: built above from escaped text only */}
      <tbody dangerouslySetInnerHTML={{ __html: html }} />
    </table>
  );
}
