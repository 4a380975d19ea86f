import Link from "next/link";
import type { EntityRef } from "../lib/entity-fields";
import { type PlotRow, type PlotSeries, packPlot, packSeries, plotRows } from "../lib/plot";
import type { OverviewSeries } from "../lib/queries";
import { formatDate } from "../lib/vocabulary";
import { ApiErrorNotice } from "./ApiErrorNotice";
import { OverviewChart } from "./OverviewChart";
import { PlottedClaimsTable, tablePage } from "./PlottedClaimsTable";

/**
 * The overview's window of plotted claims, shaped once for the parts of the page that show it (the chart,
 * its legend, the table under it). The page streams these parts: they arrive
 * after the heading, the filters and the latest figures have been painted.
 */
export interface PlottedWindow {
  plotSeries: PlotSeries[];
  /** The dated claims, in drawing order. */
  rows: PlotRow[];
  undated: number;
  /** How many claims each series has in the window. */
  counts: number[];
  /** The window's oldest day (by the middle of each claim's date period), or null when it holds none. */
  oldest: string | null;
}

export function plottedWindow(series: OverviewSeries["series"], universe: string[]): PlottedWindow {
  const { plotSeries, rows, undated } = plotRows(series, universe);
  const oldest = rows.reduce<string | null>((min, [, date]) => (!min || date < min ? date : min), null);
  return { plotSeries, rows, undated, counts: series.map((s) => s.points.length), oldest };
}

const count = (n: number) => n.toLocaleString("en-US");

/** Series named in the legend unless the URL asks for all: those with the most plotted claims. */
const LEGEND_SHOWN = 12;

/** Shown where the chart will be while its claims are on their way. */
export function ChartLoading({ expected }: { expected: number }) {
  return (
    <div className="chart-frame">
      <div className="chart chart-loading" role="status" aria-busy="true" data-testid="chart-loading">
        <span>Loading the chart: {count(expected)} claims…</span>
      </div>
    </div>
  );
}

/** The chart, the sources it shows and their colours, once the window has arrived. */
export async function WindowChart({
  plotted: pending,
  entities,
  scale,
  measure,
  summary,
  groupNoun,
  allSources,
  allSourcesHref,
}: {
  plotted: Promise<PlottedWindow>;
  entities: EntityRef[];
  scale: "linear" | "log";
  measure: string;
  /** The caption's first sentence, which the chart's accessible name repeats. */
  summary: string;
  groupNoun: "source" | "side";
  allSources: boolean;
  allSourcesHref: string;
}) {
  let plotted: PlottedWindow;
  try {
    plotted = await pending;
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
  const { plotSeries, rows, undated, counts, oldest } = plotted;
  const counted = plotSeries
    .map((s, i) => ({ ...s, count: counts[i] ?? 0 }))
    .filter((s) => s.count > 0)
    .sort((a, b) => b.count - a.count);
  const legend = allSources ? counted : counted.slice(0, LEGEND_SHOWN);
  const groups = `${count(plotSeries.length)} ${groupNoun}${plotSeries.length === 1 ? "" : "s"}`;
  const left =
    undated > 0 ? ` ${count(undated)} undated claim${undated === 1 ? " is" : "s are"} left out.` : "";
  return (
    <>
      {rows.length === 0 ? (
        <div className="empty">
          <p>
            No dated {measure.toLowerCase()} claim matches these filters.{left}
          </p>
        </div>
      ) : (
        <OverviewChart
          series={packSeries(plotSeries, entities)}
          entities={entities}
          packed={packPlot(rows)}
          scale={scale}
          summary={`${summary} ${count(rows.length)} plotted, from ${groups}.`}
          measure={measure}
        />
      )}
      <p className="muted chart-window" data-testid="chart-window">
        {count(rows.length)} claim{rows.length === 1 ? "" : "s"} plotted, from {groups}
        {oldest ? `, dated ${formatDate(oldest, "DAY")} or later` : ""}.{left}
      </p>
      <ul className="series-legend" aria-label={`Colours: one per ${groupNoun}`}>
        {legend.map((s) => (
          <li key={s.key}>
            <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
            {s.label} <span className="muted">({count(s.count)})</span>
          </li>
        ))}
      </ul>
      {legend.length < counted.length && (
        <p className="muted">
          Those with the most claims plotted;{" "}
          <Link href={allSourcesHref} prefetch={false} data-testid="legend-all">
            all {count(counted.length)} {groupNoun}s
          </Link>
          .
        </p>
      )}
    </>
  );
}

/** The table of the plotted claims, a page at a time. */
export async function WindowTable({
  plotted: pending,
  groupNoun,
  requestedPage,
  pageHref,
}: {
  plotted: Promise<PlottedWindow>;
  groupNoun: "source" | "side";
  requestedPage: string | string[] | undefined;
  pageHref: (page: number) => string;
}) {
  let plotted: PlottedWindow;
  try {
    plotted = await pending;
  } catch {
    // The chart's place says what went wrong.
    return null;
  }
  const { page } = tablePage(requestedPage, plotted.rows.length);
  return (
    <PlottedClaimsTable
      rows={plotted.rows}
      series={plotted.plotSeries}
      groupNoun={groupNoun}
      page={page}
      pageHref={pageHref}
    />
  );
}
