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

/** Fields as the claim form labels them: a message names what the editor sees. */
const LABEL = {
  valueLow: "Low bound",
  valueHigh: "High bound",
  valueBest: "Best value",
  statedOn: "Said on",
  refersFrom: "Describes from",
} as const;

/** Each qualifier by the words that express it (as the dashboard prints values). */
const QUALIFIER_WORDS: Record<Qualifier, string> = {
  exact: "an exact figure",
  approximate: "“about”",
  at_least: "“at least”",
  more_than: "“more than”",
  at_most: "“no more than”",
  up_to: "“as many as”",
  range: "a range",
  vague: "a vague amount",
};

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
    errors.push(err("valueHigh", `must not be below ${LABEL.valueLow}`));
  if (best !== null && ((low !== null && best < low) || (high !== null && best > high))) {
    errors.push(err("valueBest", `must lie between ${LABEL.valueLow} and ${LABEL.valueHigh}`));
  }
  const words = QUALIFIER_WORDS[qualifier];
  switch (qualifier) {
    case "exact":
    case "approximate":
      if (low === null || high === null || low !== high) {
        errors.push(
          err("qualifier", `${words} needs ${LABEL.valueLow} and ${LABEL.valueHigh} set to the same number`),
        );
      }
      break;
    case "at_least":
    case "more_than":
      if (low === null) errors.push(err("valueLow", `${words} needs a low bound: fill in ${LABEL.valueLow}`));
      if (high !== null)
        errors.push(err("valueHigh", `${words} gives no high bound: leave ${LABEL.valueHigh} empty`));
      break;
    case "at_most":
    case "up_to":
      if (high === null)
        errors.push(err("valueHigh", `${words} needs a high bound: fill in ${LABEL.valueHigh}`));
      if (low !== null)
        errors.push(err("valueLow", `${words} gives no low bound: leave ${LABEL.valueLow} empty`));
      break;
    case "range":
      if (low === null || high === null || low >= high) {
        errors.push(err("qualifier", `a range needs ${LABEL.valueLow} below ${LABEL.valueHigh}`));
      }
      break;
    case "vague":
      if (low === null || high === null)
        errors.push(err("qualifier", "a vague claim needs the interval its words imply"));
      break;
  }
  if (values.statedOn === null && values.statedOnPrecision !== "unknown") {
    errors.push(err("statedOnPrecision", `must be “unknown” when ${LABEL.statedOn} is empty`));
  }
  if (values.refersFrom && values.refersTo && values.refersFrom > values.refersTo) {
    errors.push(err("refersTo", `must not be before ${LABEL.refersFrom}`));
  }
  return errors;
}
