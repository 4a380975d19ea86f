/** What may follow a frame that closes the clause: an object, a date, an occasion, then the clause's end. */
const TAIL = String.raw`^\s*(?:(?:the\s+[\p{L}]|[\p{Lu}])[\p{L}.’'-]*(?:\s+(?:[\p{Lu}][\p{L}.’'-]*|[\p{Ll}]+)){0,5}\s*|reporters\s*|journalists\s*|dpa\s*)?(?:in\s+(?:a|an|its|their)\s+(?:statement|press release|communiqu[eé]|post|update|briefing)\b[\w ]{0,40}?|(?:on|last|this|in|late|early|by|via|over|from|at)\s+[\w ]{2,30}?|(?:today|yesterday|tonight|overnight|earlier|later|previously|separately|recently|again|also|publicly|officially)(?:\s+(?:on|in|at)\s+[\w ]{2,30}?)?RELATIVE)?\s*(?:[.,;!?]["”’]?|[–—]\s|$)`;
const TRAILING = new RegExp(TAIL.replace("RELATIVE", ""), "u");
const TRAILING_RELATIVE = new RegExp(
  TAIL.replace("RELATIVE", String.raw`|(?:that|which|who)\s+[^.;!?,]{1,100}?`),
  "u",
);

/**
 * Nothing but an object ("told Reuters"), a date and the end of the clause follow the verb; after "according to
 * X" (`relative`) also a relative clause on the speaker ("…, according to the PDF that coordinated the attacks").
 */
export function isTrailing(body: string, end: number, sentenceEnd: number, relative = false): boolean {
  // "(in Arabic)", "(AFP)": a bracketed aside changes nothing. Only the next 200 characters are read.
  const rest = body.slice(end, Math.min(sentenceEnd, end + 200)).replace(/\([^()]{0,100}\)/g, "");
  if (end + 200 < sentenceEnd && !/[.,;!?]/.test(rest)) return false;
  return (relative ? TRAILING_RELATIVE : TRAILING).test(rest);
}
