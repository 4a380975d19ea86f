"use client";

import { formatDay, parseDayInput } from "@headcount/shared";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useMutation } from "urql";
import {
  CHOICES,
  type ClaimEditData,
  claimPatch,
  EDITABLE_FIELDS,
  type EditableClaim,
  type EditableField,
  type EntityField,
  FIELD_LABELS,
  patchInput,
  pickEditable,
  SCALAR_FIELDS,
  type ScalarField,
  sameValue,
  showValue,
  UPDATE_CLAIM_MUTATION,
  withPatch,
} from "../../lib/claim-edit";
import { type EntityChoice, PICKER_TYPES } from "../../lib/entity-picker";
import { failureText, fieldOf, humanField, requestFailure } from "../../lib/mutation-result";
import { EntityPicker } from "./EntityPicker";
import { RelayChainEditor } from "./RelayChainEditor";

/** The form's state: the scalar fields as typed, the references as chosen. */
type Draft = Record<ScalarField, string | boolean> & Pick<EditableClaim, EntityField | "via">;

const CLEAR_LABELS: Record<EntityField, string> = {
  source: "No source (unattributed)",
  subjectEntity: "Not identified",
  location: "No place given",
};

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

function toDraft(claim: EditableClaim): Draft {
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
function fromDraft(
  draft: Draft,
): { claim: EditableClaim } | { errors: Partial<Record<EditableField, string>> } {
  const errors: Partial<Record<EditableField, string>> = {};
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

interface Conflict {
  currentVersion: number;
  currentClaim: ClaimEditData | null;
  mine: EditableClaim;
}

/**
 * The editor's form on the claim page. It keeps the version it was opened at, so an edit made meanwhile by
 * someone else (the page refreshes live) is reported as a conflict instead of being overwritten.
 */
export function ClaimEditor({ claim, initiallyOpen }: { claim: ClaimEditData; initiallyOpen: boolean }) {
  const router = useRouter();
  const formId = useId();
  const [open, setOpen] = useState(initiallyOpen);
  const [read, setRead] = useState(() => ({ version: claim.version, values: pickEditable(claim) }));
  const [draft, setDraft] = useState<Draft>(() => toDraft(pickEditable(claim)));
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Partial<Record<EditableField, string>>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [{ fetching }, updateClaim] = useMutation(UPDATE_CLAIM_MUTATION);
  const statusRef = useRef<HTMLDivElement>(null);
  const conflictRef = useRef<HTMLHeadingElement>(null);
  const firstFieldRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);
  // Opened from the review queue ("e"): the keyboard starts in the form.
  useEffect(() => {
    if (initiallyOpen) firstFieldRef.current?.focus();
  }, [initiallyOpen]);
  useEffect(() => {
    if (failure || saved) statusRef.current?.focus();
  }, [failure, saved]);

  const startEditing = () => {
    // The form starts from the claim as the page shows it now, at its current version.
    setRead({ version: claim.version, values: pickEditable(claim) });
    setDraft(toDraft(pickEditable(claim)));
    setErrors({});
    setFailure(null);
    setConflict(null);
    setSaved(null);
    setOpen(true);
    requestAnimationFrame(() => firstFieldRef.current?.focus());
  };

  const save = async (mine: EditableClaim, expectedVersion: number, base: EditableClaim) => {
    const patch = claimPatch(base, mine);
    setErrors({});
    setFailure(null);
    setSaved(null);
    if (Object.keys(patch).length === 0) {
      setFailure("Nothing to save: no field differs from the stored claim.");
      return;
    }
    const result = await updateClaim({
      id: claim.id,
      expectedVersion,
      patch: patchInput(patch),
      note: note.trim() || null,
    });
    const outcome = result.data?.updateClaim;
    if (result.error || !outcome) {
      setFailure(
        `The claim was not saved: ${result.error ? requestFailure(result.error) : "no answer from the API"}.`,
      );
      return;
    }
    switch (outcome.__typename) {
      case "ClaimMutationSuccess":
        setConflict(null);
        setOpen(false);
        setNote("");
        setSaved(`Saved: now “${outcome.claim.display}”, version ${outcome.claim.version}.`);
        router.refresh();
        return;
      case "ConflictError":
        setConflict({ currentVersion: outcome.currentVersion, currentClaim: outcome.currentClaim, mine });
        return;
      case "ValidationError": {
        const byField: Partial<Record<EditableField, string>> = {};
        const unplaced: string[] = [];
        for (const error of outcome.fieldErrors) {
          const field = fieldOf(error) as EditableField;
          if (EDITABLE_FIELDS.includes(field))
            byField[field] = byField[field] ? `${byField[field]}; ${error.message}` : error.message;
          else unplaced.push(`${humanField(fieldOf(error))}: ${error.message}`);
        }
        setErrors(byField);
        setFailure([outcome.message, ...unplaced].join(" "));
        return;
      }
      default:
        setFailure(failureText(outcome, (field) => FIELD_LABELS[field as EditableField]));
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = fromDraft(draft);
    if ("errors" in parsed) {
      setErrors(parsed.errors);
      setFailure("The claim was not saved: some fields are invalid.");
      return;
    }
    void save(parsed.claim, read.version, read.values);
  };

  const reapply = () => {
    if (!conflict) return;
    // My changes (the fields I changed from what I read) laid over the newer version.
    const stored = conflict.currentClaim ? pickEditable(conflict.currentClaim) : read.values;
    const mine = withPatch(stored, claimPatch(read.values, conflict.mine));
    setRead({ version: conflict.currentVersion, values: stored });
    setDraft(toDraft(mine));
    void save(mine, conflict.currentVersion, stored);
  };

  const discard = () => {
    setConflict(null);
    setOpen(false);
    setSaved("Your changes were discarded; the page shows the stored claim.");
    router.refresh();
  };

  const set = (field: ScalarField, value: string | boolean) => setDraft((d) => ({ ...d, [field]: value }));
  const setEntity = (field: EntityField, value: EntityChoice | null) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const setChain = (appearance: string, entities: EntityChoice[]) =>
    setDraft((d) => ({
      ...d,
      via: d.via.map((chain) => (chain.appearance === appearance ? { ...chain, entities } : chain)),
    }));
  const inputId = (field: EditableField) => `${formId}-${field}`;
  const errorId = (field: EditableField) => `${formId}-${field}-error`;
  const fieldProps = (field: EditableField) => ({
    id: inputId(field),
    name: field,
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? errorId(field) : undefined,
  });
  const fieldError = (field: EditableField) =>
    errors[field] ? (
      <p className="field-error" id={errorId(field)} data-testid={`error-${field}`}>
        {errors[field]}
      </p>
    ) : null;
  const entityField = (field: EntityField) => (
    <div key={field}>
      <EntityPicker
        id={inputId(field)}
        label={FIELD_LABELS[field]}
        value={draft[field]}
        onChange={(choice) => setEntity(field, choice)}
        types={PICKER_TYPES[field]}
        clearLabel={CLEAR_LABELS[field]}
        invalid={errors[field] !== undefined}
        describedBy={errors[field] ? errorId(field) : undefined}
        testId={`picker-${field}`}
      />
      {fieldError(field)}
    </div>
  );
  const textField = (field: ScalarField, type: "text" | "date" | "number" = "text") => (
    <div className="field" key={field}>
      <label htmlFor={inputId(field)}>{FIELD_LABELS[field]}</label>
      <input
        {...fieldProps(field)}
        ref={field === "valueLow" ? firstFieldRef : undefined}
        type="text"
        placeholder={type === "date" ? "e.g. 31 Oct 2024" : undefined}
        inputMode={type === "number" ? "numeric" : undefined}
        value={String(draft[field])}
        onChange={(event) => set(field, event.target.value)}
      />
      {fieldError(field)}
    </div>
  );
  const selectField = (field: ScalarField, choices: { value: string; label: string }[], optional = false) => (
    <div className="field" key={field}>
      <label htmlFor={inputId(field)}>{FIELD_LABELS[field]}</label>
      <select
        {...fieldProps(field)}
        value={String(draft[field])}
        onChange={(e) => set(field, e.target.value)}
      >
        {optional && <option value="">—</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      {fieldError(field)}
    </div>
  );

  return (
    <section className="card editor-panel" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>Edit the claim</h2>
      <div ref={statusRef} tabIndex={-1} aria-live="polite">
        {saved && (
          <p className="success" data-testid="edit-saved">
            {saved}
          </p>
        )}
        {failure && (
          <div className="error" role="alert" data-testid="edit-failure">
            {failure}
          </div>
        )}
      </div>
      {!open ? (
        <button type="button" onClick={startEditing}>
          Edit this claim
        </button>
      ) : (
        <>
          {conflict && (
            <ConflictView
              conflict={conflict}
              read={read.values}
              headingRef={conflictRef}
              onReapply={reapply}
              onDiscard={discard}
              busy={fetching}
            />
          )}
          <form
            onSubmit={submit}
            noValidate
            aria-describedby={`${formId}-version`}
            data-testid="claim-edit-form"
          >
            <p className="muted" id={`${formId}-version`}>
              Editing version {read.version}. Leave a value empty to clear it.
            </p>
            <fieldset className="edit-grid plain-fieldset">
              <legend className="sr-only">The number</legend>
              {textField("valueLow", "number")}
              {textField("valueBest", "number")}
              {textField("valueHigh", "number")}
              {selectField("qualifier", CHOICES.qualifier)}
              {textField("hedge")}
              {selectField("rate", CHOICES.rate)}
            </fieldset>
            <fieldset className="edit-grid plain-fieldset">
              <legend className="sr-only">What and when</legend>
              {selectField("metric", CHOICES.metric)}
              {textField("subject")}
              {textField("statedOn", "date")}
              {selectField("statedOnPrecision", CHOICES.precision)}
              {textField("refersFrom", "date")}
              {selectField("refersFromPrecision", CHOICES.precision, true)}
              {textField("refersTo", "date")}
              {selectField("refersToPrecision", CHOICES.precision, true)}
              <div className="field">
                <span className="check">
                  <input
                    {...fieldProps("additional")}
                    type="checkbox"
                    checked={draft.additional === true}
                    onChange={(event) => set("additional", event.target.checked)}
                  />
                  <label htmlFor={inputId("additional")}>{FIELD_LABELS.additional}</label>
                </span>
                {fieldError("additional")}
              </div>
            </fieldset>
            <fieldset className="edit-grid plain-fieldset">
              <legend className="sr-only">Who said it, about whom, where</legend>
              {entityField("source")}
              {entityField("subjectEntity")}
              {entityField("location")}
            </fieldset>
            <div className="relay-chains" data-testid="relay-chains">
              {draft.via.map((chain, index) => (
                <RelayChainEditor
                  key={chain.appearance}
                  idBase={`${formId}-via-${index}`}
                  chain={chain}
                  named={draft.via.length > 1}
                  onChange={(entities) => setChain(chain.appearance, entities)}
                  errorId={errors.via ? errorId("via") : undefined}
                />
              ))}
              {fieldError("via")}
            </div>
            <div className="field">
              <label htmlFor={`${formId}-note`}>Why (kept in the history)</label>
              <textarea
                id={`${formId}-note`}
                rows={2}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
            <div className="button-row">
              <button type="submit" disabled={fetching}>
                {fetching ? "Saving…" : "Save changes"}
              </button>
              <button type="button" className="secondary" onClick={() => setOpen(false)}>
                Cancel
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}

function ConflictView(props: {
  conflict: Conflict;
  read: EditableClaim;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  onReapply: () => void;
  onDiscard: () => void;
  busy: boolean;
}) {
  const { conflict, read } = props;
  const stored = conflict.currentClaim ? pickEditable(conflict.currentClaim) : null;
  const mine = claimPatch(read, conflict.mine);
  const changedByMe = new Set(Object.keys(mine));
  const reapplied = stored ? withPatch(stored, mine) : conflict.mine;
  const rows = EDITABLE_FIELDS.filter(
    (field) => changedByMe.has(field) || (stored !== null && !sameValue(field, stored[field], read[field])),
  );
  return (
    <section className="conflict card" aria-labelledby="conflict-title" data-testid="conflict">
      <h3 id="conflict-title" tabIndex={-1} ref={props.headingRef}>
        Someone else saved this claim first (now version {conflict.currentVersion})
      </h3>
      <p>
        Nothing of yours was saved. Compare the stored claim with your values, then reapply your changes on
        the newer version or discard them.
      </p>
      <table className="data compare">
        <caption className="sr-only">The stored claim beside your edit, field by field</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Stored now (version {conflict.currentVersion})</th>
            <th scope="col">Yours</th>
            <th scope="col">After reapplying</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((field) => {
            const mineChanged = changedByMe.has(field);
            return (
              <tr key={field} data-field={field}>
                <th scope="row">{FIELD_LABELS[field]}</th>
                <td>
                  <span data-testid={`stored-${field}`}>
                    {stored ? showValue(field, stored[field]) : "unknown"}
                  </span>
                </td>
                <td className={mineChanged ? "differs" : undefined}>
                  <span data-testid={`mine-${field}`}>{showValue(field, conflict.mine[field])}</span>
                  <span className="muted">{mineChanged ? " (your change)" : " (as you read it)"}</span>
                </td>
                <td data-testid={`reapplied-${field}`}>{showValue(field, reapplied[field])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="button-row">
        <button type="button" onClick={props.onReapply} disabled={props.busy}>
          Reapply my changes on the newer version
        </button>
        <button type="button" className="secondary" onClick={props.onDiscard} disabled={props.busy}>
          Discard mine
        </button>
      </div>
    </section>
  );
}
