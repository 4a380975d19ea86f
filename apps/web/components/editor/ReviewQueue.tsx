"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useMutation } from "urql";
import { type ClaimMutationResult, REVIEW_CLAIM_MUTATION } from "../../lib/claim-edit";
import { articleTitle } from "../../lib/titles";
import { formatDate, type Gql, METRIC_LABELS } from "../../lib/vocabulary";
import { claimFailure } from "./ClaimActions";

export interface QueueClaim {
  id: string;
  version: number;
  display: string;
  subject: string;
  metric: string;
  confidence: number | null;
  statedOn: string | null;
  statedOnPrecision: Gql<"day" | "week" | "month" | "year" | "unknown">;
  source: { name: string } | null;
  viewerCan: { edit: boolean; review: boolean };
  appearances: { quote: string; article: { title: string; outlet: { name: string } | null } }[];
}

const VERDICT_KEYS = {
  v: { status: "VERIFIED", label: "Verify", done: "Verified" },
  d: { status: "DISPUTED", label: "Dispute", done: "Disputed" },
  r: { status: "REJECTED", label: "Reject", done: "Rejected" },
} as const;
type VerdictKey = keyof typeof VERDICT_KEYS;

const SHORTCUTS: [string, string][] = [
  ["j / ↓", "next claim"],
  ["k / ↑", "previous claim"],
  ["v", "verify"],
  ["d", "dispute"],
  ["r", "reject"],
  ["e", "edit on the claim page"],
];

/** Keys typed into a field are the field's, not shortcuts. */
function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/**
 * The queue, driven from the keyboard: the current claim holds the focus (a roving tabindex), verdicts
 * remove it from the queue and move the focus to the next one, and every outcome is announced.
 */
export function ReviewQueue({ claims }: { claims: QueueClaim[] }) {
  const router = useRouter();
  const [reviewed, setReviewed] = useState<Set<string>>(() => new Set());
  const items = claims.filter((claim) => !reviewed.has(claim.id));
  const [currentId, setCurrentId] = useState<string | null>(items[0]?.id ?? null);
  const [announcement, setAnnouncement] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [{ fetching }, reviewClaim] = useMutation<Record<string, ClaimMutationResult>>(REVIEW_CLAIM_MUTATION);
  const itemRefs = useRef(new Map<string, HTMLLIElement>());
  const focusPending = useRef(false);

  const currentIndex = Math.max(
    0,
    items.findIndex((claim) => claim.id === currentId),
  );
  const current = items[currentIndex];

  const moveTo = useCallback((id: string | undefined) => {
    if (!id) return;
    focusPending.current = true;
    setCurrentId(id);
  }, []);

  useEffect(() => {
    if (!focusPending.current || !current) return;
    focusPending.current = false;
    itemRefs.current.get(current.id)?.focus();
  }, [current]);

  const judge = useCallback(
    async (claim: QueueClaim, key: VerdictKey) => {
      const verdict = VERDICT_KEYS[key];
      setFailure(null);
      const failureText = claimFailure(
        await reviewClaim({ id: claim.id, expectedVersion: claim.version, status: verdict.status }),
      );
      if (failureText) {
        setFailure(failureText);
        router.refresh();
        return;
      }
      const index = items.findIndex((item) => item.id === claim.id);
      const next = items[index + 1] ?? items[index - 1];
      setReviewed((done) => new Set(done).add(claim.id));
      setAnnouncement(
        `${verdict.done}: ${claim.display} ${claim.subject}.${next ? ` Next: ${next.display} ${next.subject}.` : " The queue is empty."}`,
      );
      moveTo(next?.id);
    },
    [items, reviewClaim, router, moveTo],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target) || !current) return;
      const key = event.key;
      if (key === "j" || key === "ArrowDown") moveTo(items[currentIndex + 1]?.id);
      else if (key === "k" || key === "ArrowUp") moveTo(items[currentIndex - 1]?.id);
      else if (key in VERDICT_KEYS && current.viewerCan.review && !fetching)
        void judge(current, key as VerdictKey);
      else if (key === "e" && current.viewerCan.edit)
        router.push(`/claims/${encodeURIComponent(current.id)}?edit`);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [current, currentIndex, items, judge, moveTo, router, fetching]);

  return (
    <div className="review-queue">
      <section aria-labelledby="shortcuts-title" className="card">
        <h2 id="shortcuts-title">Keyboard</h2>
        <ul className="shortcuts" data-testid="shortcuts">
          {SHORTCUTS.map(([keys, action]) => (
            <li key={keys}>
              <kbd>{keys}</kbd> {action}
            </li>
          ))}
        </ul>
      </section>
      <p className="sr-only" aria-live="polite" data-testid="queue-announcement">
        {announcement}
      </p>
      {failure && (
        <p className="error" role="alert" data-testid="queue-failure">
          {failure}
        </p>
      )}
      {items.length === 0 ? (
        <p className="empty">Nothing left to review.</p>
      ) : (
        <ol className="queue" aria-label="Claims to review">
          {items.map((claim) => {
            const isCurrent = claim.id === current?.id;
            const appearance = claim.appearances[0];
            return (
              <li
                key={claim.id}
                ref={(element) => {
                  if (element) itemRefs.current.set(claim.id, element);
                  else itemRefs.current.delete(claim.id);
                }}
                className="queue-item"
                tabIndex={isCurrent ? 0 : -1}
                aria-current={isCurrent ? "true" : undefined}
                data-claim-id={claim.id}
                onFocus={() => setCurrentId(claim.id)}
              >
                <p className="queue-claim">
                  <strong>{claim.display}</strong> {claim.subject}{" "}
                  <span className="muted">
                    · {METRIC_LABELS[claim.metric.toLowerCase() as keyof typeof METRIC_LABELS]} ·{" "}
                    {claim.source?.name ?? "unattributed"} ·{" "}
                    {formatDate(claim.statedOn, claim.statedOnPrecision)}
                    {claim.confidence !== null && ` · ${Math.round(claim.confidence * 100)}% confident`}
                  </span>
                </p>
                {appearance && (
                  <blockquote className="queue-quote">
                    “{appearance.quote}”{" "}
                    <span className="muted">
                      — {articleTitle(appearance.article.title)}
                      {appearance.article.outlet ? `, ${appearance.article.outlet.name}` : ""}
                    </span>
                  </blockquote>
                )}
                {isCurrent && (
                  <div className="button-row">
                    {claim.viewerCan.review &&
                      (Object.keys(VERDICT_KEYS) as VerdictKey[]).map((key) => (
                        <button
                          key={key}
                          type="button"
                          className="secondary"
                          disabled={fetching}
                          onClick={() => void judge(claim, key)}
                          aria-keyshortcuts={key}
                        >
                          {VERDICT_KEYS[key].label} <kbd>{key}</kbd>
                        </button>
                      ))}
                    {claim.viewerCan.edit && (
                      <a href={`/claims/${encodeURIComponent(claim.id)}?edit`} aria-keyshortcuts="e">
                        Edit <kbd>e</kbd>
                      </a>
                    )}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
