import type { Sentence } from "./segment.ts";

/** Where a claim's quote begins and ends in the article. */

/** A list's bullet is not part of what was said: its length at `start`. */
function bulletLength(body: string, start: number): number {
  return /^[•·▪]\s*/.exec(body.slice(start, start + 4))?.[0].length ?? 0;
}

export interface QuoteBounds {
  clauseStart: number;
  clauseEnd: number;
  frameStart: number | null;
  sentence: Sentence;
  hedgeStart: number;
  subjectEnd: number;
  earlierInSentence: boolean;
  listItem: boolean;
  prevNumberStart: number;
}

/**
 * A claim's quote: the frame that introduces it (when the frame is in the sentence and no earlier claim sits
 * between) through its clause; an item of a list quotes itself ("13 women" and "9 men" of "43 children, 13
 * women and 9 men").
 */
export function quoteSpan(body: string, q: QuoteBounds): { start: number; end: number } {
  let start = q.clauseStart;
  if (
    q.frameStart !== null &&
    q.frameStart >= q.sentence.start &&
    q.frameStart < start &&
    !q.earlierInSentence
  )
    start = q.frameStart;
  while (start < q.hedgeStart && /[\s“"‘(]/.test(body[start] ?? "")) start++;
  start += bulletLength(body, start);
  const lead = /^(?:as well as|and|but|while|as|that|so)\s+/i.exec(body.slice(start, start + 12));
  if (lead && start + lead[0].length <= q.hedgeStart) start += lead[0].length;
  if (q.listItem && q.prevNumberStart >= start) start = q.hedgeStart;
  let end = /^\s+and\s+(?:\d|(?:two|three|four|five|six|seven|eight|nine|ten|dozens|hundreds)\b)/i.test(
    body.slice(q.subjectEnd, q.clauseEnd),
  )
    ? q.subjectEnd
    : q.clauseEnd;
  while (end > start && /[\s,.;:]/.test(body[end - 1] ?? "")) end--;
  return { start, end };
}
