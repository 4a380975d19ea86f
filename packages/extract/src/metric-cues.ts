import type { Metric, Rate } from "@headcount/shared";
import { forceLoss } from "./force-loss.ts";
import { BODIES_GUARD, DEAD_GUARD, FALLEN_GUARD, FORCE_GUARD, guarded, TOLL_GUARD } from "./guard-words.ts";
import { metricOfVerb, type PeopleHead } from "./metrics.ts";
import type { Quantity } from "./numbers.ts";

/** What happened to the people a figure counts, from the cues nearest to it, and whether it is a rate. */

// Cues for what happened, nearest to the number wins. Order inside one position: the more specific first.
export const CUES: [RegExp, Metric][] = [
  // An army's "medical" or "sanitary" losses are its wounded; its "irretrievable" losses are its dead (and the
  // missing it counts with them), the figure set beside a death toll.
  [/\b(?:medical|sanitary)\s+losses\b/i, "wounded"],
  [/\b(?:irretrievable|irrecoverable)\s+losses\b/i, "killed"],
  [
    /\b(?:killed (?:or|and) (?:were )?(?:wounded|injured)|(?:wounded|injured) or killed|dead (?:or|and) (?:wounded|injured)|casualties|casualty (?:rate|count|figure|toll)|eliminated|eliminating|(?<!\b(?:medical|sanitary|irretrievable|irrecoverable)\s)losses|(?:lost|lose|loses|losing)(?!\s+(?:their|his|her)\s+lives))\b/i,
    "casualties",
  ],
  [
    /\b(?:killed|kill|killing|died|die|dead|deaths?|death toll|fatalities|perished|passed away|(?:lost|losing) (?:their|his|her) lives|(?:claimed|claiming|claims|took|taking) the lives|(?:were|was|are|is) (?:also )?among the (?:victims|fatalities)|slain|shot dead|gunned down|shot and killed|fatally shot|(?:burn(?:ed|t)|hacked|stabbed|beaten|bludgeoned|stoned) to death|burn(?:ed|t) alive|bodies|corpses|executed|executing|massacred|massacring|beheaded|beheading|decapitated|murdered|assassinated|lynched|slaughtered|neutrali[sz]ed|neutrali[sz]ing|martyred|martyrdom)\b/i,
    "killed",
  ],
  [
    /\b(?:(?:were|was|are|is)\s+among\s+the\s+(?:wounded|injured)|in\s+(?:a\s+)?(?:critical|serious|grave)\s+condition|(?:gunshot|bullet|shrapnel)\s+(?:wounds|injuries)|wounded|injured|wounding|injuring|hurt|(?:taken|transferred|rushed|admitted|brought)\s+to\s+(?:\w+\s+)?hospitals?|taken for treatment|hospitali[sz]ed|treated for (?:\w+\s+)?(?:injuries|wounds))\b/i,
    "wounded",
  ],
  [
    /\b(?:captured|capture|capturing|taken (?:prisoner|captive|hostage)|surrendered|prisoners? of war|POWs?|arrested|apprehended|detained|abducted|kidnapped)\b/i,
    "captured",
  ],
  [
    /\b(?:missing|disappeared|unaccounted for|(?:have|has|had) not been (?:seen|found|located|heard from))\b/i,
    "missing",
  ],
  [
    /\b(?:repatriated|repatriation|returned home|(?:taken|brought|flown) back (?:to|home)|(?:returned|back|home)\s+(?:from|out of)\s+(?:[a-z-]+\s+){0,2}?captivity|(?<!\b(?:escaped|fled)\s)from\s+(?:[a-z-]+\s+){0,2}?captivity|(?<!\bthe\s)return(?:s|ing)? home(?!\s+of\b)|(?:came|come|coming|brought) (?:back )?home|sent home|swapped|exchanged|prisoner exchange|handed over|released|freed|frees|freeing|(?:been|were|was)\s+returned(?!\s+to\s+(?:the\s+)?(?:front|battle|combat|duty|positions)))\b/i,
    "repatriated",
  ],
  [
    /\b(?:recruited|recruiting|recruit|conscripted|drafted|mobili[sz]ed|mobili[sz]ing|mobili[sz]ation|mobili[sz]es?|enlisted(?!\s+(?:men|women|soldiers|personnel|troops|members|ranks))|signed up|enrolled|called up|call(?:ing)? up|call-up)\b/i,
    "recruited",
  ],
  [
    /\b(?:earmarked|slated|scheduled|pledged|expected to (?:arrive|be (?:sent|deployed|dispatched))|plans? to|planning to|preparing to|prepares to|set to|ready to|intends? to|could send|would send|will send|may send|to be sent|to be deployed)\b/i,
    "planned_deployment",
  ],
  [
    /\b(?:(?:are|is|remain|remains|remained)\s+(?:currently\s+|now\s+|still\s+)?deployed\s+(?:in|on|along|at|across|near|inside|throughout)\b|(?:backed|supported) by|stationed|based|garrisoned|positioned|present|remain(?!\s+(?:detained|captive|missing|held|in custody|hostages?|unaccounted)\b)|remaining|there are|there were|there is|(?:(?:are|is|were|was)\s+(?:currently|still|already)|already)\s+(?:in|inside)\b)\b/i,
    "present",
  ],
  [
    /\b(?:deployed|deploy|deploying|deployment|sent|send|sending|dispatched|dispatch|dispatching|transferred|transferring|transfer|moved|moving|arrived|arrive|arriving|arrival|redeployed|shipped|relocated|fighting(?!\s+(?:vehicles?|machines?|positions?))|fought|joined|join|follow|entered|massed|massing|amassed|gathered|participat\w+|mobili[sz]ation)\b/i,
    "deployed",
  ],
];
/**
 * All cues as one pattern, each in its own group: it matches at the nearest position any cue matches, with
 * the first cue in order that matches there, as trying the cues one by one and keeping the nearest does.
 */
const FIRST_CUE = CUES.every(([re]) => re.flags === "i" && groupsIn(re) === 0)
  ? new RegExp(CUES.map(([re]) => `(${re.source})`).join("|"), "i")
  : null;
function groupsIn(re: RegExp): number {
  return (new RegExp(`${re.source}|`).exec("") as RegExpExecArray).length - 1;
}
/** The same cues, global, for finding each one's last occurrence before a figure (built once, not per figure). */
const CUES_ANYWHERE: [RegExp, Metric][] = CUES.map(([re, metric]) => [new RegExp(re.source, "gi"), metric]);

// The size of a force: "an army of 300,000", "a military numbering 1.2 million", "300,000 active-duty troops".
export const FORCE_SIZE_BEFORE =
  /\b(?:(?:army|armed forces|military|navy|force|forces)(?:\s+|,\s+(?=estimated|believed|put|numbering))(?:of|numbering|numbers|numbered|totall?ing|totals|with|is|stands at|has|estimated at|(?:estimated|believed) to number|put at)|(?:attackers|assailants|gunmen|militants|fighters|insurgents|rebels|bandits|jihadists|terrorists|raiders|militiamen|group|militia)(?:\s+|,\s+)(?:(?:who|which)\s+)?(?:numbering|numbered|(?:estimated|believed|said) to number))\s+(?:about\s+|some\s+|around\s+|roughly\s+|nearly\s+|more than\s+|over\s+|up to\s+|an estimated\s+)?$/i;
// "the RSF has between 70,000 and 100,000 fighters nationwide", "the army fields some 20,000 troops".
export const FORCE_SIZE_HAS =
  /\b(?:has|have|had|fields?|fielded|commands?|boasts?|maintains?)\s+(?:(?:about|some|around|roughly|nearly|more than|over|up to|an estimated|at least|as many as|between|fewer than|less than|only)\s+)?$/i;
export const FORCE_SIZE_HAS_NOUN =
  /^(?:troops|soldiers|fighters|men|personnel|combatants|militants|rebels|servicemen|service members|members|(?:[\p{L}-]+\s+){1,2}(?:troops|soldiers|fighters|personnel))$/iu;
export const FORCE_SIZE_NEAR =
  /\b(?:active[- ]duty|standing army|total strength|strength of|personnel strength|in active service|under arms)\b/i;
export const SENT =
  /\b(?:sent|send|sending|deploy\w*|dispatch\w*|transferr?\w*|moved|arriv\w+|will|would|plans?)\b/i;

const TOLL_REACHES_PEOPLE =
  /\b(?:death\s+)?toll\b[^.;]{0,160}?\b(?:has\s+|had\s+|now\s+)*(?:rose|risen|climbed|jumped|reached|hit|stands|stood|increased)\s+(?:to|at)\s+(?:(?:some|about|around|nearly|almost|more than|over|at least)\s+)?$/i;

export const OBJECT_VERB =
  /\b(killed|killing|kills|kill|took away|taken away|carried off|beheaded|beheading|murdered|murdering|assassinated|wounded|wounding|wounds|injured|injuring|injures|injure|captured|capturing|captures|abducted|abducting|abducts|abduct|kidnapped|kidnapping|kidnaps|kidnap|deployed|deploying|deploys|dispatched|dispatching|dispatches|recruited|recruiting|recruits|mobili[sz]ed|mobili[sz]ing|mobili[sz]es|conscripted|evacuated|repatriated|returning|freeing|releasing|swapping|exchanging)\s+(?:(?:only|just|about|some|around|roughly|nearly|almost|more than|over|at least|up to|as many as|an estimated|another|a further|an additional|dozens of|hundreds of|thousands of)\s+)*$/i;
/** "lost", "loses up to" right before a figure: what a force or a family lost. */
export const LOST_BEFORE =
  /\b(?:lost|loses|lose|losing)\s+(?:(?:about|some|around|nearly|almost|more than|over|at least|up to|as many as)\s+)?$/i;
export const FUTURE =
  /\b(?:will|would|could|may|might|shall|is to|are to|to be|plans? to|planning to|expected to|set to|preparing to|ready to|intends? to|going to|(?:has|have|had)\s+decided to|decided to|agreed to|promised to|pledged to|offered to|vowed to)\s+(?:\w+\s+){0,2}$/i;

export interface MetricResult {
  metric: Metric;
  /** The words that decided it ("had been deployed" → "deployed"). */
  cue: string | null;
  /** False when nothing in the text said what happened and the default was used. */
  evidenced: boolean;
}

/**
 * What happened to the people counted. Looks at the head noun, then at verbs after the number in its
 * clause, then before it; a future or modal word before a deployment verb makes it a planned deployment.
 */
const SOLDIERS_BODIES =
  /^(?:(?:bodies|remains)\s+of\s+|[\p{L}-]+\s+){0,3}(?:soldiers|servicemen|defenders|troops|fighters|POWs|prisoners|fallen|military personnel|service members)\b/iu;
const TAKEN_THEN_FREED =
  /^\s+(?:kidnapped|abducted|captured|detained|held(?:\s+(?:hostage|captive))?|taken hostage)\b[^.;]{0,60}?\b(?:(?:were|was|have been|had been|are)\s+(?:later\s+|also\s+|all\s+|since\s+)?(?:freed|released|rescued|returned)|freed|released|rescued)\b/i;
const TAKEN_THEN_KILLED =
  /^\s*,?\s*(?:who|that)\s+(?:had been|have been|were|was)\s+(?:kidnapped|abducted|captured|detained|taken hostage)\b[^.;]{0,60}?\b(?:were|was|have been|had been)\s+(?:later\s+|then\s+|subsequently\s+|all\s+)?(?:killed|executed|shot dead|murdered|found dead)\b/i;
const RELEASED_PEOPLE =
  "(?:released|freed|returned|exchanged|swapped|repatriated)\\s+(?:prisoners(?:\\s+of\\s+war)?|POWs|PoWs|captives|detainees|soldiers|servicemen|defenders|people|Ukrainians|Russians)";
const RELEASED_INCLUDE = new RegExp(
  `\\b${RELEASED_PEOPLE}(?:\\s*\\([^)]{1,12}\\))?\\s+(?:include|included|includes|comprise|comprised|are|were)\\s+(?:(?:about|around|some|nearly|at least|more than|over)\\s+)?$`,
  "i",
);
const RELEASED_PARTITIVE = new RegExp(
  `^[\\p{L}\\d,.-]+\\s+of\\s+(?:the|those)\\s+${RELEASED_PEOPLE}\\b`,
  "iu",
);

export function findMetric(
  text: string,
  head: PeopleHead,
  clauseStart: number,
  clauseEnd: number,
  quantityStart: number,
): MetricResult {
  // What happened to the figure, written around it, outranks the noun counted ("the deaths of 41 hostages",
  // "injuries to 139 people", "14 more sustained wounds", "36 hostages are confirmed dead").
  const leading = text.slice(Math.max(clauseStart, quantityStart - 40), quantityStart);
  const trailing = text.slice(head.subjectEnd, Math.min(clauseEnd, head.subjectEnd + 60));
  // "nine people kidnapped by the gang were freed": those once taken, now handed back; "4,300 freed
  // individuals", "the 200 released prisoners": the participle before the noun says so too.
  if (
    TAKEN_THEN_FREED.test(text.slice(head.subjectEnd, clauseEnd)) ||
    /^\s*(?:newly\s+)?(?:freed|released|repatriated|exchanged|swapped)\s+\S/i.test(
      text.slice(head.subjectStart, head.subjectEnd),
    )
  )
    return { metric: "repatriated", evidenced: true, cue: "freed" };
  // "five people who had been kidnapped were killed": those once taken, now dead.
  if (TAKEN_THEN_KILLED.test(text.slice(head.subjectEnd, clauseEnd)))
    return { metric: "killed", evidenced: true, cue: "killed" };
  if (
    /\b(?:injur(?:y|ies)|wounding)\s+(?:of|to)\s+(?:(?:about|around|some|nearly|at least|more than|over)\s+)?$/i.test(
      leading,
    ) ||
    /^\s+(?:(?:more|others|people)\s+)?(?:sustained|suffered|received)\s+(?:\w+\s+)?(?:wounds|injuries)\b/i.test(
      trailing,
    )
  )
    return { metric: "wounded", evidenced: true, cue: "injuries" };
  // "The death toll from fighting has climbed to at least 96 people": a toll reaching the figure names it,
  // whatever words ("fighting") stand between.
  const tollText = text.slice(Math.max(0, quantityStart - 200), quantityStart);
  const toll = TOLL_GUARD.test(tollText) ? TOLL_REACHES_PEOPLE.exec(tollText) : null;
  if (toll)
    return {
      metric: /^toll\s+of\s+(?:the\s+)?(?:wounded|injured)/i.test(toll[0]) ? "wounded" : "killed",
      evidenced: true,
      cue: "toll",
    };
  // "received the bodies of 1,200 Ukrainian soldiers": soldiers' bodies received are handed back.
  if (
    /\b(?:received|receives|receiving)\s+(?:(?:the\s+)?(?:bodies|remains)\s+of\s+)?(?:(?:about|around|some|nearly|another|more than|over)\s+)?$/i.test(
      leading,
    ) &&
    (SOLDIERS_BODIES.test(head.subject ?? "") ||
      SOLDIERS_BODIES.test(text.slice(quantityStart, quantityStart + 80).replace(/^\S+\s+/, "")))
  )
    return { metric: "repatriated", evidenced: true, cue: "received" };
  // "The bodies of 121 fallen soldiers were returned": the dead handed back are counted as repatriated.
  if (
    ((BODIES_GUARD.test(leading) &&
      /\b(?:bodies|corpses|remains)\s+of\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?$/iu.test(leading)) ||
      (DEAD_GUARD.test(head.subject ?? "") &&
        /^(?:[\p{L}-]+\s+){0,2}?(?:bodies|corpses|remains|fallen|deceased|dead)\b/iu.test(
          head.subject ?? "",
        ))) &&
    /\b(?:returned|repatriated|handed (?:over|back)|exchanged|swapped|transferred|brought (?:back )?home|brought back)\b/i.test(
      text.slice(Math.max(clauseStart, quantityStart - 60), quantityStart) +
        text.slice(head.subjectEnd, clauseEnd),
    )
  )
    return { metric: "repatriated", evidenced: true, cue: "returned" };
  // "seven captured soldiers", "12 abducted villagers": what befell them, said of the people counted.
  const befell = /^(?:captured|abducted|kidnapped|detained|imprisoned|missing)\b/i.exec(head.subject ?? "");
  if (
    befell &&
    !/\b(?:released|freed|returned|swapped|exchanged|repatriated|of)\s+(?:(?:at least|about|some|around|nearly|more than|over|another)\s+)?$/i.test(
      leading,
    )
  )
    return {
      metric: befell[0].toLowerCase() === "missing" ? "missing" : "captured",
      evidenced: true,
      cue: befell[0],
    };
  // "a swap of 270 soldiers", "the exchange of 95 prisoners": those handed back.
  if (
    /\b(?:swap|exchange|return|release|repatriation|handover)\s+of\s+(?:(?:about|around|some|nearly|at least|more than|over|another)\s+)?$/i.test(
      leading,
    )
  )
    return { metric: "repatriated", evidenced: true, cue: "swap" };
  // "the released prisoners of war (POW) include 23 soldiers", "Eight of the released POWs are …": parts of
  // those handed back.
  if (
    RELEASED_INCLUDE.test(leading) ||
    RELEASED_PARTITIVE.test(text.slice(quantityStart, quantityStart + 80))
  )
    return { metric: "repatriated", evidenced: true, cue: "released" };
  if (
    /\b(?:(?:deaths?|killing|neutrali[sz]ation|elimination|funerals?|burials?|(?:the\s+)?lives|bodies|corpses|remains)\s+of|among\s+the\s+(?:dead|killed|fatalities)\s+(?:were|was|are|is))\s+(?:(?:about|around|some|nearly|at least|more than|over)\s+)?$/i.test(
      leading,
    ) ||
    // "29 soldiers fell in battle", "claimed 30 civilian lives".
    /^\s+(?:(?:fell|died)\s+in\s+(?:battle|combat|action)|lives)\b/i.test(trailing) ||
    /^\s+(?:(?:are|were|was|is|have been|had been)\s+)?(?:(?:confirmed|declared|officially|now|presumed|believed|to be)\s+)*dead\b/i.test(
      trailing,
    ) ||
    // "51 fallen soldiers", "12 soldiers fallen and eight wounded" (not "fallen back", "fallen to").
    (FALLEN_GUARD.test(trailing) &&
      /^\s+(?:[\p{L}-]+\s+){0,2}?fallen\b(?!\s+(?:back|behind|to|from|by|below|under|short|into|in love|ill|silent))/iu.test(
        trailing,
      ))
  )
    return { metric: "killed", evidenced: true, cue: "dead" };
  // "the return of 130 soldiers", "released 40 detainees", "freed four hostages": people handed back.
  if (
    /\b(?:return|release|repatriation|handover|freeing|(?:to\s+)?free|handing over|(?:freed|released|returned|repatriated|swapped|exchanged|handed over|exchanging|swapping|releasing|repatriating)(?:\s+(?:back|another|a further))?)\s+(?:of\s+)?(?:(?:about|around|some|nearly|at least|more than|over|almost|roughly)\s+)?$/i.test(
      leading,
    )
  )
    return { metric: "repatriated", evidenced: true, cue: "returned" };
  // Prisoners may be exchanged, released or killed: a verb saying so outranks the noun.
  if (
    head.nounMetric === "captured" &&
    /^\s*,?\s*(?:who|that)\s+(?:were|was|had been|have been)\s+(?:later\s+|then\s+)?(?:killed|executed|shot dead)\b/i.test(
      text.slice(head.subjectEnd, clauseEnd),
    )
  )
    return { metric: "killed", evidenced: true, cue: "killed" };
  if (head.nounMetric === "captured") {
    const verb = /\b(?:repatriated|returned|swapped|exchanged|released|handed over|freed)\b/i.exec(
      text.slice(head.subjectEnd, clauseEnd),
    );
    if (verb) return { metric: "repatriated", evidenced: true, cue: verb[0] };
  }
  const closing = text.slice(head.subjectEnd, clauseEnd);
  // "taken 1,200 soldiers prisoner"
  if (
    /^\s+(?:prisoners?|captive)\b/i.test(closing) &&
    /\b(?:took|taken|take|taking|held|holding)\s+(?:\S+\s+){0,2}$/i.test(
      text.slice(Math.max(clauseStart, quantityStart - 40), quantityStart),
    )
  )
    return { metric: "captured", evidenced: true, cue: "prisoner" };
  if (head.nounMetric) return { metric: head.nounMetric, evidenced: true, cue: head.subject };
  const opening = text.slice(clauseStart, quantityStart);
  if (
    FORCE_SIZE_HAS.test(opening) &&
    FORCE_SIZE_HAS_NOUN.test(head.subject ?? "") &&
    !/^\s*(?:stationed|based|garrisoned|positioned|deployed|posted|in|inside|at|on|near|along|across|there)\b/i.test(
      closing,
    ) &&
    !/\b(?:lost|killed|wounded|captured)\b/i.test(closing)
  ) {
    return { metric: "force_size", evidenced: true, cue: "has" };
  }
  // "al-Shabab and its 5,000 to 7,000 fighters", "nearly 100 militants were involved in the raid": a group's
  // own strength, or the size of the force that attacked.
  if (
    FORCE_SIZE_HAS_NOUN.test(head.subject ?? "") &&
    ((/\b(?:its|their)\s+(?:(?:estimated|some|about|around|roughly|nearly|more than|over|up to)\s+)?$/i.test(
      opening,
    ) &&
      !/\b(?:lost|killed|wounded|injured|captured|deployed|sent|dispatched|died|were|was|have|had)\b/i.test(
        closing,
      )) ||
      /^\s+(?:were|had been)\s+(?:(?:reportedly|also|directly)\s+)?(?:involved in|took part in|taking part in|participated in|participating in)\s+(?:the|an?)\s+(?:attack|assault|raid|offensive|ambush)\b/i.test(
        closing,
      ))
  )
    return { metric: "force_size", evidenced: true, cue: "strength" };
  // "the mission, which has 5,000 troops in the region": a force kept somewhere is present there.
  if (
    FORCE_SIZE_HAS.test(opening) &&
    FORCE_SIZE_HAS_NOUN.test(head.subject ?? "") &&
    /^\s*(?:stationed|based|garrisoned|positioned|posted|in|inside|on the ground|there)\b/i.test(closing) &&
    !/\b(?:lost|killed|wounded|captured|deployed|sent|dispatched)\b/i.test(closing)
  )
    return { metric: "present", evidenced: true, cue: "has" };
  if (
    (guarded(FORCE_GUARD, FORCE_SIZE_BEFORE, opening) ||
      // "the armed forces, estimated at 60,000": the apposition opens a clause of its own.
      guarded(FORCE_GUARD, FORCE_SIZE_BEFORE, text.slice(Math.max(0, clauseStart - 30), quantityStart)) ||
      FORCE_SIZE_NEAR.test(text.slice(quantityStart, head.subjectEnd + 30))) &&
    !SENT.test(opening) &&
    !SENT.test(closing.slice(0, 40))
  ) {
    return { metric: "force_size", evidenced: true, cue: "force" };
  }
  if (head.verbMetric)
    return {
      metric: withFuture(text, clauseStart, quantityStart, head.verbMetric),
      evidenced: true,
      cue: null,
    };
  const afterText = text.slice(head.subjectEnd, clauseEnd);
  const beforeText = text.slice(clauseStart, quantityStart);
  // "killed 14 people and wounded 31 others": the verb whose object the number is decides.
  // "a family lost 13 members", "we lost nine people": civilians lost are dead (a force's losses include wounded).
  // A commander's "we lost six men", an army's "the attackers lost 15 combatants": its dead. A brigade that
  // "lost 3,000 men" in a retreat, a country that "lost 3,620 soldiers" in a day's tally: killed and wounded.
  const lost = LOST_BEFORE.exec(leading);
  if (
    lost &&
    (/^(?:(?:family\s+)?members|people|relatives|civilians|children|sons|daughters|villagers|residents|combatants)$/i.test(
      head.subject ?? "",
    ) ||
      /\b(?:we|I)\s+$/i.test(leading.slice(0, lost.index)))
  )
    return { metric: forceLoss(leading.slice(0, lost.index), afterText), evidenced: true, cue: "lost" };
  const object = OBJECT_VERB.exec(beforeText);
  // "returning 40 soldiers to the front" sends them back to fight; it hands no one back.
  const toFight =
    object?.[1]?.toLowerCase() === "returning" &&
    /^\s+(?:back\s+)?to\s+(?:the\s+)?(?:front|battlefield|combat|duty|fighting|their units|positions)/i.test(
      trailing,
    );
  if (object?.[1] && !toFight) {
    // "killed and injured dozens of soldiers": two harms joined before their one object are casualties.
    const joined = /\b(?:kill(?:ed|ing)|wound(?:ed|ing)|injur(?:ed|ing)) (?:and|or) $/i.test(
      beforeText.slice(Math.max(0, object.index - 20), object.index),
    );
    const metric = joined ? "casualties" : metricOfVerb(object[1]);
    if (metric)
      return {
        metric: withFuture(text, clauseStart, quantityStart - (beforeText.length - object.index), metric),
        evidenced: true,
        cue: object[1],
      };
  }
  let best: { metric: Metric; position: number; cueStart: number; cue: string } | null = null;
  // The nearest cue after the people, the earlier in CUES on a tie: one pass of all cues as alternatives.
  const m = FIRST_CUE?.exec(afterText);
  if (m) {
    let cue = 0;
    while (m[cue + 1] === undefined) cue++;
    const metric = (CUES[cue] as [RegExp, Metric])[1];
    best = { metric, position: m.index, cueStart: head.subjectEnd + m.index, cue: m[0] };
  } else if (!FIRST_CUE) {
    for (const [re, metric] of CUES) {
      const found = re.exec(afterText);
      if (found && (!best || found.index < best.position))
        best = { metric, position: found.index, cueStart: head.subjectEnd + found.index, cue: found[0] };
    }
  }
  // "100 soldiers fighting on the side of X have been killed": a participle describing the people does not
  // outrank the passive verb saying what happened to them.
  if (best && (best.metric === "deployed" || best.metric === "present")) {
    const passive =
      /^[^\d.;]{0,80}?\b(?:(?:were|was|have been|has been|had been)\s+(?:(?:reportedly|also|allegedly|all)\s+)?(killed|wounded|injured|captured|abducted|shot dead)|(?:have|has|had)\s+(?:(?:now|since|already|reportedly|all)\s+)?(died|perished))\b/i.exec(
        afterText,
      );
    const verb = passive?.[1] ?? passive?.[2];
    const metric = verb ? metricOfVerb(verb) : null;
    if (verb && metric) return { metric, evidenced: true, cue: verb };
  }
  // No cue anywhere before the figure when the cues as alternatives find none: then none is looked for singly.
  if (!best && (!FIRST_CUE || FIRST_CUE.test(beforeText))) {
    for (const [global, metric] of CUES_ANYWHERE) {
      global.lastIndex = 0;
      let last: RegExpExecArray | null = null;
      for (let m = global.exec(beforeText); m; m = global.exec(beforeText)) last = m;
      if (last) {
        const distance = beforeText.length - last.index;
        if (!best || distance < best.position)
          best = { metric, position: distance, cueStart: clauseStart + last.index, cue: last[0] };
      }
    }
  }
  if (!best) {
    if (/\b(?:army|armed forces|military)\b/i.test(text.slice(clauseStart, clauseEnd)) && head.forceStrong) {
      return { metric: "force_size", evidenced: true, cue: null };
    }
    return { metric: "deployed", evidenced: false, cue: null };
  }
  // "the 4,000-strong brigade had lost …": the number is the unit's size, not its losses.
  if (head.forceStrong && ["casualties", "killed", "wounded", "captured", "missing"].includes(best.metric))
    return { metric: "force_size", evidenced: true, cue: best.cue };
  return {
    metric: withFuture(text, clauseStart, best.cueStart, best.metric),
    evidenced: true,
    cue: best.cue,
  };
}

export function withFuture(text: string, clauseStart: number, cueStart: number, metric: Metric): Metric {
  if (metric !== "deployed") return metric;
  const before = text.slice(Math.max(clauseStart, cueStart - 40), cueStart);
  return FUTURE.test(before) ? "planned_deployment" : metric;
}

export const PER_DAY =
  /\b(?:daily|a day|per day|each day|every day|in a single day|in one day|in 24 hours|per 24 hours|a 24-hour period)\b/i;
export const PER_WEEK = /\b(?:weekly|a week|per week|each week|every week|in a single week|in one week)\b/i;

export function findRate(
  text: string,
  quantity: Quantity,
  head: PeopleHead,
  clauseStart: number,
  clauseEnd: number,
): Rate {
  if (quantity.percent) return "percent";
  const after = text.slice(head.subjectEnd, Math.min(clauseEnd, head.subjectEnd + 60));
  const before = text.slice(Math.max(clauseStart, quantity.start - 40), quantity.start);
  if (PER_DAY.test(after) || /\b(?:daily|every day|each day)\s+(?:\w+\s+)?$/i.test(before)) return "per_day";
  if (PER_WEEK.test(after) || /\b(?:weekly|every week|each week)\s+(?:\w+\s+)?$/i.test(before))
    return "per_week";
  return "total";
}
