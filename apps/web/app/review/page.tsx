import type { Metadata } from "next";
import { ApiErrorNotice } from "../../components/ApiErrorNotice";
import { EditorsOnly } from "../../components/EditorsOnly";
import { type QueueClaim, ReviewQueue } from "../../components/editor/ReviewQueue";
import { LiveRefresh } from "../../components/LiveRefresh";
import { fetchApi } from "../../lib/queries";
import { fetchViewer, isEditor } from "../../lib/viewer";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Review queue" };

const QUEUE_SIZE = 50;

const REVIEW_QUEUE_QUERY = /* GraphQL */ `
  query ReviewQueue($first: Int!) {
    reviewQueue(first: $first) {
      totalCount
      edges {
        node {
          id
          version
          display
          subject
          metric
          confidence
          statedOn
          statedOnPrecision
          source {
            name
          }
          viewerCan {
            edit
            review
          }
          appearances {
            quote
            article {
              title
              outlet {
                name
              }
            }
          }
        }
      }
    }
  }
`;

export default async function ReviewPage() {
  const viewer = await fetchViewer();
  if (!isEditor(viewer)) return <EditorsOnly viewer={viewer} path="/review" title="Review queue" />;
  let queue: { totalCount: number; edges: { node: QueueClaim }[] };
  try {
    queue = (await fetchApi<{ reviewQueue: typeof queue }>(REVIEW_QUEUE_QUERY, { first: QUEUE_SIZE }))
      .reviewQueue;
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
  return (
    <>
      <div className="page-head">
        <h1>Review queue</h1>
        <LiveRefresh filter={{ reviewStatus: ["UNREVIEWED"] }} />
      </div>
      <p className="muted">
        Machine claims no editor has reviewed yet, least confident first: {queue.totalCount} waiting
        {queue.totalCount > QUEUE_SIZE ? `, the first ${QUEUE_SIZE} shown` : ""}.
      </p>
      <ReviewQueue claims={queue.edges.map((edge) => edge.node)} />
    </>
  );
}
