import type { Metric, Rate } from "@headcount/shared";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiErrorNotice } from "../components/ApiErrorNotice";
import { ClaimFilterForm } from "../components/ClaimFilterForm";
import { GettingStarted } from "../components/GettingStarted";
import { type LatestFigure, LatestFigureList } from "../components/LatestFigureList";
import { LiveRefresh } from "../components/LiveRefresh";
import { MarkLegend } from "../components/MarkLegend";
import { OverviewChart } from "../components/OverviewChart";
import { PlottedClaimsTable, tablePage } from "../components/PlottedClaimsTable";
import { SpreadSummary } from "../components/SpreadSummary";
import {
  type ClaimView,
  claimFilterInput,
  claimViewQuery,
  DEFAULT_MAX_POINTS,
  MAX_POINTS,
  parseClaimView,
} from "../lib/claim-filter";
import { fetchArticleTotal } from "../lib/feeds";
import { centreValue, packPlot, packSeries, plotRows } from "../lib/plot";
import {
  fetchFilterOptions,
  fetchMetricCounts,
  fetchOverview,
  formOptions,
  type LatestPointData,
  type MetricCount,
  type OverviewData,
  type SeriesData,
} from "../lib/queries";
import { spreadOf } from "../lib/spread";
import { fetchViewer, isEditor } from "../lib/viewer";
import { formatDate, lower, metricName } from "../lib/vocabulary";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: { absolute: "Overview · Headcount" } };

/** The newest dated claim of each source (the API sends one per source, over all matching claims). */
function latestFigures(series: SeriesData<LatestPointData>[]): LatestFigure[] {
  return series.flatMap((s) => {
    const dated = s.points.filter((p) => p.date !== null);
    const latest = dated.reduce<(typeof dated)[number] | undefined>(
      (acc, p) => (!acc || (p.date ?? "") >= (acc.date ?? "") ? p : acc),
      undefined,
    );
    return latest ? [{ key: s.key, label: s.label, point: latest }] : [];
  });
}

const count = (n: number) => n.toLocaleString("en-US");

/** Series named in the legend unless the URL asks for all: those with the most plotted claims. */
const LEGEND_SHOWN = 12;

/** The metric the overview shows when the URL names none: deployed troops, the question most asked. */
const DEFAULT_METRIC: Metric = "deployed";

/**
 * One metric and one rate per chart: a y-axis of deployed troops never carries a death toll or a daily
 * rate. The URL's first metric and its rate (totals unless asked), else deployed totals; when those match
 * nothing and the URL chose no metric, the metric and rate with the most matching claims.
 */
async function chartOf(
  view: ClaimView,
): Promise<{ view: ClaimView; overview: OverviewData; others: MetricCount[] | null }> {
  const requested = view.metrics[0];
  const chosen = { ...view, metrics: [requested ?? DEFAULT_METRIC], rate: view.rate || ("total" as Rate) };
  const groupBy = view.groupBy === "side" ? "AFFILIATION" : "SOURCE";
  const overview = await fetchOverview(claimFilterInput(chosen), groupBy, view.points);
  if (overview.totalPoints > 0) return { view: chosen, overview, others: null };
  // Nothing to plot: which metrics the other filters do match, to offer them (or to pick one).
  const others = await fetchMetricCounts(claimFilterInput({ ...view, metrics: [], rate: "" }));
  const fallback = requested
    ? undefined
    : (others.find((o) => !view.rate || lower(o.rate) === view.rate) ?? others[0]);
  if (!fallback) return { view: chosen, overview, others };
  const fallen = { ...view, metrics: [lower<Metric>(fallback.metric)], rate: lower<Rate>(fallback.rate) };
  return {
    view: fallen,
    overview: await fetchOverview(claimFilterInput(fallen), groupBy, view.points),
    others: null,
  };
}

export default async function OverviewPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const requested = parseClaimView(params);
  try {
    if ((await fetchArticleTotal()) === 0) return <GettingStarted editor={isEditor(await fetchViewer())} />;
    const [{ view, overview, others }, options] = await Promise.all([
      chartOf(requested),
      fetchFilterOptions(),
    ]);
    const metric = view.metrics[0] ?? DEFAULT_METRIC;
    const rate = view.rate || "total";
    const measure = metricName(metric, rate);
    const { series } = overview;
    // Colours are dealt over every source (or side) the filter form knows, whatever this view shows.
    const entities = view.groupBy === "side" ? options.sides : options.sources;
    const universe = entities.map((entity) => entity.id);
    const { plotSeries, rows, undated } = plotRows(series, universe);
    const returned = series.reduce((sum, s) => sum + s.points.length, 0);
    // The window's oldest day (rows are in drawing order, by the middle of their date's period).
    const oldest = rows.reduce<string | null>((min, [, date]) => (!min || date < min ? date : min), null);
    const figures = latestFigures(overview.latestBySource).sort(
      (a, b) => (centreValue(b.point) ?? 0) - (centreValue(a.point) ?? 0),
    );
    const spread = spreadOf(figures);
    const subjectNames = new Map(options.subjects.map((s) => [s.id, s.name]));
    const groupNoun = view.groupBy === "side" ? "side" : "source";
    const groups = `${plotSeries.length} ${groupNoun}${plotSeries.length === 1 ? "" : "s"}`;
    const summary = overview.truncated
      ? `${measure}: the newest ${count(rows.length)} of ${count(overview.totalPoints)} matching claims, from ${groups}, plotted by the date they were made.`
      : `${measure}: ${rows.length} claim${rows.length === 1 ? "" : "s"} from ${groups}, plotted by the date they were made.`;
    // The claims table lists every matching claim, page by page (it has no cap to carry over).
    const allClaims = `/claims${claimViewQuery({ ...view, points: DEFAULT_MAX_POINTS })}`;
    const { page } = tablePage(params.page, rows.length);
    // Thousands of sources at scale: the legend, the latest figures and the figures the spread leaves out
    // list the first few unless the URL asks for all of them.
    const allSources = params.sources === "all";
    const allSourcesHref = `/${claimViewQuery(view, { sources: "all" })}#latest-title`;
    const counted = plotSeries
      .map((s, i) => ({ ...s, count: series[i]?.points.length ?? 0 }))
      .sort((a, b) => b.count - a.count);
    const legend = allSources ? counted : counted.slice(0, LEGEND_SHOWN);

    return (
      <>
        <div className="page-head">
          <h1>Reported numbers over time</h1>
          <LiveRefresh />
        </div>
        <ClaimFilterForm
          key={claimViewQuery(view)}
          view={view}
          options={formOptions(options, view.source)}
          chartControls
        />
        <div className="overview">
          <section className="chart-panel" aria-labelledby="chart-title">
            <h2 id="chart-title" className="sr-only">
              Chart
            </h2>
            <p className="muted chart-caption">
              {summary} y: {measure.toLowerCase()}
              {rate === "total" ? ", people" : ""} ({view.scale === "log" ? "logarithmic" : "linear"} scale);
              colour: the {groupNoun}. One metric at a time: choose another under “Metric”. Rejected and
              deleted claims are not plotted.
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
              <div className="empty">
                <p>No {measure.toLowerCase()} claim matches these filters.</p>
                {others && others.length > 0 && (
                  <>
                    <p>These filters do match claims of other metrics:</p>
                    <ul data-testid="other-metrics">
                      {others.map((o) => (
                        <li key={`${o.metric}-${o.rate}`}>
                          <Link
                            href={`/${claimViewQuery({ ...view, metrics: [lower<Metric>(o.metric)], rate: lower<Rate>(o.rate) })}`}
                          >
                            {metricName(lower<Metric>(o.metric), lower<Rate>(o.rate))}
                          </Link>{" "}
                          <span className="muted">({count(o.count)})</span>
                        </li>
                      ))}
                    </ul>
                  </>
                )}
              </div>
            ) : (
              <OverviewChart
                series={packSeries(plotSeries, entities)}
                entities={entities}
                packed={packPlot(rows)}
                scale={view.scale}
                summary={summary}
                measure={measure}
              />
            )}
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
            <MarkLegend />
          </section>
          <aside className="side-panel" aria-labelledby="latest-title">
            <h2 id="latest-title">Latest {measure.toLowerCase()} figure from each source</h2>
            <p className="muted chart-caption" data-testid="latest-meaning">
              Latest: each source’s newest claim of this metric by the day it was said (else the day it was
              first printed)
              {overview.truncated && figures.length > 0
                ? `, among all ${count(overview.totalPoints)} matching claims, plotted or not`
                : ""}
              .
            </p>
            <LatestFigureList figures={figures} all={allSources} allHref={allSourcesHref} />
            <h2>Spread between sources</h2>
            <SpreadSummary
              spread={spread}
              measure={measure}
              subjectNames={subjectNames}
              all={allSources}
              allHref={allSourcesHref}
            />
          </aside>
        </div>
        <section aria-labelledby="table-title" className="chart-table">
          <h2 id="table-title">The plotted claims: {measure.toLowerCase()}</h2>
          <p className="exports">
            Export these claims:{" "}
            <a
              href={`/claims/export${claimViewQuery(view, { format: "csv" })}`}
              download
              data-testid="overview-export"
            >
              CSV ({measure.toLowerCase()})
            </a>
          </p>
          <PlottedClaimsTable
            rows={rows}
            series={plotSeries}
            groupNoun={groupNoun}
            page={page}
            pageHref={(n) => `/${claimViewQuery(view, n > 1 ? { page: String(n) } : {})}#table-title`}
          />
        </section>
      </>
    );
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
}
