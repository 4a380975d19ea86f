import { formatDay, parseDayInput } from "@headcount/shared";
import {
  type EditableClaim,
  type EditableField,
  type EntityField,
  SCALAR_FIELDS,
  type ScalarField,
} from "../../lib/claim-edit";

/** The form's state: the scalar fields as typed, the references as chosen. */
export type Draft = Record<ScalarField, string | boolean> & Pick<EditableClaim, EntityField | "via">;

export type FieldErrors = Partial<Record<EditableField, string>>;

const NUMBER_FIELDS = new Set<EditableField>(["valueLow", "valueBest", "valueHigh"]);
const NULLABLE_TEXT = new Set<EditableField>([
  "hedge",
  "statedOn",
  "refersFrom",
  "refersFromPrecision",
  "refersTo",
  "refersToPrecision",
]);

/** Days are typed in any accepted form and shown in the dashboard's one format. */
const DATE_FIELDS = new Set<EditableField>(["statedOn", "refersFrom", "refersTo"]);

export function toDraft(claim: EditableClaim): Draft {
  const scalars = Object.fromEntries(
    SCALAR_FIELDS.map((field) => {
      const value = claim[field];
      if (typeof value === "boolean") return [field, value];
      if (value === null) return [field, ""];
      return [field, DATE_FIELDS.has(field) ? formatDay(String(value)) || String(value) : String(value)];
    }),
  ) as Record<ScalarField, string | boolean>;
  return {
    ...scalars,
    source: claim.source,
    subjectEntity: claim.subjectEntity,
    location: claim.location,
    via: claim.via,
  };
}

/** The draft as claim values, or the fields the browser can already tell are wrong. */
export function fromDraft(draft: Draft): { claim: EditableClaim } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const claim: Record<string, unknown> = {
    source: draft.source,
    subjectEntity: draft.subjectEntity,
    location: draft.location,
    via: draft.via,
  };
  for (const field of SCALAR_FIELDS) {
    const value = draft[field];
    if (typeof value === "boolean") claim[field] = value;
    else if (DATE_FIELDS.has(field)) {
      const day = value.trim() === "" ? null : parseDayInput(value);
      if (day === null) claim[field] = null;
      else if (day.ok) claim[field] = day.iso;
      else errors[field] = day.error;
    } else if (NUMBER_FIELDS.has(field)) {
      const text = value.replace(/[,\s]/g, "");
      if (text === "") claim[field] = null;
      else if (!/^\d+$/.test(text) || Number(text) > 2_147_483_647)
        errors[field] = "must be a whole number ≥ 0";
      else claim[field] = Number(text);
    } else if (NULLABLE_TEXT.has(field)) claim[field] = value.trim() === "" ? null : value.trim();
    else claim[field] = field === "subject" ? value.trim() : value;
  }
  return Object.keys(errors).length > 0 ? { errors } : { claim: claim as unknown as EditableClaim };
}
