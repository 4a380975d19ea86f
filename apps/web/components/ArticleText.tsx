import Link from "next/link";
import type { ReactNode } from "react";

export interface ClaimSpan {
  start: number;
  end: number;
  claimId: string;
  display: string;
  number: number;
}

export interface MentionSpan {
  start: number;
  end: number;
  entityId: string;
  entityName: string;
}

function withMentions(body: string, from: number, to: number, mentions: MentionSpan[]): ReactNode[] {
  const nodes: ReactNode[] = [];
  let at = from;
  for (const mention of mentions) {
    if (mention.start < at || mention.end > to) continue;
    if (mention.start > at) nodes.push(body.slice(at, mention.start));
    nodes.push(
      <Link
        key={`m${mention.start}`}
        href={`/entities/${encodeURIComponent(mention.entityId)}`}
        className="mention"
        title={mention.entityName}
        data-entity-id={mention.entityId}
      >
        {body.slice(mention.start, mention.end)}
      </Link>,
    );
    at = mention.end;
  }
  if (at < to) nodes.push(body.slice(at, to));
  return nodes;
}

/**
 * An article's body with its claims highlighted (each with a numbered link to the claim) and the entities
 * it names linked. Offsets index the stored body, so the text shown is exactly the text the spans refer to.
 */
export function ArticleText({
  body,
  claims,
  mentions,
}: {
  body: string;
  claims: ClaimSpan[];
  mentions: MentionSpan[];
}) {
  const sortedMentions = mentions.toSorted((a, b) => a.start - b.start);
  const nodes: ReactNode[] = [];
  let at = 0;
  for (const claim of claims.toSorted((a, b) => a.start - b.start)) {
    // Overlapping spans cannot nest as marks; the later one is still listed beside the text.
    if (claim.start < at) continue;
    nodes.push(...withMentions(body, at, claim.start, sortedMentions));
    nodes.push(
      <mark
        key={`c${claim.start}`}
        id={`claim-${claim.start}`}
        className="claim-span"
        data-claim-id={claim.claimId}
      >
        {withMentions(body, claim.start, claim.end, sortedMentions)}
      </mark>,
      <sup key={`n${claim.start}`}>
        <Link
          href={`/claims/${encodeURIComponent(claim.claimId)}`}
          aria-label={`Claim ${claim.number}: ${claim.display}`}
        >
          [{claim.number}]
        </Link>
      </sup>,
    );
    at = claim.end;
  }
  nodes.push(...withMentions(body, at, body.length, sortedMentions));
  return <div className="article-body">{nodes}</div>;
}
