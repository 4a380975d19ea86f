import type { Working } from "./claims.ts";
import type { Hedged } from "./hedges.ts";
import type { Quantity } from "./numbers.ts";

// "up to 2,000 people dead and 8,000 wounded": a ceiling opens a pair joined by "and" and bounds both figures.
// A floor bounds only the counts of one verb: "at least 49 civilians and 15 soldiers were killed", "more than 43
// children, 13 women and 9 men" (seven of ten such pairs on the dev split are labelled so), not "at least 30
// were killed and 20 injured", nor a count of harms after it ("and 50 injuries").
const SHARED_HEDGE_GAP = /^(?:\s+(?:dead|killed|wounded|injured|hurt|missing))?\s+and\s+$/i;
const SHARED_FLOOR_GAP = /^(?:\s+and|\s*,(?:\s*and)?)\s+$/i;

export function sharedHedge(
  body: string,
  hedged: Hedged,
  quantity: Quantity,
  sIndex: number,
  prev: Working | undefined,
  harmsCounted = false,
): Hedged {
  if (hedged.qualifier !== "exact" || quantity.kind !== "number" || !prev || prev.sentence !== sIndex)
    return hedged;
  const q = prev.draft.qualifier;
  const floor = q === "at_least" || q === "more_than";
  if (q !== "up_to" && q !== "at_most" && !floor) return hedged;
  // "the deaths of more than 30 civilians and 50 injuries": harms counted are a figure of their own.
  if (floor && harmsCounted) return hedged;
  if (quantity.start - prev.subjectEnd > 24 || quantity.start <= prev.subjectEnd) return hedged;
  // "at least nine deaths and 10 injured": a count of harms, then a figure with a harm of its own, are two
  // figures ("at least 208 killed, 164 injured and 101 kidnapped" is one list).
  if (
    floor &&
    /^(?:deaths|fatalities|casualties)$/i.test(prev.draft.subject ?? "") &&
    /^\s+(?:injured|wounded|hurt|dead|killed|missing)\b/i.test(body.slice(quantity.end, quantity.end + 12))
  )
    return hedged;
  // A ceiling covers "up to 5 killed and 3 wounded"; a floor only counts of one verb ("at least 49
  // civilians and 15 soldiers were killed", "more than 43 children, 13 women and 9 men"), not "at least 30
  // were killed and 20 injured", nor a count of harms after it ("and 50 injuries").
  const gap = body.slice(prev.subjectEnd, quantity.start);
  if (!(floor ? SHARED_FLOOR_GAP : SHARED_HEDGE_GAP).test(gap)) return hedged;
  const n = hedged.valueBest;
  const open = q === "up_to" || q === "at_most";
  return {
    ...hedged,
    qualifier: q,
    hedge: prev.draft.hedge,
    valueLow: open ? null : n,
    valueHigh: open ? n : null,
  };
}
