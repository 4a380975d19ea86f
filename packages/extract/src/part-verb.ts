const VERB_AFTER_PART =
  /^["”’)]?,?\s+and\s+(?:also\s+)?(?:injur|wound|kill|maim|captur|abduct|kidnap|left|leaving)\w*/i;

/** "killed 20 people including three children and injured six": the verb after the part opens the next clause. */
export function verbAfterPart(body: string, hedgeStart: number, subjectEnd: number): boolean {
  return (
    /\bincluding\s+["“]?$/i.test(body.slice(Math.max(0, hedgeStart - 12), hedgeStart)) &&
    VERB_AFTER_PART.test(body.slice(subjectEnd, subjectEnd + 30))
  );
}
