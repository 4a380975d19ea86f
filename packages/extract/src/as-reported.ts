import type { Span } from "./segment.ts";

/**
 * "As reported in the Ministry of Emergency Situations, nine adults were killed", "How reported Ministry of
 * Emergency Situations, …": translated copy opens its sentence with the reporting verb and names the speaker
 * after it, before a comma (the Russian "Как сообщили в МЧС"). The speaker's span, when the sentence opens so
 * and the figure comes after the comma.
 */
const AS_REPORTED =
  /^\s*(?:As|How)\s+(?:was\s+|were\s+)?(?:reported|stated|announced|noted|specified|informed)\s+(?:(?:in|at|to|from)\s+)?((?:the\s+)?\p{Lu}[^,;:“”"]{1,100}?),/u;

export function asReportedSpeaker(body: string, sentenceStart: number, quantityStart: number): Span | null {
  const m = AS_REPORTED.exec(body.slice(sentenceStart, Math.min(quantityStart, sentenceStart + 160)));
  if (!m?.[1]) return null;
  const start = sentenceStart + m[0].length - 1 - m[1].length;
  return { start, end: start + m[1].length };
}
