import { CLAIM_DATE_FIELDS, isoDay } from "@headcount/shared";

/**
 * The fields of a claim that state what it says — set by the extractor, changed by editors, compared by
 * re-extraction — in one list, so a new field cannot be edited but forgotten by re-extraction or the
 * reverse.
 */
export const CLAIM_FIELDS = [
  "metric",
  "subject",
  "subjectEntityId",
  "valueLow",
  "valueHigh",
  "valueBest",
  "qualifier",
  "hedge",
  "additional",
  "rate",
  "locationId",
  "sourceId",
  ...CLAIM_DATE_FIELDS,
] as const;
export type ClaimField = (typeof CLAIM_FIELDS)[number];

/** A field's value as it is compared and written to the history: dates as their day, absent as null. */
export function recordedValue(value: unknown): unknown {
  return value instanceof Date ? isoDay(value) : (value ?? null);
}
