import Link from "next/link";
import type { ReactNode } from "react";
import { windowText } from "../lib/article-window";
import { articleTitle } from "../lib/titles";

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

/** A claim's highlighted words and its numbered link to the claim. */
function claimMark(claim: ClaimSpan, words: ReactNode, id?: string): ReactNode[] {
  return [
    <mark key={`c${claim.start}`} id={id} className="claim-span" data-claim-id={claim.claimId}>
      {words}
    </mark>,
    <sup key={`n${claim.start}`}>
      <Link
        href={`/claims/${encodeURIComponent(claim.claimId)}`}
        aria-label={`Claim ${claim.number}: ${claim.display}`}
      >
        [{claim.number}]
      </Link>
    </sup>,
  ];
}

function omitted(count: number, key: string): ReactNode {
  return (
    <span key={key} className="omitted muted" data-omitted={count}>
      {" "}
      … {count.toLocaleString("en-US")} characters omitted …{" "}
    </span>
  );
}

/**
 * An article's body with its claims highlighted (each with a numbered link to the claim) and the entities
 * it names linked. Offsets index the stored body, so the text shown is exactly the text the spans refer to.
 * A long body is shown only around the listed claims (see `windowText`), the gaps marked with their length.
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
  const sortedClaims = claims.toSorted((a, b) => a.start - b.start);
  const { windows, omittedBefore, omittedAfter } = windowText(body, sortedClaims);
  const nodes: ReactNode[] = [];
  let next = 0;
  windows.forEach((window, index) => {
    const gap = omittedBefore[index] ?? 0;
    if (gap > 0) nodes.push(omitted(gap, `o${window.start}`));
    let at = window.start;
    for (; next < sortedClaims.length; next++) {
      const claim = sortedClaims[next] as ClaimSpan;
      if (claim.start >= window.end) break;
      // Overlapping spans cannot nest as marks; the later one is still listed beside the text.
      if (claim.start < at) continue;
      nodes.push(...withMentions(body, at, claim.start, sortedMentions));
      nodes.push(
        ...claimMark(
          claim,
          withMentions(body, claim.start, claim.end, sortedMentions),
          `claim-${claim.start}`,
        ),
      );
      at = claim.end;
    }
    nodes.push(...withMentions(body, at, window.end, sortedMentions));
  });
  if (omittedAfter > 0) nodes.push(omitted(omittedAfter, "o-end"));
  return <div className="article-body">{nodes}</div>;
}

/**
 * An article's headline with the claims it prints highlighted, as in the body. Offsets index the stored
 * title; a title that is missing shows the placeholder without marks.
 */
export function HeadlineText({ title, claims }: { title: string; claims: ClaimSpan[] }) {
  if (!title.trim()) return <>{articleTitle(title)}</>;
  const nodes: ReactNode[] = [];
  let at = 0;
  for (const claim of claims.toSorted((a, b) => a.start - b.start)) {
    if (claim.start < at || claim.end > title.length) continue;
    if (claim.start > at) nodes.push(title.slice(at, claim.start));
    nodes.push(...claimMark(claim, title.slice(claim.start, claim.end)));
    at = claim.end;
  }
  if (at < title.length) nodes.push(title.slice(at));
  return <>{nodes}</>;
}
