import { type Metric, parseDayInput, type Rate, type ReviewStatus } from "@headcount/shared";
import { param, type SearchParams } from "./search-params";
import { type Gql, METRICS, RATES, REVIEW_STATUSES } from "./vocabulary";

/** The API's ClaimFilter input, as the dashboard sends it. */
export interface ClaimFilterInput {
  metric?: Gql<Metric>[];
  rate?: Gql<Rate>[];
  reviewStatus?: Gql<ReviewStatus>[];
  subjectEntity?: string;
  location?: string;
  source?: string;
  sourceAffiliation?: string;
  statedFrom?: string;
  statedTo?: string;
  search?: string;
}

/** Everything a view of claims is made of; it lives in the URL so a view can be shared. */
export interface ClaimView {
  metrics: Metric[];
  /** Totals, or one kind of rate: the overview never puts two on one axis. Empty: any (the claims table). */
  rate: Rate | "";
  statuses: ReviewStatus[];
  subject: string;
  place: string;
  source: string;
  side: string;
  /** ISO days; "" when not set or not a date (then `dateErrors` says why). */
  from: string;
  to: string;
  /** Why a typed "from" or "to" was not used. */
  dateErrors: { from?: string; to?: string };
  q: string;
  groupBy: "source" | "side";
  scale: "linear" | "log";
  /** The chart plots the newest this many matching claims at most. */
  points: number;
}

/** The chart plots the newest this many claims unless the view asks for another number. */
export const DEFAULT_MAX_POINTS = 10_000;
/** The most one view may plot (the API's cap). */
export const MAX_POINTS = 50_000;

/** Rejected claims are left out unless asked for: the chart never plots them anyway. */
export const DEFAULT_STATUSES: ReviewStatus[] = ["unreviewed", "verified", "disputed"];

const one = (params: SearchParams, key: string): string => param(params, key).trim();
const list = (params: SearchParams, key: string): string[] =>
  [params[key] ?? []]
    .flat()
    .join(",")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
/** A typed day in any accepted form, as an ISO day, or the reason it is refused. */
function dayParam(value: string): { iso: string; error?: string } {
  if (value === "") return { iso: "" };
  const day = parseDayInput(value);
  return day.ok ? { iso: day.iso } : { iso: "", error: day.error };
}

/** Check a pair of typed days: each a real day, and the first not after the second. */
export function dateRange(fromText: string, toText: string): Pick<ClaimView, "from" | "to" | "dateErrors"> {
  const from = dayParam(fromText);
  const to = dayParam(toText);
  const dateErrors: ClaimView["dateErrors"] = {};
  if (from.error) dateErrors.from = from.error;
  if (to.error) dateErrors.to = to.error;
  if (from.iso && to.iso && from.iso > to.iso) {
    dateErrors.to = "“Said until” is before “Said from”.";
    return { from: from.iso, to: "", dateErrors };
  }
  return { from: from.iso, to: to.iso, dateErrors };
}
/** A whole number of points within the cap; anything else is the default. */
const pointCap = (value: string): number => {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN;
  return n >= 1 ? Math.min(n, MAX_POINTS) : DEFAULT_MAX_POINTS;
};

export function parseClaimView(params: SearchParams): ClaimView {
  const metrics = list(params, "metric").filter((m): m is Metric =>
    (METRICS as readonly string[]).includes(m),
  );
  const statuses = list(params, "status").filter((s): s is ReviewStatus =>
    (REVIEW_STATUSES as readonly string[]).includes(s),
  );
  const rate = one(params, "rate");
  return {
    metrics,
    rate: (RATES as readonly string[]).includes(rate) ? (rate as Rate) : "",
    statuses: statuses.length > 0 ? statuses : DEFAULT_STATUSES,
    subject: one(params, "subject"),
    place: one(params, "place"),
    source: one(params, "source"),
    side: one(params, "side"),
    ...dateRange(one(params, "from"), one(params, "to")),
    q: one(params, "q"),
    groupBy: one(params, "group") === "side" ? "side" : "source",
    scale: one(params, "scale") === "log" ? "log" : "linear",
    points: pointCap(one(params, "points")),
  };
}

/** The URL query of a view; defaults are left out so URLs stay short. */
export function claimViewQuery(view: ClaimView, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (view.metrics.length > 0) params.set("metric", view.metrics.join(","));
  if (view.rate) params.set("rate", view.rate);
  const defaultStatuses =
    view.statuses.length === DEFAULT_STATUSES.length &&
    DEFAULT_STATUSES.every((s) => view.statuses.includes(s));
  if (!defaultStatuses) params.set("status", view.statuses.join(","));
  if (view.subject) params.set("subject", view.subject);
  if (view.place) params.set("place", view.place);
  if (view.source) params.set("source", view.source);
  if (view.side) params.set("side", view.side);
  if (view.from) params.set("from", view.from);
  if (view.to) params.set("to", view.to);
  if (view.q) params.set("q", view.q);
  if (view.groupBy !== "source") params.set("group", view.groupBy);
  if (view.scale !== "linear") params.set("scale", view.scale);
  if (view.points !== DEFAULT_MAX_POINTS) params.set("points", String(view.points));
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `?${query}` : "";
}

export function claimFilterInput(view: ClaimView): ClaimFilterInput {
  const filter: ClaimFilterInput = {
    reviewStatus: view.statuses.map((s) => s.toUpperCase() as Gql<ReviewStatus>),
  };
  if (view.metrics.length > 0) filter.metric = view.metrics.map((m) => m.toUpperCase() as Gql<Metric>);
  if (view.rate) filter.rate = [view.rate.toUpperCase() as Gql<Rate>];
  if (view.subject) filter.subjectEntity = view.subject;
  if (view.place) filter.location = view.place;
  if (view.source) filter.source = view.source;
  if (view.side) filter.sourceAffiliation = view.side;
  if (view.from) filter.statedFrom = view.from;
  if (view.to) filter.statedTo = view.to;
  if (view.q) filter.search = view.q;
  return filter;
}
