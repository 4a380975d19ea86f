import type { Metric, Rate } from "@headcount/shared";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { ApiErrorNotice } from "../components/ApiErrorNotice";
import { ClaimFilterForm } from "../components/ClaimFilterForm";
import { GettingStarted } from "../components/GettingStarted";
import { type LatestFigure, LatestFigureList } from "../components/LatestFigureList";
import { LiveRefresh } from "../components/LiveRefresh";
import { MarkLegend } from "../components/MarkLegend";
import {
  ChartLoading,
  type PlottedWindow,
  plottedWindow,
  WindowChart,
  WindowTable,
} from "../components/OverviewWindow";
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
import { centreValue } from "../lib/plot";
import {
  fetchFilterOptions,
  fetchMetricCounts,
  fetchOverviewHead,
  fetchOverviewSeries,
  formOptions,
  type LatestPointData,
  type MetricCount,
  type OverviewHead,
  type SeriesData,
} from "../lib/queries";
import { spreadOf } from "../lib/spread";
import { fetchViewer, isEditor } from "../lib/viewer";
import { lower, metricName } from "../lib/vocabulary";

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

/** The metric the overview shows when the URL names none: deployed troops, the question most asked. */
const DEFAULT_METRIC: Metric = "deployed";

/** The URL's first metric and its rate (totals unless asked), else deployed totals. */
function chosenView(view: ClaimView): ClaimView {
  return { ...view, metrics: [view.metrics[0] ?? DEFAULT_METRIC], rate: view.rate || ("total" as Rate) };
}

const groupingOf = (view: ClaimView) => (view.groupBy === "side" ? "AFFILIATION" : "SOURCE");

/**
 * One metric and one rate per chart: a y-axis of deployed troops never carries a death toll or a daily
 * rate. The chosen view (`chosenView`); when it matches nothing and the URL chose no metric, the metric
 * and rate with the most matching claims.
 */
async function chartOf(
  view: ClaimView,
  chosen: ClaimView,
): Promise<{ view: ClaimView; head: OverviewHead; others: MetricCount[] | null }> {
  const head = await fetchOverviewHead(claimFilterInput(chosen), groupingOf(view), view.points);
  if (head.totalPoints > 0) return { view: chosen, head, others: null };
  // Nothing to plot: which metrics the other filters do match, to offer them (or to pick one).
  const others = await fetchMetricCounts(claimFilterInput({ ...view, metrics: [], rate: "" }));
  const fallback = view.metrics[0]
    ? undefined
    : (others.find((o) => !view.rate || lower(o.rate) === view.rate) ?? others[0]);
  if (!fallback) return { view: chosen, head, others };
  const fallen = { ...view, metrics: [lower<Metric>(fallback.metric)], rate: lower<Rate>(fallback.rate) };
  return {
    view: fallen,
    head: await fetchOverviewHead(claimFilterInput(fallen), groupingOf(view), view.points),
    others: null,
  };
}

/** The chart's window of claims, shaped for the chart, its legend and the table; the page streams them. */
function windowOf(view: ClaimView, universe: string[]): Promise<PlottedWindow> {
  const plotted = fetchOverviewSeries(claimFilterInput(view), groupingOf(view), view.points).then((s) =>
    plottedWindow(s.series, universe),
  );
  // Awaited by the parts that show it; a page that ends early (an error, nothing to plot) never does.
  plotted.catch(() => {});
  return plotted;
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
    const [{ view, head, others }, filterOptions] = await Promise.all([
      chartOf(requested, chosenView(requested)),
      fetchFilterOptions(),
    ]);
    // The chart's claims are asked for now, and the page is sent without waiting for them. (Asked for
    // after the head, not beside it: their answer is large, and reading it on this one thread would
    // hold back the first part of the page.)
    const entities = view.groupBy === "side" ? filterOptions.sides : filterOptions.sources;
    const plotted = windowOf(
      view,
      // Colours are dealt over every source (or side) the filter form knows, whatever this view shows.
      entities.map((entity) => entity.id),
    );
    const metric = view.metrics[0] ?? DEFAULT_METRIC;
    const rate = view.rate || "total";
    const measure = metricName(metric, rate);
    const figures = latestFigures(head.latestBySource).sort(
      (a, b) => (centreValue(b.point) ?? 0) - (centreValue(a.point) ?? 0),
    );
    const spread = spreadOf(figures);
    const subjectNames = new Map(filterOptions.subjects.map((s) => [s.id, s.name]));
    const groupNoun = view.groupBy === "side" ? "side" : "source";
    // The window holds the newest `points` matching claims (dated or not).
    const returned = Math.min(view.points, head.totalPoints);
    const summary = head.truncated
      ? `${measure}: the newest ${count(returned)} of ${count(head.totalPoints)} matching claims, plotted by the date they were made.`
      : `${measure}: ${count(head.totalPoints)} claim${head.totalPoints === 1 ? "" : "s"}, plotted by the date they were made.`;
    // The claims table lists every matching claim, page by page (it has no cap to carry over).
    const allClaims = `/claims${claimViewQuery({ ...view, points: DEFAULT_MAX_POINTS })}`;
    // Thousands of sources at scale: the legend, the latest figures and the figures the spread leaves out
    // list the first few unless the URL asks for all of them.
    const allSources = params.sources === "all";
    const allSourcesHref = `/${claimViewQuery(view, { sources: "all" })}#latest-title`;

    return (
      <>
        <div className="page-head">
          <h1>Reported numbers over time</h1>
          <LiveRefresh />
        </div>
        <ClaimFilterForm
          key={claimViewQuery(view)}
          view={view}
          options={formOptions(filterOptions, view.source)}
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
            </p>
            {head.truncated && (
              <p className="notice" role="note" data-testid="truncation-notice">
                <strong>
                  The chart shows the newest {count(returned)} of {count(head.totalPoints)} matching claims
                </strong>
                . To see older claims, narrow the dates (“Said from”, “Said until”) or the other filters
                {view.points < MAX_POINTS
                  ? `, or plot more of them (“Claims plotted”, up to ${count(MAX_POINTS)}; slower)`
                  : ""}
                . The <Link href={allClaims}>claims table</Link> lists all {count(head.totalPoints)}.
              </p>
            )}
            {head.totalPoints === 0 ? (
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
              <Suspense fallback={<ChartLoading expected={returned} />}>
                <WindowChart
                  plotted={plotted}
                  entities={entities}
                  scale={view.scale}
                  measure={measure}
                  summary={summary}
                  groupNoun={groupNoun}
                  allSources={allSources}
                  allSourcesHref={allSourcesHref}
                />
              </Suspense>
            )}
            <MarkLegend />
          </section>
          <aside className="side-panel" aria-labelledby="latest-title">
            <h2 id="latest-title">Latest {measure.toLowerCase()} figure from each source</h2>
            <p className="muted chart-caption" data-testid="latest-meaning">
              Latest: each source’s newest claim of this metric by the day it was said (else the day it was
              first printed)
              {head.truncated && figures.length > 0
                ? `, among all ${count(head.totalPoints)} matching claims, plotted or not`
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
          {head.totalPoints > 0 && (
            <Suspense
              fallback={
                <p className="muted" role="status" aria-busy="true">
                  Loading the plotted claims…
                </p>
              }
            >
              <WindowTable
                plotted={plotted}
                groupNoun={groupNoun}
                requestedPage={params.page}
                pageHref={(n) => `/${claimViewQuery(view, n > 1 ? { page: String(n) } : {})}#table-title`}
              />
            </Suspense>
          )}
        </section>
      </>
    );
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
}
