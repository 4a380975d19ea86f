import type { Metadata } from "next";
import Link from "next/link";
import { ApiErrorNotice } from "../components/ApiErrorNotice";
import { ClaimFilterForm } from "../components/ClaimFilterForm";
import { type LatestFigure, LatestFigureList } from "../components/LatestFigureList";
import { LiveRefresh } from "../components/LiveRefresh";
import { MarkLegend } from "../components/MarkLegend";
import { OverviewChart } from "../components/OverviewChart";
import { PlottedClaimsTable } from "../components/PlottedClaimsTable";
import {
  claimFilterInput,
  claimViewQuery,
  DEFAULT_MAX_POINTS,
  MAX_POINTS,
  parseClaimView,
} from "../lib/claim-filter";
import { centreValue, plotRows } from "../lib/plot";
import { fetchFilterOptions, fetchOverview, type SeriesData } from "../lib/queries";
import { formatDate } from "../lib/vocabulary";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Overview" };

/** The newest dated claim of each source (the API sends one per source, over all matching claims). */
function latestFigures(series: SeriesData[]): LatestFigure[] {
  return series.flatMap((s) => {
    const dated = s.points.filter((p) => p.date !== null);
    const latest = dated.reduce<(typeof dated)[number] | undefined>(
      (acc, p) => (!acc || (p.date ?? "") >= (acc.date ?? "") ? p : acc),
      undefined,
    );
    return latest ? [{ label: s.label, point: latest }] : [];
  });
}

const count = (n: number) => n.toLocaleString("en-US");

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const view = parseClaimView(await searchParams);
  const filter = claimFilterInput(view);
  try {
    const [overview, options] = await Promise.all([
      fetchOverview(filter, view.groupBy === "side" ? "AFFILIATION" : "SOURCE", view.points),
      fetchFilterOptions(),
    ]);
    const { series } = overview;
    const { plotSeries, rows, undated } = plotRows(series);
    const returned = series.reduce((sum, s) => sum + s.points.length, 0);
    // The window's oldest day (rows are in drawing order, by the middle of their date's period).
    const oldest = rows.reduce<string | null>((min, [, date]) => (!min || date < min ? date : min), null);
    const figures = latestFigures(overview.latestBySource).sort(
      (a, b) => (centreValue(b.point) ?? 0) - (centreValue(a.point) ?? 0),
    );
    // Rates ("1,200 a day") and percentages are not head counts: they stay out of the spread.
    const centres = figures.flatMap((f) => {
      const value = centreValue(f.point);
      const comparable = f.point.qualifier !== "VAGUE" && f.point.rate === "TOTAL";
      return value === null || !comparable ? [] : [{ value, figure: f }];
    });
    const highest = centres[0];
    const lowest = centres[centres.length - 1];
    const groupNoun = view.groupBy === "side" ? "side" : "source";
    const groups = `${plotSeries.length} ${groupNoun}${plotSeries.length === 1 ? "" : "s"}`;
    const summary = overview.truncated
      ? `The newest ${count(rows.length)} of ${count(overview.totalPoints)} matching claims, from ${groups}, plotted by the date they were made.`
      : `${rows.length} claims from ${groups}, plotted by the date they were made.`;
    // The claims table lists every matching claim, page by page (it has no cap to carry over).
    const allClaims = `/claims${claimViewQuery({ ...view, points: DEFAULT_MAX_POINTS })}`;

    return (
      <>
        <div className="page-head">
          <h1>Reported numbers over time</h1>
          <LiveRefresh />
        </div>
        <ClaimFilterForm key={claimViewQuery(view)} view={view} options={options} chartControls />
        <div className="overview">
          <section className="chart-panel" aria-labelledby="chart-title">
            <h2 id="chart-title" className="sr-only">
              Chart
            </h2>
            <p className="muted chart-caption">
              {summary} y: the number ({view.scale === "log" ? "logarithmic" : "linear"} scale); colour: the{" "}
              {groupNoun}. Rejected and deleted claims are not plotted.
              {undated > 0 && ` ${undated} undated claim${undated === 1 ? " is" : "s are"} left out.`}
            </p>
            {overview.truncated && (
              <p className="notice" role="note" data-testid="truncation-notice">
                <strong>
                  The chart shows the newest {count(returned)} of {count(overview.totalPoints)} matching
                  claims
                </strong>
                {oldest ? `, dated ${formatDate(oldest, "DAY")} or later` : ""}. To see older claims, narrow
                the dates (“Said from”, “Said until”) or the other filters
                {view.points < MAX_POINTS
                  ? `, or plot more of them (“Claims plotted”, up to ${count(MAX_POINTS)}; slower)`
                  : ""}
                . The <Link href={allClaims}>claims table</Link> lists all {count(overview.totalPoints)}.
              </p>
            )}
            {rows.length === 0 ? (
              <p className="empty">No claim matches these filters.</p>
            ) : (
              <OverviewChart series={plotSeries} rows={rows} scale={view.scale} summary={summary} />
            )}
            <ul className="series-legend" aria-label={`Colours: one per ${groupNoun}`}>
              {plotSeries.map((s, i) => (
                <li key={s.key}>
                  <span className="swatch" style={{ background: s.colour }} aria-hidden="true" />
                  {s.label} <span className="muted">({series[i]?.points.length ?? 0})</span>
                </li>
              ))}
            </ul>
            <MarkLegend />
          </section>
          <aside className="side-panel" aria-labelledby="latest-title">
            <h2 id="latest-title">Latest figure from each source</h2>
            {overview.truncated && figures.length > 0 && (
              <p className="muted">
                Among all {count(overview.totalPoints)} matching claims, plotted or not.
              </p>
            )}
            <LatestFigureList figures={figures} />
            <h2>Spread between sources</h2>
            {highest && lowest && centres.length > 1 ? (
              <p className="spread">
                <strong>{highest.value.toLocaleString("en-US")}</strong> ({highest.figure.label}) vs{" "}
                <strong>{lowest.value.toLocaleString("en-US")}</strong> ({lowest.figure.label})
                {lowest.value > 0 && (
                  <>
                    : the highest latest figure is{" "}
                    <strong>
                      {(highest.value / lowest.value).toLocaleString("en-US", { maximumFractionDigits: 1 })}×
                    </strong>{" "}
                    the lowest.
                  </>
                )}
                <span className="muted">
                  {" "}
                  Compares each source’s latest figure (best value, else its stated bound), totals only (rates
                  and vague amounts left out), across metrics when several are selected.
                </span>
              </p>
            ) : (
              <p className="muted">Needs figures from two sources.</p>
            )}
          </aside>
        </div>
        {/* Laid out only when scrolled to: tens of thousands of rows cost the browser seconds of layout,
            which would otherwise come before the chart is drawn. The rows stay in the document and in the
            accessibility tree. */}
        <section
          aria-labelledby="table-title"
          className="chart-table"
          style={{ contentVisibility: "auto", containIntrinsicSize: `auto ${40 + rows.length * 38}px` }}
        >
          <h2 id="table-title">The plotted claims</h2>
          <PlottedClaimsTable rows={rows} series={plotSeries} groupNoun={groupNoun} />
        </section>
      </>
    );
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
}
