import type { Metadata } from "next";
import Link from "next/link";
import { ApiErrorNotice } from "../components/ApiErrorNotice";
import { ClaimFilterForm } from "../components/ClaimFilterForm";
import { LiveRefresh } from "../components/LiveRefresh";
import { MarkLegend } from "../components/MarkLegend";
import { OverviewChart } from "../components/OverviewChart";
import { ReviewBadge } from "../components/ReviewBadge";
import { claimFilterInput, claimViewQuery, parseClaimView } from "../lib/claim-filter";
import { centreValue, plotPoints } from "../lib/plot";
import {
  type ClaimSummary,
  fetchClaimIds,
  fetchClaimSummaries,
  fetchFilterOptions,
  fetchSeries,
  type SeriesData,
} from "../lib/queries";
import { formatDate, formatValue } from "../lib/vocabulary";

export const dynamic = "force-dynamic";

const SUMMARY_LIMIT = 2_000;
export const metadata: Metadata = { title: "Overview" };

interface LatestFigure {
  label: string;
  entityId: string | null;
  point: SeriesData["points"][number];
  summary: ClaimSummary | undefined;
}

/** The newest dated claim of each source. */
function latestFigures(series: SeriesData[]): Omit<LatestFigure, "summary">[] {
  return series.flatMap((s) => {
    const dated = s.points.filter((p) => p.date !== null);
    const latest = dated.reduce<(typeof dated)[number] | undefined>(
      (acc, p) => (!acc || (p.date ?? "") >= (acc.date ?? "") ? p : acc),
      undefined,
    );
    return latest ? [{ label: s.label, entityId: s.entity?.id ?? null, point: latest }] : [];
  });
}

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const view = parseClaimView(await searchParams);
  const filter = claimFilterInput(view);
  try {
    const [series, sourceSeries, disputed, options] = await Promise.all([
      fetchSeries(filter, view.groupBy === "side" ? "AFFILIATION" : "SOURCE"),
      view.groupBy === "side" ? fetchSeries(filter, "SOURCE") : null,
      view.statuses.includes("disputed")
        ? fetchClaimIds({ ...filter, reviewStatus: ["DISPUTED"] })
        : Promise.resolve(new Set<string>()),
      fetchFilterOptions(),
    ]);
    const { plotSeries, points, undated } = plotPoints(series, disputed);
    const latest = latestFigures(sourceSeries ?? series);
    // The words of each claim ("thousands", "1,200 a day") and its review status, for the table and the
    // side panel; past a few thousand points the table falls back to the bounds the series carry.
    const tableIds = points.length <= SUMMARY_LIMIT ? points.map((p) => p.claimId) : [];
    const summaries = await fetchClaimSummaries([
      ...new Set([...tableIds, ...latest.map((l) => l.point.claimId)]),
    ]);
    const figures: LatestFigure[] = latest
      .map((l) => ({ ...l, summary: summaries.get(l.point.claimId) }))
      .sort((a, b) => (centreValue(b.point) ?? 0) - (centreValue(a.point) ?? 0));
    // Rates ("1,200 a day") and percentages are not head counts: they stay out of the spread.
    const centres = figures.flatMap((f) => {
      const value = centreValue(f.point);
      const comparable = f.point.qualifier !== "VAGUE" && (!f.summary || f.summary.rate === "TOTAL");
      return value === null || !comparable ? [] : [{ value, figure: f }];
    });
    const highest = centres[0];
    const lowest = centres[centres.length - 1];
    const groupNoun = view.groupBy === "side" ? "side" : "source";
    const summary = `${points.length} claims from ${plotSeries.length} ${groupNoun === "side" ? "sides" : "sources"}, plotted by the date they were made.`;

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
            {points.length === 0 ? (
              <p className="empty">No claim matches these filters.</p>
            ) : (
              <OverviewChart series={plotSeries} points={points} scale={view.scale} summary={summary} />
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
            {figures.length === 0 ? (
              <p className="muted">None.</p>
            ) : (
              <ol className="latest">
                {figures.map((f) => (
                  <li key={f.point.claimId}>
                    <span className="latest-source">{f.label}</span>
                    <Link href={`/claims/${encodeURIComponent(f.point.claimId)}`} className="latest-value">
                      {f.summary?.display ?? formatValue(f.point)}
                    </Link>
                    <span className="muted latest-date">{formatDate(f.point.date, f.point.precision)}</span>
                  </li>
                ))}
              </ol>
            )}
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
        <section aria-labelledby="table-title" className="chart-table">
          <h2 id="table-title">The plotted claims</h2>
          <table className="data" data-testid="chart-table">
            <caption className="sr-only">One row per claim plotted in the chart above, oldest first.</caption>
            <thead>
              <tr>
                <th scope="col">Said</th>
                <th scope="col">Value</th>
                <th scope="col">{groupNoun === "side" ? "Side" : "Source"}</th>
                <th scope="col">Review</th>
                <th scope="col">Evidence</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.claimId} data-claim-id={p.claimId}>
                  <td>{formatDate(p.date, p.precision)}</td>
                  <td className="num">{summaries.get(p.claimId)?.display ?? formatValue(p)}</td>
                  <td>
                    <span
                      className="swatch"
                      style={{ background: plotSeries[p.series]?.colour }}
                      aria-hidden="true"
                    />
                    {plotSeries[p.series]?.label}
                  </td>
                  <td>
                    {summaries.get(p.claimId) ? (
                      <ReviewBadge status={summaries.get(p.claimId)?.reviewStatus ?? "UNREVIEWED"} />
                    ) : p.disputed ? (
                      <span className="badge badge-disputed">Disputed</span>
                    ) : null}
                  </td>
                  <td>
                    <Link href={`/claims/${encodeURIComponent(p.claimId)}`}>
                      Quote
                      <span className="sr-only">
                        {" "}
                        for {formatValue(p)}, {plotSeries[p.series]?.label}
                      </span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </>
    );
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
}
