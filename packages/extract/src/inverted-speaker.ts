/**
 * "…, said the army.", "…, said a source at the ministry.", "…, said residents.": whether all that follows a
 * reporting verb after the figure, up to the end of the sentence, is its speaker (an inverted frame), so that
 * the verb attributes the figure before it. `after` is the text from the verb's end to the sentence's end.
 */
export function namesSpeakerAfterVerb(after: string): boolean {
  return (
    // "…, said the Defence Ministry.", "…, said Ali Hassan."
    /^\s+(?:the\s+)?[\p{Lu}][^,;]{1,140}?\s*(?:[.;!?]["”’]?)?\s*$/u.test(after) ||
    // "…, said a source at the ministry."
    /^\s+(?:an?|one)\s+[^,;]{1,140}?(?:,\s+(?:or\s+[^,;]{1,20}|(?:declining|asking|speaking|who)\b[^,;]{1,100}))?\s*(?:[.;!?]["”’]?)?\s*$/u.test(
      after,
    ) ||
    // "…, said military’s media wing on Wednesday.": a body named by its owner, no article.
    /^\s+\p{Ll}[\p{L}-]{1,30}[’']s\s+[^,;]{1,80}?\s*(?:[.;!?]["”’]?)?\s*$/u.test(after) ||
    // "…, said residents.", "…, said local officials on Monday.": people described, no article.
    /^\s+(?:(?:local|other|some|several|two|three|many)\s+)?(?:residents|witnesses|eyewitnesses|locals|villagers|officials|activists|medics|doctors|sources|survivors|relatives|rescuers|police|authorities|analysts|monitors|lawmakers|diplomats|aid workers|health workers)\b[^,;]{0,60}?\s*(?:[.;!?]["”’]?)?\s*$/u.test(
      after,
    )
  );
}
