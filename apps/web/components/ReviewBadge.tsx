import type { ReviewStatus } from "@headcount/shared";
import { type Gql, lower, STATUS_LABELS } from "../lib/vocabulary";

export function ReviewBadge({ status }: { status: Gql<ReviewStatus> }) {
  const value = lower<ReviewStatus>(status);
  return <span className={`badge badge-${value}`}>{STATUS_LABELS[value]}</span>;
}
