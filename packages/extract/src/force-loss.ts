/**
 * "we lost nine people" are dead; "Russian troops lost 1,140 people", "the army lost 1,262 people daily" and
 * "lost 1,262 people killed and wounded" are a force's losses: killed and wounded together.
 */
export function forceLoss(beforeLost: string, afterNoun: string): "killed" | "casualties" {
  if (/^\s+(?:in\s+)?(?:killed|dead)\s+(?:and|or)\s+(?:wounded|injured)\b/i.test(afterNoun))
    return "casualties";
  if (
    /\b(?:army|troops|forces|military|brigades?|battalions?|units?)\s+(?:has\s+|have\s+|had\s+)?(?:\w+\s+)?$/i.test(
      beforeLost,
    )
  )
    return "casualties";
  return "killed";
}
