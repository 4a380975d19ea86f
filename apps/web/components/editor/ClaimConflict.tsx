import type { RefObject } from "react";
import {
  claimPatch,
  EDITABLE_FIELDS,
  type EditableClaim,
  FIELD_LABELS,
  pickEditable,
  sameValue,
  showValue,
  withPatch,
} from "../../lib/claim-edit";
import type { Conflict } from "./useClaimEditor";

/** The stored claim beside the editor's refused values, field by field, with the way out of the conflict. */
export function ClaimConflict(props: {
  conflict: Conflict;
  read: EditableClaim;
  headingRef: RefObject<HTMLHeadingElement | null>;
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
