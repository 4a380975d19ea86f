"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import {
  type ClaimEditData,
  claimPatch,
  EDITABLE_FIELDS,
  type EditableClaim,
  type EditableField,
  type EntityField,
  FIELD_LABELS,
  patchInput,
  pickEditable,
  type ScalarField,
  UPDATE_CLAIM_MUTATION,
  withPatch,
} from "../../lib/claim-edit";
import type { EntityChoice } from "../../lib/entity-picker";
import { failureText, fieldOf, humanField, requestFailure } from "../../lib/mutation-result";
import { type Draft, type FieldErrors, fromDraft, toDraft } from "./claim-draft";

/** A save refused because someone else saved first: the newer claim, and the values I tried to save. */
export interface Conflict {
  currentVersion: number;
  currentClaim: ClaimEditData | null;
  mine: EditableClaim;
}

/** Validation errors sorted onto the form's fields; the rest is said in words. */
function placeFieldErrors(fieldErrors: Parameters<typeof fieldOf>[0][]) {
  const byField: FieldErrors = {};
  const unplaced: string[] = [];
  for (const error of fieldErrors) {
    const field = fieldOf(error) as EditableField;
    if (EDITABLE_FIELDS.includes(field))
      byField[field] = byField[field] ? `${byField[field]}; ${error.message}` : error.message;
    else unplaced.push(`${humanField(fieldOf(error))}: ${error.message}`);
  }
  return { byField, unplaced };
}

/**
 * The claim editor's state: the draft, what it was read at, and the outcome of saving. It keeps the version
 * the form was opened at, so an edit made meanwhile by someone else (the page refreshes live) is reported as
 * a conflict instead of being overwritten.
 */
export function useClaimEditor(claim: ClaimEditData, initiallyOpen: boolean) {
  const router = useRouter();
  const [open, setOpen] = useState(initiallyOpen);
  const [read, setRead] = useState(() => ({ version: claim.version, values: pickEditable(claim) }));
  const [draft, setDraft] = useState<Draft>(() => toDraft(pickEditable(claim)));
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
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
        const { byField, unplaced } = placeFieldErrors(outcome.fieldErrors);
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

  const setScalar = (field: ScalarField, value: string | boolean) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const setEntity = (field: EntityField, value: EntityChoice | null) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const setChain = (appearance: string, entities: EntityChoice[]) =>
    setDraft((d) => ({
      ...d,
      via: d.via.map((chain) => (chain.appearance === appearance ? { ...chain, entities } : chain)),
    }));

  return {
    open,
    cancel: () => setOpen(false),
    read,
    draft,
    note,
    setNote,
    errors,
    failure,
    conflict,
    saved,
    fetching,
    refs: { status: statusRef, conflict: conflictRef, firstField: firstFieldRef },
    startEditing,
    submit,
    reapply,
    discard,
    setScalar,
    setEntity,
    setChain,
  };
}
