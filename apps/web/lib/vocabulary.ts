import {
  displayClaimValue,
  formatDateWithPrecision,
  METRICS,
  type Metric,
  type Precision,
  type Qualifier,
  RATES,
  type Rate,
  REVIEW_STATUSES,
  type ReviewStatus,
} from "@headcount/shared";

/** GraphQL spells the shared vocabulary in upper case (DEPLOYED, MONTH…). */
export type Gql<T extends string> = Uppercase<T>;

export const lower = <T extends string>(value: Uppercase<T>): T => value.toLowerCase() as T;

export const METRIC_LABELS: Record<Metric, string> = {
  deployed: "Deployed",
  planned_deployment: "Planned deployment",
  present: "Present",
  killed: "Killed",
  wounded: "Wounded",
  casualties: "Casualties",
  captured: "Captured",
  missing: "Missing",
  repatriated: "Repatriated",
  recruited: "Recruited",
  force_size: "Force size",
};

export const STATUS_LABELS: Record<ReviewStatus, string> = {
  unreviewed: "Unreviewed",
  verified: "Verified",
  disputed: "Disputed",
  rejected: "Rejected",
};

/** Each qualifier by the words its values are printed with ("as many as 8,000"), so both read alike. */
export const QUALIFIER_LABELS: Record<Qualifier, string> = {
  exact: "exact",
  approximate: "about",
  at_least: "at least",
  more_than: "more than",
  at_most: "no more than",
  up_to: "as many as",
  range: "range",
  vague: "vague",
};

/** How a rate reads after a metric's name ("Killed per day"); totals read as the metric alone. */
export const RATE_LABELS: Record<Rate, string> = {
  total: "totals",
  per_day: "per day",
  per_week: "per week",
  percent: "percent",
};

/** The metric and rate as one name ("Deployed", "Killed per day", "Casualties in percent"). */
export function metricName(metric: Metric, rate: Rate = "total"): string {
  const name = METRIC_LABELS[metric];
  if (rate === "total") return name;
  return rate === "percent" ? `${name} (percent)` : `${name} ${RATE_LABELS[rate]}`;
}

export { METRICS, RATES, REVIEW_STATUSES };

export function formatDate(date: string | null, precision: Gql<Precision> | null | undefined): string {
  return formatDateWithPrecision(date, precision ? lower<Precision>(precision) : "day");
}

/**
 * An instant (an edit, a review) in the dashboard's one date format, to the minute, in UTC:
 * "4 December 2026, 18:55 UTC".
 */
export function formatInstant(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const time = at.toISOString().slice(11, 16);
  return `${formatDateWithPrecision(at.toISOString().slice(0, 10), "day")}, ${time} UTC`;
}

export interface ValueFields {
  low: number | null;
  high: number | null;
  best: number | null;
  qualifier: Gql<Qualifier>;
}

/** A plotted value in words, from its bounds; a vague claim shows the interval its words imply. */
export function formatValue(value: ValueFields): string {
  const qualifier = lower<Qualifier>(value.qualifier);
  if (qualifier === "vague" && value.low !== null && value.high !== null) {
    return `vague: ${value.low.toLocaleString("en-US")}–${value.high.toLocaleString("en-US")}`;
  }
  return displayClaimValue({ valueLow: value.low, valueHigh: value.high, valueBest: value.best, qualifier });
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
export const formatCompact = (value: number): string => compact.format(value);
