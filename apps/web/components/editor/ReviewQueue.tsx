"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import { useClient, useMutation } from "urql";
import { REVIEW_CLAIM_MUTATION } from "../../lib/claim-edit";
import { QUEUE_PAGE_SIZE, type QueueClaim, type QueuePage, REVIEW_QUEUE_QUERY } from "../../lib/review-queue";
import { articleTitle } from "../../lib/titles";
import { formatDate, METRIC_LABELS } from "../../lib/vocabulary";
import type { PageInfoData } from "../Pager";
import { claimFailure } from "./ClaimActions";

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

/** The claims in queue order, each once: a refreshed first page may now hold claims loaded later. */
function inOrder(pages: QueueClaim[][]): QueueClaim[] {
  const seen = new Set<string>();
  return pages.flat().filter((claim) => !seen.has(claim.id) && seen.add(claim.id) !== undefined);
}

/** Keys typed into a field are the field's, not shortcuts. */
function typingIn(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))
  );
}

/**
 * The queue, driven from the keyboard: the current claim holds the focus (a roving tabindex), verdicts
 * remove it from the queue and move the focus to the next one, and every outcome is announced. The first page
 * comes from the server; the next pages load when the cursor nears the end of what is loaded, or with the
 * "Load more" button.
 */
export function ReviewQueue({ initial }: { initial: QueuePage }) {
  const router = useRouter();
  const client = useClient();
  const [reviewed, setReviewed] = useState<Set<string>>(() => new Set());
  const [later, setLater] = useState<QueueClaim[]>([]);
  const [laterPageInfo, setLaterPageInfo] = useState<PageInfoData | null>(null);
  const [loading, setLoading] = useState(false);
  const [loadFailure, setLoadFailure] = useState<string | null>(null);
  const loadingRef = useRef(false);
  const focusFirstLoaded = useRef(false);
  const items = inOrder([initial.edges.map((edge) => edge.node), later]).filter(
    (claim) => !reviewed.has(claim.id),
  );
  const pageInfo = laterPageInfo ?? initial.pageInfo;
  const canLoadMore = pageInfo.hasNextPage && pageInfo.endCursor !== null;
  const [currentId, setCurrentId] = useState<string | null>(items[0]?.id ?? null);
  const [announcement, setAnnouncement] = useState("");
  const [failure, setFailure] = useState<string | null>(null);
  const [{ fetching }, reviewClaim] = useMutation(REVIEW_CLAIM_MUTATION);
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

  const loadMore = useCallback(async () => {
    const after = pageInfo.endCursor;
    if (loadingRef.current || !pageInfo.hasNextPage || after === null) return;
    loadingRef.current = true;
    setLoading(true);
    setLoadFailure(null);
    const result = await client
      .query(REVIEW_QUEUE_QUERY, { first: QUEUE_PAGE_SIZE, after }, { requestPolicy: "network-only" })
      .toPromise();
    loadingRef.current = false;
    setLoading(false);
    const page = result.data?.reviewQueue;
    if (result.error || !page) {
      focusFirstLoaded.current = false;
      setLoadFailure(
        `The next claims could not be loaded: ${result.error?.message ?? "no answer from the API"}.`,
      );
      return;
    }
    const loaded = page.edges.map((edge) => edge.node);
    setLater((claims) => [...claims, ...loaded]);
    setLaterPageInfo(page.pageInfo);
    setAnnouncement(
      `Loaded ${loaded.length} more claim${loaded.length === 1 ? "" : "s"}${page.pageInfo.hasNextPage ? "" : "; that is the whole queue"}.`,
    );
    if (focusFirstLoaded.current) {
      focusFirstLoaded.current = false;
      const first = loaded.find((claim) => !reviewed.has(claim.id));
      if (first) moveTo(first.id);
    }
  }, [client, pageInfo, reviewed, moveTo]);

  // The cursor nears the end of what is loaded: fetch the next page before it gets there.
  useEffect(() => {
    if (items.length > 0 && currentIndex >= items.length - 2 && canLoadMore) void loadMore();
  }, [currentIndex, items.length, canLoadMore, loadMore]);

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
      // At the end of what is loaded, the next claim is the first of the next page.
      const next = items[index + 1] ?? (canLoadMore ? undefined : items[index - 1]);
      setReviewed((done) => new Set(done).add(claim.id));
      setAnnouncement(
        `${verdict.done}: ${claim.display} ${claim.subject}.${next ? ` Next: ${next.display} ${next.subject}.` : canLoadMore ? " Loading the next claims." : " The queue is empty."}`,
      );
      if (next) moveTo(next.id);
      else if (canLoadMore) {
        focusFirstLoaded.current = true;
        void loadMore();
      }
    },
    [items, reviewClaim, router, moveTo, canLoadMore, loadMore],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target) || !current) return;
      const key = event.key;
      if (key === "j" || key === "ArrowDown") {
        const next = items[currentIndex + 1];
        if (next) moveTo(next.id);
        else if (canLoadMore) {
          focusFirstLoaded.current = true;
          void loadMore();
        }
      } else if (key === "k" || key === "ArrowUp") moveTo(items[currentIndex - 1]?.id);
      else if (key in VERDICT_KEYS && current.viewerCan.review && !fetching)
        void judge(current, key as VerdictKey);
      else if (key === "e" && current.viewerCan.edit)
        router.push(`/claims/${encodeURIComponent(current.id)}?edit`);
      else return;
      event.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [current, currentIndex, items, judge, moveTo, router, fetching, canLoadMore, loadMore]);

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
      {items.length === 0 && !canLoadMore ? (
        <p className="empty">Nothing left to review.</p>
      ) : (
        <>
          <ol className="queue" aria-label="Claims to review">
            {items.map((claim) => {
              const isCurrent = claim.id === current?.id;
              const appearance = claim.appearances.edges[0]?.node;
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
          {loadFailure && (
            <p className="error" role="alert">
              {loadFailure}
            </p>
          )}
          {canLoadMore && (
            <button
              type="button"
              className="secondary load-more"
              disabled={loading}
              onClick={() => {
                focusFirstLoaded.current = true;
                void loadMore();
              }}
            >
              {loading ? "Loading…" : "Load more claims"}
            </button>
          )}
        </>
      )}
    </div>
  );
}
