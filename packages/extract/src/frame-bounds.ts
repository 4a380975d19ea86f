import type { Sentence, Span } from "./segment.ts";

/** Where a speaker's frame ends: quotations set off as speech, and what may trail a reporting verb. */

/** A quotation that is speech on its own: it opens the sentence or follows "said," / "said:" / a dash. */
export function isSetOff(body: string, sentence: Sentence, quote: Span): boolean {
  const lead = body.slice(Math.max(sentence.start, quote.start - 40), quote.start);
  const opensSentence = quote.start - sentence.start <= 2 || /^[\s“"‘']*$/.test(lead);
  if (opensSentence) return true;
  const inner = body.slice(quote.start, Math.min(quote.end, quote.start + 200));
  let words = 0;
  for (const piece of inner.split(/\s+/)) if (/\p{L}|\d/u.test(piece) && ++words > 5) break;
  if (words <= 5) return false;
  return /[,:—–-]\s*[“"‘']?\s*$/.test(lead);
}

/** Nothing but an object ("told Reuters"), a date and the end of the clause follow the verb. */
export function isTrailing(body: string, end: number, sentenceEnd: number): boolean {
  // "(in Arabic)", "(AFP)": a bracketed aside changes nothing. Only the next 200 characters are read.
  const rest = body.slice(end, Math.min(sentenceEnd, end + 200)).replace(/\([^()]{0,100}\)/g, "");
  if (end + 200 < sentenceEnd && !/[.,;!?]/.test(rest)) return false;
  return /^\s*(?:(?:the\s+[\p{L}]|[\p{Lu}])[\p{L}.’'-]*(?:\s+(?:[\p{Lu}][\p{L}.’'-]*|[\p{Ll}]+)){0,5}\s*|reporters\s*|journalists\s*|dpa\s*)?(?:in\s+(?:a|an|its|their)\s+(?:statement|press release|communiqu[eé]|post|update|briefing)\b[\w ]{0,40}?|(?:on|last|this|in|late|early|by|via|over|from|at)\s+[\w ]{2,30}?|(?:today|yesterday|tonight|overnight|earlier|later|previously|separately|recently|again|also|publicly|officially)(?:\s+(?:on|in|at)\s+[\w ]{2,30}?)?)?\s*(?:[.,;!?]["”’]?|[–—]\s|$)/u.test(
    rest,
  );
}
