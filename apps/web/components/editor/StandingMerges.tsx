"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useMutation } from "urql";
import { failureText } from "../../lib/mutation-result";
import { type StandingMergeData, UNDO_MUTATION } from "./merge-suggestion-fields";

function how(merge: StandingMergeData): string {
  if (!merge.automatic) return "by an editor";
  return merge.score === null
    ? "automatically"
    : `automatically, names ${Math.round(merge.score * 100)}% alike`;
}

/**
 * The entities merged into this one, and how: by an editor, or by ingest itself as a close spelling variant.
 * An editor can undo any of them; everything the merge moved goes back.
 */
export function StandingMerges({ merges, editor }: { merges: StandingMergeData[]; editor: boolean }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const [undo, undoMerge] = useMutation(UNDO_MUTATION);
  return (
    <>
      {failure && (
        <p className="error" role="alert" data-testid="undo-failure">
          {failure}
        </p>
      )}
      <ul className="plain-list" data-testid="standing-merges">
        {merges.map((merge) => (
          <li key={merge.id}>
            <Link href={`/entities/${encodeURIComponent(merge.merged.id)}`}>{merge.merged.name}</Link>{" "}
            <span className="muted">
              ({how(merge)}, {new Date(merge.judgedAt as string).toISOString().slice(0, 10)})
            </span>{" "}
            {editor && (
              <button
                type="button"
                className="secondary inline-button"
                disabled={undo.fetching}
                onClick={async () => {
                  const result = await undoMerge({ judgement: merge.id });
                  const outcome = result.data?.undoMerge;
                  if (result.error || !outcome)
                    setFailure(`Nothing changed: ${result.error?.message ?? "no answer"}.`);
                  else if (outcome.__typename !== "MergeMutationSuccess") setFailure(failureText(outcome));
                  else {
                    setFailure(null);
                    router.refresh();
                  }
                }}
              >
                Undo merge<span className="sr-only"> of {merge.merged.name}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
