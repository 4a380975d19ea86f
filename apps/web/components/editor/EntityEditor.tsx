"use client";

import type { TadaDocumentNode } from "gql.tada";
import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { useClient } from "urql";
import {
  ADD_ENTITY_ALIAS_MUTATION,
  type EditableEntity,
  type EntityMutationResult,
  REMOVE_ENTITY_ALIAS_MUTATION,
  RENAME_ENTITY_MUTATION,
  SET_ENTITY_AFFILIATION_MUTATION,
} from "../../lib/entity-edit";
import { type EntityChoice, PICKER_TYPES } from "../../lib/entity-picker";
import { failureText, requestFailure } from "../../lib/mutation-result";
import { EntityPicker } from "./EntityPicker";

/** Where an outcome is shown: beside the field it is about. */
type Place = "name" | "alias" | "aliases" | "affiliation";
type Outcome = { place: Place; kind: "ok" | "error"; text: string };

/**
 * An editor's corrections to an entity: its canonical name (the old one stays an alias), its aliases, and the
 * side it speaks for. Each change is one mutation; its outcome, success or the API's typed error, is shown
 * beside the field, and the page around refreshes after a success.
 */
export function EntityEditor({ entity }: { entity: EditableEntity }) {
  const router = useRouter();
  const client = useClient();
  const formId = useId();
  const [current, setCurrent] = useState(entity);
  const [name, setName] = useState(entity.name);
  const [alias, setAlias] = useState("");
  const [side, setSide] = useState<EntityChoice | null>(entity.affiliation);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState<Place | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRefs = useRef(new Map<Place, HTMLElement>());

  // The page refreshed (after a change here, or live): start again from what is stored.
  useEffect(() => {
    setCurrent(entity);
    setName(entity.name);
    setSide(entity.affiliation);
  }, [entity]);

  useEffect(() => {
    if (outcome) outcomeRefs.current.get(outcome.place)?.focus();
  }, [outcome]);

  /** Runs one of the entity mutations on this entity; each answers one field of the same result union. */
  const mutate = async <Variables extends { id: string }>(
    mutation: TadaDocumentNode<Record<string, EntityMutationResult>, Variables>,
    variables: Omit<Variables, "id">,
  ): Promise<EntityMutationResult | undefined> => {
    const result = await client.mutation(mutation, { ...variables, id: current.id } as Variables).toPromise();
    if (result.error) throw new Error(requestFailure(result.error));
    return result.data ? Object.values(result.data)[0] : undefined;
  };

  const run = async (
    place: Place,
    change: () => Promise<EntityMutationResult | undefined>,
    success: (entity: EditableEntity) => string,
  ) => {
    setBusy(place);
    setOutcome(null);
    try {
      const result = await change();
      if (!result) setOutcome({ place, kind: "error", text: "Nothing changed: no answer from the API." });
      else if (result.__typename === "EntityMutationSuccess") {
        setCurrent(result.entity);
        setNote("");
        setOutcome({ place, kind: "ok", text: success(result.entity) });
        router.refresh();
      } else {
        // Each of these mutations takes one field, the one the message is shown beside: the API's sentence
        // says what is wrong with it.
        const text = result.__typename === "ValidationError" ? result.message : failureText(result);
        setOutcome({ place, kind: "error", text });
        if (result.__typename === "ConflictError") router.refresh();
      }
    } catch (error) {
      setOutcome({ place, kind: "error", text: `Nothing changed: ${(error as Error).message}.` });
    } finally {
      setBusy(null);
    }
  };

  const noteValue = () => note.trim() || null;

  const rename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = current.name;
    const wanted = name.trim();
    if (wanted === read) {
      setOutcome({ place: "name", kind: "error", text: "That is already its name." });
      return;
    }
    void run(
      "name",
      () =>
        mutate(RENAME_ENTITY_MUTATION, { expectedVersion: current.version, name: wanted, note: noteValue() }),
      (entity) => `Renamed to “${entity.name}”; “${read}” stays as an alias.`,
    );
  };

  const addAlias = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const wanted = alias.trim();
    void run(
      "alias",
      async () => {
        const result = await mutate(ADD_ENTITY_ALIAS_MUTATION, { name: wanted, note: noteValue() });
        if (result?.__typename === "EntityMutationSuccess") setAlias("");
        return result;
      },
      () => `Added the alias “${wanted}”.`,
    );
  };

  const removeAlias = (aliasName: string) =>
    void run(
      "aliases",
      () => mutate(REMOVE_ENTITY_ALIAS_MUTATION, { name: aliasName, note: noteValue() }),
      () => `Removed the alias “${aliasName}”.`,
    );

  const saveSide = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const read = current.affiliation;
    if ((side?.id ?? null) === (read?.id ?? null)) {
      setOutcome({ place: "affiliation", kind: "error", text: "Nothing to save: that is its side already." });
      return;
    }
    void run(
      "affiliation",
      () =>
        mutate(SET_ENTITY_AFFILIATION_MUTATION, {
          expectedVersion: current.version,
          affiliation: side?.id ?? null,
          note: noteValue(),
        }),
      (entity) =>
        entity.affiliation ? `Now speaks for ${entity.affiliation.name}.` : "The affiliation was cleared.",
    );
  };

  /** The outcome of a change, beside its field; the focus goes there so it is read at once. */
  const outcomeFor = (place: Place) => {
    const shown = outcome?.place === place ? outcome : null;
    return (
      <div
        tabIndex={-1}
        ref={(element) => {
          if (element) outcomeRefs.current.set(place, element);
          else outcomeRefs.current.delete(place);
        }}
        id={`${formId}-${place}-outcome`}
        data-testid={`entity-${place}-outcome`}
      >
        {shown && (
          <p
            className={shown.kind === "ok" ? "success" : "field-error"}
            role={shown.kind === "ok" ? "status" : "alert"}
          >
            {shown.text}
          </p>
        )}
      </div>
    );
  };
  const failedAt = (place: Place) => outcome?.place === place && outcome.kind === "error";
  const describedBy = (place: Place) => (failedAt(place) ? `${formId}-${place}-outcome` : undefined);

  /** A form of one text field and its button, its outcome beside the field: renaming, adding an alias. */
  const oneFieldForm = (form: {
    place: "name" | "alias";
    testId: string;
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
    label: string;
    value: string;
    onChange: (value: string) => void;
    hint?: string;
    button: string;
    busyButton: string;
  }) => {
    const id = `${formId}-${form.place}`;
    const hintId = form.hint ? `${id}-hint` : undefined;
    return (
      <form onSubmit={form.onSubmit} noValidate className="stack-form" data-testid={form.testId}>
        <div className="field">
          <label htmlFor={id}>{form.label}</label>
          <input
            id={id}
            value={form.value}
            onChange={(event) => form.onChange(event.target.value)}
            aria-invalid={failedAt(form.place) ? true : undefined}
            aria-describedby={[hintId, describedBy(form.place)].filter(Boolean).join(" ") || undefined}
          />
          {form.hint && (
            <p className="muted field-hint" id={hintId}>
              {form.hint}
            </p>
          )}
          {outcomeFor(form.place)}
        </div>
        <div className="button-row">
          <button type="submit" disabled={busy !== null}>
            {busy === form.place ? form.busyButton : form.button}
          </button>
        </div>
      </form>
    );
  };

  return (
    <section className="card editor-panel entity-editor" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>Edit the entity</h2>
      <div className="entity-editor-grid">
        {oneFieldForm({
          place: "name",
          testId: "rename-form",
          onSubmit: rename,
          label: "Canonical name",
          value: name,
          onChange: setName,
          hint: "The old name stays as an alias, so searches for it still find the entity.",
          button: "Rename",
          busyButton: "Renaming…",
        })}

        <form onSubmit={saveSide} noValidate className="stack-form" data-testid="affiliation-form">
          <div>
            <EntityPicker
              id={`${formId}-affiliation`}
              label="Speaks for"
              value={side}
              onChange={setSide}
              types={PICKER_TYPES.affiliation}
              clearLabel="No affiliation"
              invalid={failedAt("affiliation")}
              describedBy={describedBy("affiliation")}
            />
            {outcomeFor("affiliation")}
          </div>
          <div className="button-row">
            <button type="submit" disabled={busy !== null}>
              {busy === "affiliation" ? "Saving…" : "Save affiliation"}
            </button>
          </div>
        </form>

        <div className="stack-form">
          <section aria-labelledby={`${formId}-aliases`}>
            <h3 id={`${formId}-aliases`} className="field-title">
              Aliases
            </h3>
            {current.aliases.length === 0 ? (
              <p className="muted">No aliases.</p>
            ) : (
              <ul className="plain-list alias-list" data-testid="alias-list">
                {current.aliases.map((entry) => (
                  <li key={entry.name}>
                    <span>{entry.name}</span>{" "}
                    <button
                      type="button"
                      className="secondary inline-button danger"
                      disabled={busy !== null}
                      onClick={() => removeAlias(entry.name)}
                    >
                      Remove<span className="sr-only"> the alias {entry.name}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            {outcomeFor("aliases")}
          </section>
          {oneFieldForm({
            place: "alias",
            testId: "alias-form",
            onSubmit: addAlias,
            label: "New alias",
            value: alias,
            onChange: setAlias,
            button: "Add alias",
            busyButton: "Adding…",
          })}
        </div>
      </div>
      <div className="field entity-note">
        <label htmlFor={`${formId}-note`}>Why (kept in the history with the next change)</label>
        <textarea
          id={`${formId}-note`}
          rows={2}
          value={note}
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
    </section>
  );
}
