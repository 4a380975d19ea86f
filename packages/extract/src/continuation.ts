import { CONTINUATION, CONTINUES_PARAGRAPH } from "./claim-clauses.ts";
import type { Working } from "./claims.ts";
import { sentenceHas } from "./scope-scan.ts";
import type { Sentence } from "./segment.ts";

/**
 * Whether a figure goes on with the claim before it (its speaker, place and subject): in the same sentence; in
 * the next one when it says so ("another", "of them", "They …", and "reportedly" within a paragraph); or in a
 * paragraph whose earlier sentence named a speaker while this one names no one.
 */
export function continuesPrevious(
  prev: Working | undefined,
  sentence: Sentence,
  sIndex: number,
  anaphoric: boolean,
  explicit: boolean,
  headingBefore = false,
): boolean {
  if (!prev) return false;
  if (prev.sentence === sIndex) return true;
  // A heading between ("Details") does not part a sentence from the one it goes on with.
  const next = prev.sentence === sIndex - 1 || (headingBefore && prev.sentence === sIndex - 2);
  if (
    next &&
    (anaphoric ||
      sentenceHas(sentence, prev.paragraph === sentence.paragraph ? CONTINUATION : CONTINUES_PARAGRAPH) ||
      /^(?:They|These|Those)\b/.test(sentence.text))
  )
    return true;
  // A speaker named in a paragraph carries over to its next sentences that name no one.
  return (
    prev.paragraph === sentence.paragraph &&
    prev.sentence >= sIndex - 2 &&
    !explicit &&
    prev.sourceRefs.length > 0
  );
}
