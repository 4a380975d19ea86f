/**
 * "…, the Coordination Headquarters for the Treatment of Prisoners of War reports.", "…, the ministry
 * reports.": after the figure, a word that may be a noun ("reports", "estimates", "claims") is the frame's
 * verb when a name, or a body named by its kind, stands right before it after a comma. "…, contrary to
 * social media reports" stays a noun.
 */
const NAME_BEFORE =
  /(?:^|,)\s*(?:the\s+)?\p{Lu}[\p{L}.’'-]*(?:\s+(?:(?:for|of|the|on|and|in|to)\s+){0,2}\p{Lu}[\p{L}.’'-]*){0,8}\s+$/u;
const BODY_BEFORE =
  /,\s*the\s+(?:[\p{Ll}-]+\s+){0,2}(?:ministry|agency|army|military|police|government|headquarters|office|monitor|observatory|committee|mission|service|command|authorities|council)\s+$/u;

export function nounVerbAfterSpeaker(beforeVerb: string, afterVerb: string): boolean {
  if (NAME_BEFORE.test(beforeVerb)) return true;
  // A body named by its kind only where the verb closes the sentence ("…, the ministry reports.").
  return /^\s*(?:[.;!?]|$)/.test(afterVerb) && BODY_BEFORE.test(beforeVerb);
}
