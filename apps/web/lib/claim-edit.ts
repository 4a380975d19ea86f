import { CLAIM_DATE_FIELDS, formatDay, METRICS, PRECISIONS, QUALIFIERS, RATES } from "@headcount/shared";
import { ClaimStatementFields } from "./claim-fields";
import type { EntityChoice } from "./entity-picker";
import { EntityChoiceFields } from "./entity-picker";
import { graphql, type ResultOf } from "./graphql";
import { MutationFailureFields } from "./mutation-result";
import { METRIC_LABELS, QUALIFIER_LABELS } from "./vocabulary";

/** The relay chain of one appearance: who passed the number on, speaker side first. */
export interface RelayChain {
  appearance: string;
  article: string;
  entities: EntityChoice[];
}

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
  source: EntityChoice | null;
  subjectEntity: EntityChoice | null;
  location: EntityChoice | null;
  via: RelayChain[];
}

export type EditableField = keyof EditableClaim;
export type EntityField = "source" | "subjectEntity" | "location";
export type ScalarField = Exclude<EditableField, EntityField | "via">;

export const ENTITY_FIELDS: EntityField[] = ["source", "subjectEntity", "location"];

export const SCALAR_FIELDS: ScalarField[] = [
  "valueLow",
  "valueBest",
  "valueHigh",
  "qualifier",
  "hedge",
  "metric",
  "rate",
  "subject",
  "additional",
  ...CLAIM_DATE_FIELDS,
];

export const EDITABLE_FIELDS: EditableField[] = [...SCALAR_FIELDS, ...ENTITY_FIELDS, "via"];

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
  source: "Source",
  subjectEntity: "Whose forces",
  location: "Place",
  via: "Relayed by",
};

const upper = <T extends string>(values: readonly T[]) =>
  values.map((value) => value.toUpperCase() as Uppercase<T>);

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

const chainKey = (chain: RelayChain) => chain.entities.map((entity) => entity.id).join(" ");

/** Whether two values of a field say the same thing (entities by identity, relay chains link by link). */
export function sameValue<F extends EditableField>(
  field: F,
  a: EditableClaim[F],
  b: EditableClaim[F],
): boolean {
  if (field === "via") {
    const [left, right] = [a as RelayChain[], b as RelayChain[]];
    return (
      left.length === right.length &&
      left.every(
        (chain, index) =>
          chain.appearance === right[index]?.appearance && chainKey(chain) === chainKey(right[index]),
      )
    );
  }
  if ((ENTITY_FIELDS as EditableField[]).includes(field))
    return (a as EntityChoice | null)?.id === (b as EntityChoice | null)?.id;
  return a === b;
}

/**
 * Only the fields that differ from what the editor read: the API records exactly those. For the relay chains,
 * only the appearances whose chain changed.
 */
export function claimPatch(read: EditableClaim, mine: EditableClaim): Partial<EditableClaim> {
  const patch: Partial<EditableClaim> = {};
  for (const field of EDITABLE_FIELDS) {
    if (field === "via") {
      const before = new Map(read.via.map((chain) => [chain.appearance, chainKey(chain)]));
      const changed = mine.via.filter((chain) => before.get(chain.appearance) !== chainKey(chain));
      if (changed.length > 0) patch.via = changed;
    } else if (!sameValue(field, read[field], mine[field]))
      (patch as Record<string, unknown>)[field] = mine[field];
  }
  return patch;
}

/** A patch laid over a claim: changed relay chains replace their appearance's chain, nothing else. */
export function withPatch(claim: EditableClaim, patch: Partial<EditableClaim>): EditableClaim {
  const { via, ...fields } = patch;
  const chains = new Map((via ?? []).map((chain) => [chain.appearance, chain]));
  return {
    ...claim,
    ...fields,
    via: claim.via.map((chain) => {
      const replaced = chains.get(chain.appearance);
      return replaced ? { ...chain, entities: replaced.entities } : chain;
    }),
  };
}

/** The patch as the API's ClaimPatch input: entities by their IDs, relay chains per appearance. */
export function patchInput(patch: Partial<EditableClaim>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch)) {
    if (field === "via")
      input.via = (value as RelayChain[]).map((chain) => ({
        appearance: chain.appearance,
        entities: chain.entities.map((entity) => entity.id),
      }));
    else if ((ENTITY_FIELDS as string[]).includes(field))
      input[field] = (value as EntityChoice | null)?.id ?? null;
    else input[field] = value;
  }
  return input;
}

/** The editable fields of a claim as the API returns it, relay chains in order. */
export function pickEditable(claim: ClaimEditData): EditableClaim {
  const scalars = Object.fromEntries(SCALAR_FIELDS.map((field) => [field, claim[field]]));
  return {
    ...(scalars as Pick<EditableClaim, ScalarField>),
    source: claim.source,
    subjectEntity: claim.subjectEntity,
    location: claim.location,
    via: claim.appearances.edges.map(({ node: appearance }) => ({
      appearance: appearance.id,
      article: appearance.article.title,
      entities: appearance.via.toSorted((a, b) => a.position - b.position).map((link) => link.entity),
    })),
  };
}

const chainText = (chain: RelayChain) =>
  chain.entities.length === 0 ? "none" : chain.entities.map((entity) => entity.name).join(" → ");

/** How a field's value reads in the side-by-side comparison. */
export function showValue<F extends EditableField>(field: F, value: EditableClaim[F]): string {
  if (field === "via") {
    const chains = value as RelayChain[];
    if (chains.length === 1 && chains[0]) return chainText(chains[0]);
    return chains.map((chain) => `${chain.article}: ${chainText(chain)}`).join("; ") || "—";
  }
  if (value === null || value === "") return "—";
  if (typeof value === "object") return (value as EntityChoice).name;
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "number") return value.toLocaleString("en-US");
  const text = value as string;
  if (field === "statedOn" || field === "refersFrom" || field === "refersTo") return formatDay(text) || text;
  if (field === "metric") return METRIC_LABELS[text.toLowerCase() as keyof typeof METRIC_LABELS] ?? text;
  if (field === "qualifier")
    return QUALIFIER_LABELS[text.toLowerCase() as keyof typeof QUALIFIER_LABELS] ?? text;
  return field === "hedge" || field === "subject" ? text : text.toLowerCase().replace("_", " ");
}

/** A claim as the editor's screens read it from the API (its first 100 appearances). */
export const ClaimEditFields = graphql(
  `
    fragment ClaimEdit on Claim @_unmask {
      id
      version
      display
      reviewStatus
      deletedAt
      ...ClaimStatement
      source {
        ...EntityChoice
      }
      subjectEntity {
        ...EntityChoice
      }
      location {
        ...EntityChoice
      }
      appearances(first: 100) {
        totalCount
        edges {
          node {
            id
            article {
              id
              title
            }
            via {
              position
              entity {
                ...EntityChoice
              }
            }
          }
        }
      }
    }
  `,
  [ClaimStatementFields, EntityChoiceFields],
);
export type ClaimEditData = ResultOf<typeof ClaimEditFields>;

/** What a claim mutation answers besides the typed failures: the claim saved, or the claim as it now is. */
const ClaimSavedFields = graphql(
  `
    fragment ClaimSaved on ClaimMutationSuccess @_unmask {
      claim {
        ...ClaimEdit
      }
    }
  `,
  [ClaimEditFields],
);
const ClaimConflictFields = graphql(
  `
    fragment ClaimConflict on ConflictError @_unmask {
      currentClaim {
        ...ClaimEdit
      }
    }
  `,
  [ClaimEditFields],
);

/**
 * What every claim mutation answers: the claim saved, the claim as it now is after a conflict, or another
 * failure. The four mutations' result unions have the same members, so this fragment on one of them spreads
 * into each.
 */
const ClaimOutcomeFields = graphql(
  `
    fragment ClaimOutcome on UpdateClaimResult @_unmask {
      __typename
      ...ClaimSaved
      ...ClaimConflict
      ...MutationFailure
    }
  `,
  [ClaimSavedFields, ClaimConflictFields, MutationFailureFields],
);

export const UPDATE_CLAIM_MUTATION = graphql(
  `
    mutation UpdateClaim($id: ID!, $expectedVersion: Int!, $patch: ClaimPatch!, $note: String) {
      updateClaim(id: $id, expectedVersion: $expectedVersion, patch: $patch, note: $note) {
        ...ClaimOutcome
      }
    }
  `,
  [ClaimOutcomeFields],
);

export const REVIEW_CLAIM_MUTATION = graphql(
  `
    mutation ReviewClaim($id: ID!, $expectedVersion: Int!, $status: ReviewStatus!, $note: String) {
      reviewClaim(id: $id, expectedVersion: $expectedVersion, status: $status, note: $note) {
        ...ClaimOutcome
      }
    }
  `,
  [ClaimOutcomeFields],
);

export const DELETE_CLAIM_MUTATION = graphql(
  `
    mutation DeleteClaim($id: ID!, $expectedVersion: Int!, $note: String) {
      deleteClaim(id: $id, expectedVersion: $expectedVersion, note: $note) {
        ...ClaimOutcome
      }
    }
  `,
  [ClaimOutcomeFields],
);

export const RESTORE_CLAIM_MUTATION = graphql(
  `
    mutation RestoreClaim($id: ID!, $expectedVersion: Int!, $note: String) {
      restoreClaim(id: $id, expectedVersion: $expectedVersion, note: $note) {
        ...ClaimOutcome
      }
    }
  `,
  [ClaimOutcomeFields],
);

/** What every claim mutation answers (the four share one result shape). */
export type ClaimMutationResult = ResultOf<typeof UPDATE_CLAIM_MUTATION>["updateClaim"];
