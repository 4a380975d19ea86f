import type { Qualifier, Rate } from "./vocabulary.ts";

export interface ClaimValue {
  valueLow: number | null;
  valueHigh: number | null;
  valueBest: number | null;
  qualifier: Qualifier;
  hedge?: string | null;
  rate?: Rate;
}

const numberFormat = new Intl.NumberFormat("en-US");

export function formatCount(value: number): string {
  return numberFormat.format(value);
}

function rateSuffix(rate: Rate | undefined): string {
  switch (rate) {
    case "per_day":
      return " a day";
    case "per_week":
      return " a week";
    default:
      return "";
  }
}

function amount(value: number, rate: Rate | undefined): string {
  return rate === "percent" ? `${formatCount(value)}%` : formatCount(value);
}

/**
 * A claim's value in words a reader recognises: "as many as 8,000", "more than 15,000", "10,000–12,000",
 * "thousands". The canonical phrase of the qualifier is used, not the hedge as written, so that the same
 * interval always reads the same way across outlets.
 */
export function displayClaimValue(claim: ClaimValue): string {
  const { valueLow: low, valueHigh: high, valueBest: best, qualifier, rate } = claim;
  const suffix = rateSuffix(rate);
  const fmt = (v: number) => amount(v, rate);
  switch (qualifier) {
    case "exact":
      return `${fmt(best ?? low ?? high ?? 0)}${suffix}`;
    case "approximate":
      return `about ${fmt(best ?? low ?? high ?? 0)}${suffix}`;
    case "at_least":
      return `at least ${fmt(low ?? best ?? 0)}${suffix}`;
    case "more_than":
      return `more than ${fmt(low ?? best ?? 0)}${suffix}`;
    case "at_most":
      return `no more than ${fmt(high ?? best ?? 0)}${suffix}`;
    case "up_to":
      return `as many as ${fmt(high ?? best ?? 0)}${suffix}`;
    case "range":
      return `${fmt(low ?? 0)}–${fmt(high ?? 0)}${suffix}`;
    case "vague": {
      const hedge = claim.hedge?.trim();
      if (hedge) return hedge.replace(/\s+of$/i, "");
      if (low !== null && high !== null) return `between ${fmt(low)} and ${fmt(high)}${suffix}`;
      return `${fmt(best ?? low ?? high ?? 0)}${suffix}`;
    }
  }
}
