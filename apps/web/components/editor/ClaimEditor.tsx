"use client";

import { useId } from "react";
import { CHOICES, type ClaimEditData, type EntityField, type ScalarField } from "../../lib/claim-edit";
import { ClaimConflict } from "./ClaimConflict";
import { CheckField, EntityRefField, errorIdOf, FieldError, SelectField, TextField } from "./ClaimFields";
import { RelayChainEditor } from "./RelayChainEditor";
import { useClaimEditor } from "./useClaimEditor";

/**
 * The editor's form on the claim page: the fields grouped as an editor reads a claim (the number; what and
 * when; who said it), the relay chains, a note for the history, and the conflict view when a save is refused.
 */
export function ClaimEditor({ claim, initiallyOpen }: { claim: ClaimEditData; initiallyOpen: boolean }) {
  const formId = useId();
  const editor = useClaimEditor(claim, initiallyOpen);
  const { draft, errors } = editor;
  const at = <F extends ScalarField | EntityField | "via">(field: F) => ({
    formId,
    field,
    error: errors[field],
  });
  const text = (field: ScalarField, kind?: "date" | "number") => (
    <TextField
      {...at(field)}
      kind={kind}
      value={String(draft[field])}
      onChange={(value) => editor.setScalar(field, value)}
      inputRef={field === "valueLow" ? editor.refs.firstField : undefined}
    />
  );
  const select = (field: ScalarField, choices: { value: string; label: string }[], optional = false) => (
    <SelectField
      {...at(field)}
      choices={choices}
      optional={optional}
      value={String(draft[field])}
      onChange={(value) => editor.setScalar(field, value)}
    />
  );
  const entity = (field: EntityField) => (
    <EntityRefField
      {...at(field)}
      value={draft[field]}
      onChange={(choice) => editor.setEntity(field, choice)}
    />
  );

  return (
    <section className="card editor-panel" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>Edit the claim</h2>
      <div ref={editor.refs.status} tabIndex={-1} aria-live="polite">
        {editor.saved && (
          <p className="success" data-testid="edit-saved">
            {editor.saved}
          </p>
        )}
        {editor.failure && (
          <div className="error" role="alert" data-testid="edit-failure">
            {editor.failure}
          </div>
        )}
      </div>
      {!editor.open ? (
        <button type="button" onClick={editor.startEditing}>
          Edit this claim
        </button>
      ) : (
        <>
          {editor.conflict && (
            <ClaimConflict
              conflict={editor.conflict}
              read={editor.read.values}
              headingRef={editor.refs.conflict}
              onReapply={editor.reapply}
              onDiscard={editor.discard}
              busy={editor.fetching}
            />
          )}
          <form
            onSubmit={editor.submit}
            noValidate
            aria-describedby={`${formId}-version`}
            data-testid="claim-edit-form"
          >
            <p className="muted" id={`${formId}-version`}>
              Editing version {editor.read.version}. Leave a value empty to clear it.
            </p>
            <fieldset className="edit-grid plain-fieldset">
              <legend className="sr-only">The number</legend>
              {text("valueLow", "number")}
              {text("valueBest", "number")}
              {text("valueHigh", "number")}
              {select("qualifier", CHOICES.qualifier)}
              {text("hedge")}
              {select("rate", CHOICES.rate)}
            </fieldset>
            <fieldset className="edit-grid plain-fieldset">
              <legend className="sr-only">What and when</legend>
              {select("metric", CHOICES.metric)}
              {text("subject")}
              {text("statedOn", "date")}
              {select("statedOnPrecision", CHOICES.precision)}
              {text("refersFrom", "date")}
              {select("refersFromPrecision", CHOICES.precision, true)}
              {text("refersTo", "date")}
              {select("refersToPrecision", CHOICES.precision, true)}
              <CheckField
                {...at("additional")}
                checked={draft.additional === true}
                onChange={(checked) => editor.setScalar("additional", checked)}
              />
            </fieldset>
            <fieldset className="edit-grid plain-fieldset">
              <legend className="sr-only">Who said it, about whom, where</legend>
              {entity("source")}
              {entity("subjectEntity")}
              {entity("location")}
            </fieldset>
            <div className="relay-chains" data-testid="relay-chains">
              {draft.via.map((chain, index) => (
                <RelayChainEditor
                  key={chain.appearance}
                  idBase={`${formId}-via-${index}`}
                  chain={chain}
                  named={draft.via.length > 1}
                  onChange={(entities) => editor.setChain(chain.appearance, entities)}
                  errorId={errors.via ? errorIdOf(formId, "via") : undefined}
                />
              ))}
              <FieldError {...at("via")} />
            </div>
            <div className="field">
              <label htmlFor={`${formId}-note`}>Why (kept in the history)</label>
              <textarea
                id={`${formId}-note`}
                rows={2}
                value={editor.note}
                onChange={(e) => editor.setNote(e.target.value)}
              />
            </div>
            <div className="button-row">
              <button type="submit" disabled={editor.fetching}>
                {editor.fetching ? "Saving…" : "Save changes"}
              </button>
              <button type="button" className="secondary" onClick={editor.cancel}>
                Cancel
              </button>
            </div>
          </form>
        </>
      )}
    </section>
  );
}
