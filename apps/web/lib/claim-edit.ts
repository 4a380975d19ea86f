import { METRICS, PRECISIONS, QUALIFIERS, RATES } from "@headcount/shared";
import { FAILURE_FIELDS } from "./mutation-result";
import { METRIC_LABELS, QUALIFIER_LABELS } from "./vocabulary";

/** The fields an editor changes on the claim page, as GraphQL spells them. */
export interface EditableClaim {
  valueLow: number | null;
  valueBest: number | null;
  valueHigh: number | null;
  qualifier: string;
  hedge: string | null;
  metric: string;
  rate: string;
  subject: string;
  additional: boolean;
  statedOn: string | null;
  statedOnPrecision: string;
  refersFrom: string | null;
  refersFromPrecision: string | null;
  refersTo: string | null;
  refersToPrecision: string | null;
}

export type EditableField = keyof EditableClaim;

export const EDITABLE_FIELDS: EditableField[] = [
  "valueLow",
  "valueBest",
  "valueHigh",
  "qualifier",
  "hedge",
  "metric",
  "rate",
  "subject",
  "additional",
  "statedOn",
  "statedOnPrecision",
  "refersFrom",
  "refersFromPrecision",
  "refersTo",
  "refersToPrecision",
];

export const FIELD_LABELS: Record<EditableField, string> = {
  valueLow: "Low bound",
  valueBest: "Best value",
  valueHigh: "High bound",
  qualifier: "Qualifier",
  hedge: "Hedge as written",
  metric: "Metric",
  rate: "Rate",
  subject: "Who is counted",
  additional: "Adds to an earlier figure",
  statedOn: "Said on",
  statedOnPrecision: "Said-on precision",
  refersFrom: "Describes from",
  refersFromPrecision: "From precision",
  refersTo: "Describes to",
  refersToPrecision: "To precision",
};

const upper = (values: readonly string[]) => values.map((value) => value.toUpperCase());

export const CHOICES = {
  metric: upper(METRICS).map((value) => ({
    value,
    label: METRIC_LABELS[value.toLowerCase() as keyof typeof METRIC_LABELS],
  })),
  qualifier: upper(QUALIFIERS).map((value) => ({
    value,
    label: QUALIFIER_LABELS[value.toLowerCase() as keyof typeof QUALIFIER_LABELS],
  })),
  rate: upper(RATES).map((value) => ({ value, label: value.toLowerCase().replace("_", " ") })),
  precision: upper(PRECISIONS).map((value) => ({ value, label: value.toLowerCase() })),
};

/** Only the fields that differ from what the editor read: the API records exactly those. */
export function claimPatch(read: EditableClaim, mine: EditableClaim): Partial<EditableClaim> {
  const patch: Partial<EditableClaim> = {};
  for (const field of EDITABLE_FIELDS) {
    if (read[field] !== mine[field]) (patch as Record<string, unknown>)[field] = mine[field];
  }
  return patch;
}

export function pickEditable(claim: EditableClaim): EditableClaim {
  return Object.fromEntries(
    EDITABLE_FIELDS.map((field) => [field, claim[field]]),
  ) as unknown as EditableClaim;
}

/** How a field's value reads in the side-by-side comparison. */
export function showValue(field: EditableField, value: EditableClaim[EditableField]): string {
  if (value === null || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en-US");
  if (field === "metric") return METRIC_LABELS[value.toLowerCase() as keyof typeof METRIC_LABELS] ?? value;
  if (field === "qualifier")
    return QUALIFIER_LABELS[value.toLowerCase() as keyof typeof QUALIFIER_LABELS] ?? value;
  return field === "hedge" || field === "subject" ? value : value.toLowerCase().replace("_", " ");
}

export const CLAIM_EDIT_FIELDS = /* GraphQL */ `
  id
  version
  display
  reviewStatus
  deletedAt
  valueLow
  valueBest
  valueHigh
  qualifier
  hedge
  metric
  rate
  subject
  additional
  statedOn
  statedOnPrecision
  refersFrom
  refersFromPrecision
  refersTo
  refersToPrecision
`;

export interface ClaimEditData extends EditableClaim {
  id: string;
  version: number;
  display: string;
  reviewStatus: string;
  deletedAt: string | null;
}

const CLAIM_RESULT = /* GraphQL */ `
  __typename
  ... on ClaimMutationSuccess {
    claim {
      ${CLAIM_EDIT_FIELDS}
    }
  }
  ... on ConflictError {
    message
    currentVersion
    currentClaim {
      ${CLAIM_EDIT_FIELDS}
    }
  }
  ${FAILURE_FIELDS}
`;

export const UPDATE_CLAIM_MUTATION = /* GraphQL */ `
  mutation UpdateClaim($id: ID!, $expectedVersion: Int!, $patch: ClaimPatch!, $note: String) {
    updateClaim(id: $id, expectedVersion: $expectedVersion, patch: $patch, note: $note) {
      ${CLAIM_RESULT}
    }
  }
`;

export const REVIEW_CLAIM_MUTATION = /* GraphQL */ `
  mutation ReviewClaim($id: ID!, $expectedVersion: Int!, $status: ReviewStatus!, $note: String) {
    reviewClaim(id: $id, expectedVersion: $expectedVersion, status: $status, note: $note) {
      ${CLAIM_RESULT}
    }
  }
`;

export const DELETE_CLAIM_MUTATION = /* GraphQL */ `
  mutation DeleteClaim($id: ID!, $expectedVersion: Int!, $note: String) {
    deleteClaim(id: $id, expectedVersion: $expectedVersion, note: $note) {
      ${CLAIM_RESULT}
    }
  }
`;

export const RESTORE_CLAIM_MUTATION = /* GraphQL */ `
  mutation RestoreClaim($id: ID!, $expectedVersion: Int!, $note: String) {
    restoreClaim(id: $id, expectedVersion: $expectedVersion, note: $note) {
      ${CLAIM_RESULT}
    }
  }
`;

export type ClaimMutationResult =
  | { __typename: "ClaimMutationSuccess"; claim: ClaimEditData }
  | {
      __typename: "ConflictError";
      message: string;
      currentVersion: number;
      currentClaim: ClaimEditData | null;
    }
  | {
      __typename: "ValidationError";
      message: string;
      fieldErrors: { path: string[]; message: string }[];
    }
  | { __typename: "NotFoundError"; message: string }
  | { __typename: "NotAuthorizedError"; message: string };
