/**
 * Figures of people that are no toll: the displaced, the evacuated, the patients sent home from hospital, houses
 * and vehicles counted.
 */

export const NOT_HARMED_BEFORE =
  /\b(?:displac\w+|uproot\w+|forc\w+ (?:\w+ )?to flee|affect\w+|left homeless|made homeless|rescued|evacuat\w+|fed|treated|vaccinated|sheltering|hosting|hosts?)\s+(?:(?:nearly|about|around|some|more than|over|almost|roughly|an estimated|at least|up to)\s+)?$/i;
const NOT_HARMED_AFTER =
  /^\s+(?:(?:houses|homes|buildings|shops|structures|shelters|vehicles|cars|trucks|tanks|aircraft|drones|missiles|rockets|shells|hectares|acres|tonnes|tons|dollars|km|kilometres|kilometers|miles|metres|meters)\b|(?:(?:other|others|more|people|civilians|residents|families|villagers|[A-Z][a-z’'-]+)\s+){0,2}(?:were|have been|had been|was|are|to be|have had to|had to|were forced to|have been forced to|have|has|had)\s+(?:also\s+|internally\s+)?(?:displaced|uprooted|evacuated|rescued|forced to flee|made homeless|left homeless|relocated|resettled|flee|fled|driven (?:out|from|away)|expelled|forced (?:out|from)|discharged|released from (?:the\s+)?hospitals?)\b|(?:(?:other|others|more|people|civilians|residents|families|villagers)\s+){1,2}(?:displaced|uprooted|driven (?:out|from|away)|expelled|forced (?:out|from))\b)/i;
/**
 * "left 12 million displaced", "15,000 displaced arrived": the displaced are victims only when the clause says what
 * happened to them ("three displaced were killed", "lost their lives") or a harm comes first ("the death of 6
 * displaced", "wounded 26 displaced people").
 */
const DISPLACED_NOT_HARMED =
  /^\s+displaced\b(?!\s+(?:(?:people|persons)\s+)?(?:(?:from|in|at)\s+[^,.;]{1,40}?\s+)?(?:(?:were|was|have been|had been)\s+(?:(?:also|reportedly)\s+)?(?:killed|wounded|injured|hurt|shot|abducted|kidnapped|among)|(?:lost their lives|died|perished)\b))/i;
const TOLL_BEFORE =
  /\b(?:deaths?|killings?|killing|killed|kill|murders?|massacre|wounded|wounding|injured|injuring|shot|abducted|kidnapped)\s+(?:of\s+)?(?:(?:about|around|some|at least)\s+)?$/i;

/** What the words right after a figure say it counts is no toll of people (see NOT_HARMED_AFTER). */
export function notHarmedAfter(body: string, start: number, end: number, limit: number): boolean {
  const after = body.slice(end, Math.min(limit, end + 60));
  if (NOT_HARMED_AFTER.test(after)) return true;
  return DISPLACED_NOT_HARMED.test(after) && !TOLL_BEFORE.test(body.slice(Math.max(0, start - 30), start));
}
