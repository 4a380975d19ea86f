import type { Sentence, Span } from "./segment.ts";

/**
 * "As reported in the Ministry of Emergency Situations, nine adults were killed", "How reported Ministry of
 * Emergency Situations, …": translated copy opens its sentence with the reporting verb and names the speaker
 * after it, before a comma (the Russian "Как сообщили в МЧС"). The speaker's span, when the sentence opens so
 * and the figure comes after the comma.
 */
const AS_REPORTED =
  /^\s*(?:As|How)\s+(?:was\s+|were\s+)?(?:reported|stated|announced|noted|specified|informed)\s+(?:(?:in|at|to|from)\s+)?((?:the\s+)?\p{Lu}[^,;:“”"]{1,100}?),/u;

/**
 * "…, as revealed in a recent report by the United Nations mission in Haiti", "…, as detailed in a human rights
 * report released by the UN mission": after the figure, a document and who issued it. The issuer's span (read
 * only in the 300 characters after the figure).
 */
const AS_IN_DOCUMENT =
  /,\s+as\s+(?:revealed|detailed|documented|outlined|described|set out|shown|stated|reported|recorded)\s+in\s+(?:a|an|the|its|their)\s+(?:[\p{L}-]+\s+){0,3}?(?:report|statement|document|study|assessment|review|update)\s+(?:(?:released|published|issued|prepared|compiled)\s+)?by\s+((?:the\s+)?\p{Lu}[^,;:“”"]{1,120}?)\s*(?:[,;]|\.(?!\S)|$)/u;

export function asReportedSpeaker(body: string, sentence: Sentence, quantityStart: number): Span | null {
  const m = AS_REPORTED.exec(body.slice(sentence.start, Math.min(quantityStart, sentence.start + 160)));
  if (m?.[1]) {
    const start = sentence.start + m[0].length - 1 - m[1].length;
    return { start, end: start + m[1].length };
  }
  const tail = body.slice(quantityStart, Math.min(sentence.end, quantityStart + 300));
  const doc = AS_IN_DOCUMENT.exec(tail);
  if (!doc?.[1]) return null;
  const start = quantityStart + doc.index + doc[0].indexOf(doc[1], doc[0].indexOf(" by ") + 3);
  return { start, end: start + doc[1].length };
}
