import type { Metadata } from "next";
import { ApiErrorNotice } from "../../components/ApiErrorNotice";
import { EditorsOnly } from "../../components/EditorsOnly";
import { ReviewQueue } from "../../components/editor/ReviewQueue";
import { LiveRefresh } from "../../components/LiveRefresh";
import { fetchApi } from "../../lib/queries";
import { QUEUE_PAGE_SIZE, type QueuePage, REVIEW_QUEUE_QUERY } from "../../lib/review-queue";
import { fetchViewer, isEditor } from "../../lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review queue" };

export default async function ReviewPage() {
  const viewer = await fetchViewer();
  if (!isEditor(viewer)) return <EditorsOnly viewer={viewer} path="/review" title="Review queue" />;
  let queue: QueuePage;
  try {
    queue = (await fetchApi(REVIEW_QUEUE_QUERY, { first: QUEUE_PAGE_SIZE, after: null })).reviewQueue;
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
  return (
    <>
      <div className="page-head">
        <h1>Review queue</h1>
        {/* Every change, not only unreviewed claims': a verdict takes a claim out of the queue, and the
            count above must follow it. */}
        <LiveRefresh />
      </div>
      <p className="muted">
        Machine claims no editor has reviewed yet, least confident first: {queue.totalCount} waiting. More
        load as you reach the end of the list.
      </p>
      <ReviewQueue initial={queue} />
    </>
  );
}
