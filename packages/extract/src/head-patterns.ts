/**
 * The phrases around a number that say it counts people and what it counts: a toll or total named before it
 * ("the death toll rose to 87"), a noun before or after it, and the things a number may count that are not
 * people ("12 armoured personnel carriers", "two border settlements").
 */

// "The death toll from the strikes rose to 87"
export const TOLL_BEFORE =
  /\b((?:death\s+)?toll)\s+(?:[\p{L}’'-]+\s+){0,5}?(?:rose|risen|climbed|jumped|reached|stood|stands|hit|is|was|now stands|has risen|has climbed|had risen)\s+(?:to|at)?\s*(?:(?:some|about|around|roughly|nearly|almost|more than|over|at least)\s+)?$/iu;
// "…, bringing the total since the coup to 6,000": the same people as the figure before.
// "bringing the overall toll to 1,200", "taking Moscow's total losses since the start of the invasion to 154,830".
export const BRINGING_BEFORE =
  /\b(?:bringing|brings|brought|bring|taking|takes|took|take|pushing|pushed|push|raising|raised|raises|raise)\s+(?:the|its|their|\p{Lu}[\p{L}’'-]*[’']s)\s+(?:overall\s+|total\s+|confirmed\s+)?(total|toll|death toll|tally|number|count|losses|casualties)\b(?:\s+of\s+(?:[\p{L}-]+\s+){0,2}?(dead|deaths|killed|injured|wounded|martyrs|fatalities|casualties)\b)?(?:[^.;]|\.(?=\s?[\d\p{Ll}]|\p{Lu})){0,160}?\bto\s+(?:(?:some|about|around|roughly|nearly|almost|more than|over|at least)\s+)?$/iu;
export const NOUN_BEFORE =
  /\b(casualties|losses|death toll|toll|troops|soldiers|personnel|force|forces|contingent|army|military|deployment|strength|fighters|dead|deaths|fatalities|prisoners|recruits|(?<=\bthe\s)(?:injured|wounded)|number of (?:\w+\s+){0,3}?(?:troops|soldiers|personnel|casualties|fighters|dead|deaths)),?\s+(?:\w+\s+){0,2}?(?:of|at|reached|reaching|rose to|risen to|climbed to|stood at|stands at|standing at|numbered|numbers|number|numbering|totals|totall?ed|totall?ing|exceeded|exceeding|topped|surpassed|hit|is|was|were|are|to|around|about|approaching|nearing|neared|near|are approaching|is approaching|were approaching|ranges|ranged|ranging)\s+(?:(?:some|about|around|roughly|approximately|nearly|almost|more than|over|at least|up to|as many as|an estimated|close to|as few as)\s+)?$/i;
export const EQUIPMENT_AFTER =
  /^[\s-]+(?:(?:fighting|combat|assault|transport)\s+)?(?:carriers?|vehicles?|tanks?|mines?|trucks?|helicopters?|aircraft|ships?|boats?|weapons?)\b/i;
export const NON_PEOPLE_HEAD =
  /^(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilometers?|kilometres?|miles?|meters?|metres?|tons?|tonnes?|tanks?|drones?|missiles?|shells?|rounds?|rockets?|vehicles?|villages?|towns?|settlements?|districts?|cities|city|regions?|provinces?|positions?|times?|percent|per cent|dollars?|won|rubles?|aircraft|planes?|jets?|guns?|howitzers?|artillery|systems?|launchers?|ships?|boats?|pieces?)\b/i;

export const TOLL_REACHES =
  /\b((?:death\s+)?toll(?:\s+of\s+(?:[\p{L}-]+\s+){0,3}?(?:troops|soldiers|people|civilians|dead|fighters))?|casualties|number of (?:killed|dead)(?:,\s*|\s+(?:and|or)\s+)(?:wounded|injured)|number of (?:[\p{L}-]+\s+){0,2}?(?:dead|deaths|deceased|killed|injured|wounded|martyrs|fatalities|casualties|victims|hostages|people|missing|abducted|kidnapped|troops|soldiers|personnel|servicemen|fighters)|figure)\b(?:[^.;]|\.(?=\s?[\d\p{Ll}]|\p{Lu})){0,160}?\b(?:(?:has|had|have)\s+(?:now\s+)?)?(?:rose|risen|climbed|jumped|surged|soared|reached|remains|remained|stands|stood|hit|went up|gone up|increased|rises|climbs|jumps|surges|soars|reaches|hits|increases|grows|grown|nears|ranges|ranged|put|puts|placed|estimated|estimates|passed|passes|surpassed|surpasses|exceeded|exceeds|topped|tops|includes|included|(?:could|may|might|would|will)\s+(?:pass|exceed|surpass|top|reach|rise\s+to|climb\s+to)|(?:is|was|are|were)\s+(?:believed|estimated|thought|expected|feared|likely|set)\s+to\s+(?:be|exceed|surpass|pass|top|reach|have\s+(?:reached|passed|exceeded))|(?:is|was|are|were)(?:\s+(?:still|now|in fact|actually))?|(?:could|may|might|would)\s+be\s+as\s+(?:high|many)\s+as)\s+(?:(?:the\s+)?(?:number|figure|toll)\s+)?(?:(?:from|by)\s+[\d,.]{1,12}\s+)?(?:to|at|between|past|above|by|in\s+the\s+range\s+of)?\s*(?:(?:some|about|around|roughly|nearly|almost|more than|over|at least|approximately|up to)\s+)?$/iu;
// "an estimate of the number of Russians killed in the war thus far -- 15,000", "the number of the wounded 19".
export const COUNT_SET_OFF =
  /\bnumber\s+of\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?(dead|deaths|killed|injured|wounded|casualties|fatalities)\b(?:\s+[\p{L}-]+){0,6}?(?:\s*(?:--|[—–:])\s*|\s+)$/iu;
// "put the number of deceased hostages at 66", "estimates the death toll at approximately 130,000", "put the
// death toll from Monday's attack at 30"; "put the number at 12" restates a count given before.
export const PUT_AT =
  /\b(?:put|puts|putting|placed|places|estimated?|estimates|estimating)\s+(?:the|its|their)\s+(?:overall\s+|total\s+)?((?:death\s+)?toll|number of (?:[\p{L}-]+\s+){0,2}?(?:dead|deaths|deceased|killed|injured|wounded|martyrs|fatalities|casualties|victims|hostages|people)|figure|number)(?:\s+(?:from|in|of|after)\s+[^,.;:]{1,60}?)?\s+at\s+(?:(?:some|about|around|roughly|nearly|almost|more than|over|at least|approximately|up to)\s+)?$/iu;
export const NAMED_LIST =
  /^[^.;]{0,60}\b(?:added|list|lists|memorial|register|registry|roll|database|identified|verified|published)\b/i;
