import type { Sentence, Span } from "./segment.ts";

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
