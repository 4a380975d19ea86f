"use client";

import type { Metric } from "@headcount/shared";
import Link from "next/link";
import {
  type Connection,
  ENTITY_CLAIMS_ABOUT_QUERY,
  ENTITY_CLAIMS_MADE_QUERY,
  ENTITY_MENTIONS_QUERY,
  type EntityClaim,
  type EntityMentionRow,
} from "../lib/entity-queries";
import { articleTitle } from "../lib/titles";
import { formatDate, lower, METRIC_LABELS } from "../lib/vocabulary";
import { MoreList } from "./MoreList";
import { ReviewBadge } from "./ReviewBadge";

const PAGE_SIZE = 20;

function ClaimItem({ claim }: { claim: EntityClaim }) {
  return (
    <>
      <Link href={`/claims/${encodeURIComponent(claim.id)}`}>{claim.display}</Link> {claim.subject}{" "}
      <span className="muted">
        ({METRIC_LABELS[lower<Metric>(claim.metric)].toLowerCase()},{" "}
        {formatDate(claim.statedOn, claim.statedOnPrecision)})
      </span>{" "}
      <ReviewBadge status={claim.reviewStatus} />
    </>
  );
}

export function EntityClaimList(props: {
  entityId: string;
  field: "claimsMade" | "claimsAbout";
  initial: Connection<EntityClaim>;
}) {
  return (
    <MoreList
      entityId={props.entityId}
      field={props.field}
      query={props.field === "claimsMade" ? ENTITY_CLAIMS_MADE_QUERY : ENTITY_CLAIMS_ABOUT_QUERY}
      initial={props.initial}
      pageSize={PAGE_SIZE}
      label="claims"
      itemKey={(claim) => claim.id}
      renderItem={(claim) => <ClaimItem claim={claim} />}
    />
  );
}

export function EntityMentionList(props: { entityId: string; initial: Connection<EntityMentionRow> }) {
  return (
    <MoreList
      entityId={props.entityId}
      field="mentions"
      query={ENTITY_MENTIONS_QUERY}
      initial={props.initial}
      pageSize={PAGE_SIZE}
      label="mentions"
      itemKey={(mention) => `${mention.article.id}:${mention.start}`}
      renderItem={(mention) => (
        <>
          “{mention.text}” in{" "}
          <Link href={`/articles/${encodeURIComponent(mention.article.id)}#claim-${mention.start}`}>
            {articleTitle(mention.article.title)}
          </Link>
        </>
      )}
    />
  );
}
