/**
 * The domain vocabulary of Headcount. The Prisma enums, the GraphQL enums and the extraction engine
 * all use these exact values, so a claim means the same thing at every layer.
 */

/** What happened to the people counted. */
export const METRICS = [
  "deployed",
  "planned_deployment",
  "present",
  "killed",
  "wounded",
  "casualties",
  "captured",
  "missing",
  "repatriated",
  "recruited",
  "force_size",
] as const;
export type Metric = (typeof METRICS)[number];

/** How the number was hedged, normalised from the words as written. */
export const QUALIFIERS = [
  "exact",
  "approximate",
  "at_least",
  "more_than",
  "at_most",
  "up_to",
  "range",
  "vague",
] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** Whether the number is a total or a rate. */
export const RATES = ["total", "per_day", "per_week", "percent"] as const;
export type Rate = (typeof RATES)[number];

/** How far a date can be trusted: a month-precision date means "some time in that month". */
export const PRECISIONS = ["day", "week", "month", "year", "unknown"] as const;
export type Precision = (typeof PRECISIONS)[number];

/**
 * A claim's dates, each with how far it can be trusted: when it was said, and the period the number
 * describes when that differs. Editors change them and re-extraction compares them, field for field.
 */
export const CLAIM_DATE_FIELDS = [
  "statedOn",
  "statedOnPrecision",
  "refersFrom",
  "refersFromPrecision",
  "refersTo",
  "refersToPrecision",
] as const;

export const REVIEW_STATUSES = ["unreviewed", "verified", "disputed", "rejected"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const ORIGINS = ["machine", "editor"] as const;
export type Origin = (typeof ORIGINS)[number];

export const ROLES = ["viewer", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ENTITY_TYPES = ["person", "organization", "place", "group"] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export const MERGE_VERDICTS = ["same", "different", "unsure"] as const;
export type MergeVerdict = (typeof MERGE_VERDICTS)[number];

const ROLE_RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** True when `role` grants at least what `required` grants (viewer < editor < admin). */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[required];
}
