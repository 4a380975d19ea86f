import type { Working } from "./claims.ts";
import type { Hedged } from "./hedges.ts";
import type { PeopleHead } from "./metrics.ts";
import type { Quantity } from "./numbers.ts";

/**
 * "killed at least nine soldiers and nine civilians", "the deaths of more than 43 children, 13 women and 9
 * men": a floor that opens a list of people the verb (or "the deaths of") takes as its object bounds every
 * item of the list (also when the list is the verb's second object: "killed 200 fighters and at least nine
 * soldiers and nine civilians"). A pair in subject position ("At least 17 soldiers and four civilians were
 * killed") is sharedHedge's (shared-hedge.ts); a figure after another verb ("killed at least 12 and wounded
 * 30") is a figure of its own.
 */

const FIGURE = String.raw`(?:\d[\d,]*|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\p{L}{3,5}teen)(?:-\p{L}{3,5})?)`;
/**
 * An item of the list: its figure and up to three words of its noun, none of them a figure nor a word opening
 * another clause ("killed at least 15 militants while two soldiers died").
 */
const ITEM = String.raw`${FIGURE}(?:\s+(?!(?:and|or|killed|dead|wounded|injured|hurt|missing|while|whereas|but|as|when|after|before|since|including)\b)[\p{L}’'-]+){1,3}`;
const OBJECT_FLOOR = new RegExp(
  String.raw`\b(?:kill(?:ed|ing|s)?|massacr(?:ed|ing)|execut(?:ed|ing)|(?:deaths?|killings?|bodies|lives|murders?)\s+of)\s+(?:[^.;:!?]{0,120}?(?:\sand|,)\s+)?(at least|no fewer than|more than|over)\s+${ITEM}(?:,\s+${ITEM}){0,4},?\s+(?:and\s+)?$`,
  "iu",
);
const FLOOR_GUARD = /\b(?:at least|no fewer than|more than|over)\s/i;

export function sharedFloor(
  body: string,
  hedged: Hedged,
  quantity: Quantity,
  head: PeopleHead,
  sIndex: number,
  prev: Working | undefined,
  sentenceStart: number,
): Hedged {
  if (hedged.qualifier !== "exact" || hedged.additional || quantity.kind !== "number") return hedged;
  if (!prev || prev.sentence !== sIndex) return hedged;
  const q = prev.draft.qualifier;
  if (q !== "at_least" && q !== "more_than") return hedged;
  // The item is people, not what befell them ("50 injuries") nor a verb of its own ("12 were killed").
  if (!head.subject || head.nounMetric || head.verbMetric) return hedged;
  const before = body.slice(Math.max(sentenceStart, quantity.start - 200), quantity.start);
  if (!FLOOR_GUARD.test(before)) return hedged;
  const m = OBJECT_FLOOR.exec(before);
  if (!m) return hedged;
  return { ...hedged, qualifier: q, hedge: prev.draft.hedge, valueLow: hedged.valueBest, valueHigh: null };
}

/** "put the number at", "placed the figure at": a count restated, whose people the count before names. */
export const RESTATED =
  /\b(?:figure|number)\s+at\s+(?:(?:about|around|some|nearly|almost|roughly|at least|more than|over|up to)\s+)?$/i;

/** "… allegedly not 230 prisoners returned to Ukraine, but 173": a figure denied and corrected is the correction. */
const CORRECTED_AFTER =
  /^[^.;:!?]{0,80}?,?\s+but\s+(?:only\s+|rather\s+)?(\d[\d,]*)(?![\d,]*\s*(?:%|percent|per cent))\b/i;

export function correctedFigure(
  body: string,
  hedged: Hedged,
  quantity: Quantity,
  sentenceEnd: number,
): Hedged {
  if (quantity.kind !== "number" || hedged.qualifier !== "exact") return hedged;
  if (!/\bnot\s+$/i.test(body.slice(Math.max(0, quantity.start - 5), quantity.start))) return hedged;
  const m = CORRECTED_AFTER.exec(body.slice(quantity.end, Math.min(sentenceEnd, quantity.end + 110)));
  if (!m?.[1]) return hedged;
  const value = Number(m[1].replace(/,/g, ""));
  return { ...hedged, valueLow: value, valueHigh: value, valueBest: value };
}
