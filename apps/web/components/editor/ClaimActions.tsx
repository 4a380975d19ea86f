"use client";

import { useRouter } from "next/navigation";
import { useCallback, useId, useRef, useState } from "react";
import { useMutation } from "urql";
import {
  type ClaimMutationResult,
  DELETE_CLAIM_MUTATION,
  RESTORE_CLAIM_MUTATION,
  REVIEW_CLAIM_MUTATION,
} from "../../lib/claim-edit";
import { failureText, requestFailure } from "../../lib/mutation-result";
import { ConfirmDialog } from "./ConfirmDialog";

const VERDICTS = [
  { status: "VERIFIED", label: "Verify" },
  { status: "DISPUTED", label: "Dispute" },
  { status: "REJECTED", label: "Reject" },
  { status: "UNREVIEWED", label: "Mark unreviewed" },
] as const;

/** Outcome of one claim mutation in words, or null on success. */
export function claimFailure(result: {
  data?: Record<string, ClaimMutationResult> | undefined;
  error?: Parameters<typeof requestFailure>[0] | undefined;
}): string | null {
  const outcome = result.data ? Object.values(result.data)[0] : undefined;
  if (result.error || !outcome)
    return `Nothing changed: ${result.error ? requestFailure(result.error) : "no answer from the API"}.`;
  if (outcome.__typename === "ClaimMutationSuccess") return null;
  if (outcome.__typename === "ConflictError")
    return `${outcome.message} The claim is now at version ${outcome.currentVersion}; the page has been reloaded, try again.`;
  return failureText(outcome);
}

/**
 * Review verdicts and delete/restore, each shown only when `viewerCan` allows it. Deleting asks first;
 * restoring does not (it only brings back what was there).
 */
export function ClaimActions(props: {
  claimId: string;
  /** The claim in words ("about 10,000 troops"), for the delete question. */
  claimLabel: string;
  version: number;
  reviewStatus: string;
  deleted: boolean;
  canReview: boolean;
  canDelete: boolean;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const [review, reviewClaim] = useMutation(REVIEW_CLAIM_MUTATION);
  const [remove, deleteClaim] = useMutation(DELETE_CLAIM_MUTATION);
  const [restore, restoreClaim] = useMutation(RESTORE_CLAIM_MUTATION);
  const busy = review.fetching || remove.fetching || restore.fetching;
  const [confirming, setConfirming] = useState(false);
  const [deleteNote, setDeleteNote] = useState("");
  const noteId = useId();
  const cancelDelete = useCallback(() => setConfirming(false), []);

  const report = (failure: string | null, success: string) => {
    setMessage(failure ? { kind: "error", text: failure } : { kind: "ok", text: success });
    router.refresh();
    requestAnimationFrame(() => statusRef.current?.focus());
  };
  const variables = { id: props.claimId, expectedVersion: props.version };

  return (
    <section className="card editor-panel" aria-labelledby="actions-title">
      <h2 id="actions-title">Editor actions</h2>
      <div ref={statusRef} tabIndex={-1}>
        {message && (
          <p
            className={message.kind === "ok" ? "success" : "error"}
            role={message.kind === "ok" ? "status" : "alert"}
            data-testid="action-result"
          >
            {message.text}
          </p>
        )}
      </div>
      {props.canReview && (
        <fieldset className="button-row plain-fieldset">
          <legend className="sr-only">Review verdict</legend>
          {VERDICTS.map((verdict) => (
            <button
              key={verdict.status}
              type="button"
              className={props.reviewStatus === verdict.status ? undefined : "secondary"}
              aria-pressed={props.reviewStatus === verdict.status}
              disabled={busy}
              onClick={async () =>
                report(
                  claimFailure(await reviewClaim({ ...variables, status: verdict.status })),
                  `Marked ${verdict.status.toLowerCase()}.`,
                )
              }
            >
              {verdict.label}
            </button>
          ))}
        </fieldset>
      )}
      {props.canDelete && (
        <div className="button-row">
          {props.deleted ? (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={async () => report(claimFailure(await restoreClaim(variables)), "Restored.")}
            >
              Restore this claim
            </button>
          ) : (
            <button
              type="button"
              className="secondary danger"
              disabled={busy}
              aria-haspopup="dialog"
              onClick={() => setConfirming(true)}
            >
              Delete this claim…
            </button>
          )}
        </div>
      )}
      {props.canDelete && (
        <ConfirmDialog
          open={confirming}
          title="Delete this claim?"
          confirmLabel="Delete the claim"
          cancelLabel="Keep it"
          busy={remove.fetching}
          onCancel={cancelDelete}
          onConfirm={async () => {
            const result = await deleteClaim({ ...variables, note: deleteNote.trim() || null });
            setConfirming(false);
            setDeleteNote("");
            report(
              claimFailure(result),
              "Deleted: hidden from public lists and charts; it can be restored here.",
            );
          }}
          description={
            <p>
              “{props.claimLabel}” will be hidden from public lists, charts and article highlights. It keeps
              its history, and an editor can restore it on this page.
            </p>
          }
          testId="confirm-delete"
        >
          <div className="field">
            <label htmlFor={noteId}>Why delete it (kept in the history)</label>
            <textarea
              id={noteId}
              rows={2}
              value={deleteNote}
              onChange={(e) => setDeleteNote(e.target.value)}
            />
          </div>
        </ConfirmDialog>
      )}
    </section>
  );
}
