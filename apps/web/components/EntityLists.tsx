"use client";

import type { Metric } from "@headcount/shared";
import Link from "next/link";
import {
  type Connection,
  ENTITY_LISTS,
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
  const list = {
    entityId: props.entityId,
    initial: props.initial,
    pageSize: PAGE_SIZE,
    label: "claims",
    itemKey: (claim: EntityClaim) => claim.id,
    renderItem: (claim: EntityClaim) => <ClaimItem claim={claim} />,
  };
  return props.field === "claimsMade" ? (
    <MoreList {...list} {...ENTITY_LISTS.claimsMade} />
  ) : (
    <MoreList {...list} {...ENTITY_LISTS.claimsAbout} />
  );
}

export function EntityMentionList(props: { entityId: string; initial: Connection<EntityMentionRow> }) {
  return (
    <MoreList
      entityId={props.entityId}
      {...ENTITY_LISTS.mentions}
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
