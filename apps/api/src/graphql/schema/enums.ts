import {
  ENTITY_TYPES,
  METRICS,
  ORIGINS,
  PRECISIONS,
  QUALIFIERS,
  RATES,
  REVIEW_STATUSES,
  ROLES,
} from "@headcount/shared";
import { builder } from "../builder.ts";

/** GraphQL enum values are UPPER_CASE by convention; the stored values are the lower-case vocabulary. */
export function vocabularyEnum<const T extends string>(
  name: string,
  values: readonly T[],
  description: string,
  valueDescriptions: Partial<Record<T, string>> = {},
) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      values.map((value) => [value.toUpperCase(), { value, description: valueDescriptions[value] ?? value }]),
    ) as Record<Uppercase<T>, { value: T; description: string }>,
  });
}

export const PrecisionEnum = vocabularyEnum("Precision", PRECISIONS, "How far a date can be trusted.", {
  day: "The date is exact to the day.",
  week: "Some day within the week of the date.",
  month: "Some day within the month of the date.",
  year: "Some day within the year of the date.",
  unknown: "The date is a guess.",
});

export const MetricEnum = vocabularyEnum("Metric", METRICS, "What happened to the people counted.", {
  deployed: "Sent to or arrived in the place.",
  planned_deployment: "Planned, expected or earmarked to be sent.",
  present: "Present in the place at the time.",
  killed: "Killed.",
  wounded: "Wounded.",
  casualties: "Killed or wounded (losses).",
  captured: "Taken prisoner.",
  missing: "Missing.",
  repatriated: "Returned home.",
  recruited: "Recruited or mobilised.",
  force_size: "The size of a force.",
});

export const QualifierEnum = vocabularyEnum("Qualifier", QUALIFIERS, "How a number was hedged.", {
  exact: "Stated as an exact number.",
  approximate: "About, around, roughly, some.",
  at_least: "At least: the low bound is included.",
  more_than: "More than, over: the low bound as written.",
  at_most: "No more than.",
  up_to: "As many as, up to.",
  range: "Between two numbers.",
  vague: "Thousands of, hundreds of, dozens: an interval implied by the words.",
});

export const RateEnum = vocabularyEnum("Rate", RATES, "Whether the number is a total or a rate.", {
  total: "A total.",
  per_day: "Per day.",
  per_week: "Per week.",
  percent: "A percentage of a force.",
});

export const ReviewStatusEnum = vocabularyEnum(
  "ReviewStatus",
  REVIEW_STATUSES,
  "An editor's verdict on a claim.",
);
export const OriginEnum = vocabularyEnum("Origin", ORIGINS, "Who made a record: the extractor or an editor.");
export const RoleEnum = vocabularyEnum("Role", ROLES, "What a user may do: viewer < editor < admin.");
export const EntityTypeEnum = vocabularyEnum("EntityType", ENTITY_TYPES, "The kind of a named entity.");

export const SortDirectionEnum = vocabularyEnum(
  "SortDirection",
  ["asc", "desc"],
  "Which end of an ordering comes first.",
  {
    asc: "Smallest, earliest first.",
    desc: "Largest, latest first.",
  },
);
