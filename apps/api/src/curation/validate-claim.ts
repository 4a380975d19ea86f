import type { Precision, Qualifier, Rate } from "@headcount/shared";
import type { FieldError } from "./errors.ts";

export interface ClaimValues {
  valueLow: number | null;
  valueHigh: number | null;
  valueBest: number | null;
  qualifier: Qualifier;
  rate: Rate;
  statedOn: Date | null;
  statedOnPrecision: Precision;
  refersFrom: Date | null;
  refersTo: Date | null;
}

const err = (field: string, message: string): FieldError => ({ path: ["patch", field], message });

/**
 * The interval, qualifier and dates of a claim must say one consistent thing: "as many as 8,000" has a
 * high bound and no low one, a range has both with low < high, an exact figure has equal bounds.
 */
export function validateClaimValues(values: ClaimValues): FieldError[] {
  const errors: FieldError[] = [];
  const { valueLow: low, valueHigh: high, valueBest: best, qualifier } = values;
  for (const [field, value] of [
    ["valueLow", low],
    ["valueHigh", high],
    ["valueBest", best],
  ] as const) {
    if (value !== null && (!Number.isInteger(value) || value < 0))
      errors.push(err(field, "must be a whole number ≥ 0"));
    if (value !== null && values.rate === "percent" && value > 100)
      errors.push(err(field, "a percentage is at most 100"));
  }
  if (low !== null && high !== null && low > high)
    errors.push(err("valueHigh", "must not be below valueLow"));
  if (best !== null && ((low !== null && best < low) || (high !== null && best > high))) {
    errors.push(err("valueBest", "must lie between valueLow and valueHigh"));
  }
  switch (qualifier) {
    case "exact":
    case "approximate":
      if (low === null || high === null || low !== high) {
        errors.push(err("qualifier", `${qualifier} needs valueLow and valueHigh set to the same number`));
      }
      break;
    case "at_least":
    case "more_than":
      if (low === null) errors.push(err("valueLow", `${qualifier} needs a low bound`));
      if (high !== null) errors.push(err("valueHigh", `${qualifier} has no high bound`));
      break;
    case "at_most":
    case "up_to":
      if (high === null) errors.push(err("valueHigh", `${qualifier} needs a high bound`));
      if (low !== null) errors.push(err("valueLow", `${qualifier} has no low bound`));
      break;
    case "range":
      if (low === null || high === null || low >= high) {
        errors.push(err("qualifier", "a range needs valueLow below valueHigh"));
      }
      break;
    case "vague":
      if (low === null || high === null)
        errors.push(err("qualifier", "a vague claim needs the interval its words imply"));
      break;
  }
  if (values.statedOn === null && values.statedOnPrecision !== "unknown") {
    errors.push(err("statedOnPrecision", "must be UNKNOWN when statedOn is empty"));
  }
  if (values.refersFrom && values.refersTo && values.refersFrom > values.refersTo) {
    errors.push(err("refersTo", "must not be before refersFrom"));
  }
  return errors;
}
