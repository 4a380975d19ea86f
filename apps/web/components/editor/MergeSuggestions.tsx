"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useMutation } from "urql";
import { failureText } from "../../lib/mutation-result";
import {
  JUDGE_MUTATION,
  type Judgement,
  type JudgementResult,
  type SuggestionData,
  UNDO_MUTATION,
} from "./merge-suggestion-fields";

const VERDICTS = [
  { verdict: "SAME", label: "Merge" },
  { verdict: "DIFFERENT", label: "Not the same" },
  { verdict: "UNSURE", label: "Unsure" },
] as const;

function outcomeText(judgement: Judgement): string {
  if (judgement.undone) return `Merge undone: ${judgement.merged.name} stands alone again.`;
  if (judgement.verdict === "SAME") return `Merged ${judgement.merged.name} into ${judgement.kept.name}.`;
  if (judgement.verdict === "DIFFERENT")
    return `Recorded: ${judgement.kept.name} and ${judgement.merged.name} are not the same.`;
  return `Recorded as unsure; the suggestion stays open.`;
}

/**
 * The machine's merge suggestions with an editor's verdicts. Judgements made here stay listed (with Undo
 * for a merge) while the page refreshes around them.
 */
export function MergeSuggestions({
  suggestions,
  editor,
}: {
  suggestions: SuggestionData[];
  editor: boolean;
}) {
  const router = useRouter();
  const [judgements, setJudgements] = useState<Judgement[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [judge, judgeSuggestion] = useMutation(JUDGE_MUTATION);
  const [undo, undoMerge] = useMutation(UNDO_MUTATION);
  const statusRef = useRef<HTMLDivElement>(null);
  const busy = judge.fetching || undo.fetching;

  const record = (
    result: { data?: Record<string, JudgementResult>; error?: { message: string } },
    replace?: string,
  ) => {
    const outcome = result.data ? Object.values(result.data)[0] : undefined;
    if (result.error || !outcome) setFailure(`Nothing changed: ${result.error?.message ?? "no answer"}.`);
    else if (outcome.__typename !== "MergeMutationSuccess") setFailure(failureText(outcome));
    else {
      setFailure(null);
      const judgement = outcome.judgement;
      setJudgements((list) => [judgement, ...list.filter((j) => j.id !== (replace ?? judgement.id))]);
      router.refresh();
    }
    requestAnimationFrame(() => statusRef.current?.focus());
  };

  return (
    <>
      <div ref={statusRef} tabIndex={-1} aria-live="polite">
        {failure && (
          <p className="error" role="alert" data-testid="merge-failure">
            {failure}
          </p>
        )}
        {judgements.length > 0 && (
          <ul className="plain-list" data-testid="judgements">
            {judgements.map((judgement) => (
              <li key={judgement.id} className="success">
                {outcomeText(judgement)}{" "}
                {judgement.verdict === "SAME" && !judgement.undone && (
                  <button
                    type="button"
                    className="secondary inline-button"
                    disabled={busy}
                    onClick={async () => record(await undoMerge({ judgement: judgement.id }))}
                  >
                    Undo merge
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      {suggestions.length === 0 ? (
        <p className="muted">No merge suggestions.</p>
      ) : (
        <ul className="plain-list suggestions">
          {suggestions.map((suggestion) => (
            <li key={suggestion.id} data-suggestion-id={suggestion.id}>
              <Link href={`/entities/${encodeURIComponent(suggestion.entity.id)}`}>
                {suggestion.entity.name}
              </Link>{" "}
              <span className="muted">
                ({suggestion.entity.type.toLowerCase()}
                {suggestion.score !== null ? `, ${Math.round(suggestion.score * 100)}% likely` : ""})
              </span>
              {editor && (
                <fieldset className="button-row plain-fieldset suggestion-verdicts">
                  <legend className="sr-only">Is it the same as {suggestion.entity.name}?</legend>
                  {VERDICTS.map((choice) => (
                    <button
                      key={choice.verdict}
                      type="button"
                      className="secondary"
                      disabled={busy}
                      onClick={async () =>
                        record(await judgeSuggestion({ suggestion: suggestion.id, verdict: choice.verdict }))
                      }
                    >
                      {choice.label}
                      <span className="sr-only"> ({suggestion.entity.name})</span>
                    </button>
                  ))}
                </fieldset>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
