import type { Metric } from "@headcount/shared";
import { countryOfDemonym, lookupSurface } from "./gazetteer.ts";
import {
  BRINGING_BEFORE,
  COUNT_SET_OFF,
  EQUIPMENT_AFTER,
  NAMED_LIST,
  NON_PEOPLE_HEAD,
  NOUN_BEFORE,
  PUT_AT,
  TOLL_BEFORE,
  TOLL_REACHES,
} from "./head-patterns.ts";
import { bracketedToll, metricOfNoun, metricOfVerb } from "./noun-metrics.ts";
import type { Quantity } from "./numbers.ts";
import { PEOPLE_RE, SINGULAR_RE, STOP_MODIFIER, secondModifier, sharedNounLength } from "./shared-noun.ts";

export { findMetric, findRate, type MetricResult } from "./metric-cues.ts";
export { metricOfVerb, subjectEntityOf } from "./noun-metrics.ts";
export { VICTIM_NOUNS } from "./people-nouns.ts";

/**
 * Does a number count people, who are they, what happened to them, and is it a total or a rate?
 * A number counts people when a noun for people heads it ("3,000 Belarusian railway troops"),
 * when it refers back to people ("2,000 of them"), or when it is the subject or object of a verb that
 * only people undergo ("30 were killed", "killing 12").
 */

const FORCE_NOUNS =
  /^(?:force|contingent|army|unit|brigade|battalion|division|corps|detachment|group|team|delegation|strong)\b/i;

// Words that may stand between a number and its noun ("3,000 Belarusian railway troops").
const MODIFIERS = new Set(
  "more additional new fresh elite extra further senior junior top rebel government militia opposition regular active reserve armed trained foreign military combat engineering army navy naval air ground assault special enemy allied local young experienced seasoned professional contract frontline front-line infantry artillery demining construction railway medical civilian security border police national state total remaining surviving missing captured wounded injured dead killed deployed stationed estimated suspected alleged other such own".split(
    " ",
  ),
);

const ANAPHORIC =
  /^["”’]?\s+of\s+(them|those|these|whom|the|its|their|our|his|her)\b((?:\s+[\p{L}’'-]+){0,4})/iu;
const BARE_VERB =
  /^\s*["“”‘’]?\s*(?:others?\s+(?=were|was|have|had|are))?(?:(?:of them\s+)?(?:were|was|have been|had been|has been|are|are being|were being|will be|would be|could be|may have been|had|have|remain|remained|are still|were still|are now|were now|continue to be|continued to be|remain|remained|(?:(?:are|were|is|was)\s+)?(?:believed|thought|feared|said|reported|estimated) to have been)\s+)?(?:reportedly\s+|also\s+|allegedly\s+|still\s+)?(?:(?:critically|seriously|severely|gravely|badly|slightly|lightly|fatally|mortally)\s+)?(killed (?:or|and) (?:wounded|injured)|(?:wounded|injured) (?:or|and) killed|in (?:a )?(?:critical|serious|grave) condition|held (?:captive|hostage)|taken (?:captive|hostage)|detained|abducted|kidnapped|lost (?:their|his|her) lives|killed|wounded|injured|hurt|taken for treatment|taken to (?:\w+\s+)?hospitals?|hospitali[sz]ed|treated for (?:\w+\s+)?(?:injuries|wounds)|shot dead|gunned down|shot and killed|shot(?<=(?:fatally|mortally)\s+shot)|(?:burn(?:ed|t)|hacked|stabbed|beaten|bludgeoned|shot|stoned) to death|burn(?:ed|t) alive|executed|massacred|beheaded|decapitated|murdered|assassinated|lynched|captured|taken prisoner|dead|died|missing|disappeared|deployed|sent|dispatched|recruited|repatriated|evacuated|freed|released|swapped|exchanged|surrendered|mobili[sz]ed|conscripted|arrived|perished|passed away|slain|martyred|embraced martyrdom)\b/i;
const VERB_BEFORE =
  /\b(killing|killed|kills|kill|wounding|wounded|wounds|injuring|injured|injures|injure|captured|capturing|captures|abducted|abducting|abducts|abduct|kidnapped|kidnapping|kidnaps|kidnap|lost|losing|deployed|deploying|deploys|sent|sending|sends|dispatched|dispatching|dispatches|recruited|recruiting|recruits|mobili[sz]ed|mobili[sz]ing|mobili[sz]es|repatriated|evacuated|conscripted|drafted|took|taken|claimed the lives of|numbering|numbered|totall?ing|totall?ed|of)\s+(?:(?:only|just|another|a further|an additional)\s+)?(?:(?:nearly|about|around|some|roughly|almost|at least|more than|over|up to|as many as|an estimated)\s+)?$/i;
// "bringing the total number of wounded since the operation began to 4,100"
const TOTAL_BEFORE =
  /\b(?:total|number|toll|tally|count)\s+of\s+(wounded|dead|killed|casualties|deaths|injured|soldiers|troops|fighters|prisoners)\b[^.;]{0,70}?\b(?:to|at|reached|stands at|stood at|is|was)\s+(?:about\s+|some\s+|around\s+|roughly\s+|more than\s+|over\s+|nearly\s+|almost\s+)?$/i;

const SUBSET_LEAD =
  /\b(?:of whom|of them|of those|among them|among whom|including)\s+(?:(?:about|around|some|nearly|almost|at least|more than|over|up to)\s+)?$/i;
// "Of the 12 hostages, 5 were children", "Out of the 900 soldiers sent, 200 …".
export const SUBSET_OPENING =
  /^["“]?(?:[^,;.“”"]{0,80}?\bthat\s+)?(?:(?:Of|Out of|Among)\s+(?:the|those|these|its|their)\s+[^,;.]{1,100},|Among\s+(?:(?:the|those|these)\s+(?:[\p{L}-]+\s+){0,2}?(?:victims|dead|killed|wounded|injured|fatalities|casualties)|them|those)\s+(?:were|are|was|is)(?:\s+(?:also|reportedly))?|Among\s+(?:them|those|these|the\s+(?:victims|dead))\s*,|(?:The|the)\s+(?:dead|victims|fatalities|wounded|injured)\s+(?:included|include|includes))\s+(?:(?:about|around|some|nearly|almost|at least|more than|over|up to)\s+)?$/iu;
/** "336 of the victims were Druze fighters and 298 …": the text before the next part of a breakdown. */
export const NEXT_PART =
  /\b\d[\d,]*\s+(?:of\s+the\s+[\p{L}-]+\s+)?(?:were|are)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?,?\s+(?:and\s+)?(?:(?:at least|about|around|some|nearly|more than|over|up to)\s+)?$/u;
const SUBSET_NOUN_AFTER =
  /^\s+(?:were|are|was|is)\s+(?:(?:also|all|reportedly|believed to be)\s+)?(?:[\p{L}-]+\s+)?(children|kids|boys|girls|babies|infants|women|men|civilians|minors|soldiers|fighters|foreigners|foreign nationals|medics|journalists|aid workers|police officers|policemen|students|teenagers|elderly people|officers|commanders|conscripts|volunteers)\b/iu;

/** The first people noun among a few words ("four peacekeepers that were"), as a match on `words`. */
function peopleNounIn(words: string): RegExpExecArray | null {
  for (const word of words.matchAll(/\S+/g)) {
    const m = PEOPLE_RE.exec(words.slice(word.index));
    if (m) {
      const at = Object.assign([m[0]], {
        index: word.index,
        input: words,
        groups: undefined,
      }) as RegExpExecArray;
      return at;
    }
  }
  return null;
}

export interface PeopleHead {
  /** Subject as written (without the number and hedge), or null when it is only implied. */
  subject: string | null;
  subjectStart: number;
  subjectEnd: number;
  /** "2,000 of them": the people are those of an earlier figure. */
  anaphoric: boolean;
  /** The metric the head noun itself carries ("casualties", "dead", "prisoners"). */
  nounMetric: Metric | null;
  /** A verb right next to the number that only people undergo ("30 were killed", "killing 12"). */
  verbMetric: Metric | null;
  forceStrong: boolean;
}

/** Finds the people a quantity counts, or null when it counts something else (years, tanks, money…). */
const PLACES_AFTER =
  /^\s+(?:provinces?|districts?|regions?|villages?|towns?|cities|states|countries|territories|governorates?|municipalities)\b/i;

export function findPeopleHead(
  text: string,
  quantity: Quantity,
  sentenceStart: number,
  sentenceEnd: number,
): PeopleHead | null {
  if (quantity.yearLike) {
    const next = text.slice(quantity.end, quantity.end + 16);
    if (!/^\s+(?:troops|soldiers|personnel|fighters)\b/i.test(next)) return null;
  }
  const after = text.slice(quantity.end, Math.min(sentenceEnd, quantity.end + 120));
  const before = text.slice(Math.max(sentenceStart, quantity.start - 80), quantity.start);
  // "injuring four female and two male employees": the first figure shares the noun the second closes on.
  const gapped =
    /^\s+(?:female|male|adult|young|elderly|civilian|local|foreign)\s+and\s+\S+\s+(?:female|male|adult|young|elderly|civilian|local|foreign)\s+/i.exec(
      after,
    );
  const shared = gapped ? PEOPLE_RE.exec(after.slice(gapped[0].length)) : null;
  if (gapped && shared) {
    const nounStart = quantity.end + gapped[0].length;
    const result = head(text, quantity.end, nounStart + shared[0].length, false, null, null, false);
    result.subject = shared[0];
    return result;
  }
  // "exceeded four figures", "in double digits": a number's length, not a count.
  if (/^\s+(?:figures|digits)\b/i.test(after)) return null;
  // "one in five of its men", "two out of three": a proportion, not a count.
  if (/\b(?:one|two|three|four|five|\d+)\s+(?:in|out of)\s+$/i.test(before)) return null;
  if (
    /^\s+(?:in|out of)\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten)\b/i.test(after) &&
    quantity.kind === "number" &&
    (quantity.value ?? 0) < 20
  )
    return null;

  // "deaths were reported from Bashkortostan (5 945) and Tatarstan (5 605)": a toll by place, in brackets.
  const byPlace = bracketedToll(text, quantity, sentenceStart, sentenceEnd);
  if (byPlace) return head(text, quantity.end, quantity.end, true, byPlace, null, false);

  // "three wounded soldiers for every soldier killed": a ratio, not a count.
  if ((quantity.value ?? 100) < 20 && /^\s+(?:[\p{L}-]+\s+){0,3}(?:for|to)\s+(?:every|each)\b/iu.test(after))
    return null;

  // "seven from the Malian army", "at least 20 from the Wagner group were killed": members of a force.
  const fromForce =
    /^\s+from\s+(?:the\s+)?(?:[\p{L}’'-]+\s+){0,3}?(?:army|armed forces|group|forces?|military|militia|side|ranks|unit|battalion|brigade|police|gendarmerie|mercenaries)\b/iu.exec(
      after,
    );
  if (fromForce) {
    const start = quantity.end + (/^\s+/.exec(after)?.[0].length ?? 0);
    return head(text, start, quantity.end + fromForce[0].length, false, null, null, false);
  }

  // "At least 18 people – eight of them children – were killed": a part of the figure before, by kind.
  const ofThem =
    /^\s+of\s+(?:them|whom|those)\s+(?:(?:were|are)\s+)?(children|women|men|minors|civilians|soldiers|fighters|girls|boys|babies|infants|medics|journalists|rescuers|police(?:men| officers)?)\b/i.exec(
      after,
    );
  if (ofThem?.[1]) {
    const start = quantity.end + ofThem[0].length - ofThem[1].length;
    return head(text, start, quantity.end + ofThem[0].length, false, null, null, false);
  }

  // "4,000-strong contingent"
  const strong =
    /^-strong\s+((?:[\p{L}-]+\s+){0,3}?)(force|contingent|army|unit|brigade|battalion|division|corps|detachment|group|team|delegation)\b/iu.exec(
      after,
    );
  if (strong) {
    const start = quantity.end + after.indexOf(strong[1] ?? "", 7);
    const end = quantity.end + strong[0].length;
    return head(text, start, end, false, null, null, true);
  }

  // "1,184 names were added to the list": a roll of the dead or missing counts people by name.
  const names = /^(\s+(?:new\s+|more\s+|additional\s+)?)names\b/i.exec(after);
  if (names && NAMED_LIST.test(after.slice(names[0].length)))
    return head(
      text,
      quantity.end + (names[1]?.length ?? 0),
      quantity.end + names[0].length,
      false,
      null,
      null,
      false,
    );

  // "nearly 40% casualties", "3,000 Belarusian railway troops", "900 more troops"
  // "300+ fighters", "5,000-plus troops": the floor written after the number is read with it (hedges.ts).
  const words = /^((?:\+|-plus|\s+or\s+more)?["”’']?\s+(?:of\s+)?)/.exec(after);
  let offset = words ? words[0].length : 0;
  if (quantity.kind === "vague" && /of\s*$/i.test(quantity.text))
    offset = /^\s*/.exec(after)?.[0].length ?? 0;
  const subjectStart = quantity.end + offset;
  let cursor = offset;
  for (let step = 0; step < 6; step++) {
    // '31 “terrorists” were killed': a word in scare quotes is still the noun.
    if (/^[“"‘]/.test(after.slice(cursor))) cursor++;
    const rest = after.slice(cursor);
    const shared = sharedNounLength(rest);
    if (shared) return head(text, subjectStart, quantity.end + cursor + shared, false, null, null, false);
    // "11,000 North Koreans", "Russian and Ukrainian soldiers" start with two words.
    const pair = /^(\p{Lu}[\p{L}.]*\s+\p{Lu}[\p{L}]*)(?=[\s,.;]|$)/u.exec(rest);
    if (pair?.[1] && /s$/.test(pair[1]) && countryOfDemonym(pair[1])) {
      const end = quantity.end + cursor + pair[1].length;
      return head(text, subjectStart, end, false, null, null, false);
    }
    if (NON_PEOPLE_HEAD.test(rest)) return null;
    // "12 Taliban were killed", "30 Hamas died": an armed group's name counts its members.
    const group =
      /^(\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,2})(?=\s+(?:were|was|have|had|are|died|killed)\b|\s*[,.;]|$)/u.exec(
        rest,
      );
    if (group?.[1] && lookupSurface(group[1])?.kind === "armed")
      return head(text, subjectStart, quantity.end + cursor + group[1].length, false, null, null, false);
    const noun = PEOPLE_RE.exec(rest) ?? (quantity.value === 1 ? SINGULAR_RE.exec(rest) : null);
    if (noun) {
      const nounText = noun[0].toLowerCase();
      if (nounText === "strong") return null;
      // "troop" is a modifier in "troop deployment" unless nothing follows.
      if (nounText === "troop" && /^troop\s+[a-z]/i.test(rest)) return null;
      let end = quantity.end + cursor + noun[0].length;
      // "20 fallen soldiers", "12 dead civilians": the adjective's noun closes the subject.
      const adjectiveOf = /^(?:fallen|dead|wounded|injured)$/.test(nounText)
        ? PEOPLE_RE.exec(text.slice(end + 1, end + 40))
        : null;
      if (adjectiveOf && text[end] === " " && adjectiveOf.index === 0) end += 1 + adjectiveOf[0].length;
      // "12 armoured personnel carriers", "six infantry fighting vehicles": machines named for who they carry.
      // "from three Thai provinces", "two Syrian villages": places named for their people.
      if (EQUIPMENT_AFTER.test(text.slice(end, end + 30)) || PLACES_AFTER.test(text.slice(end, end + 30)))
        return null;
      // "prisoners of war"
      return head(
        text,
        subjectStart,
        end,
        false,
        metricOfNoun(text.slice(subjectStart, end).toLowerCase(), text.slice(end, end + 30)) ??
          metricOfNoun(nounText, text.slice(end, end + 30)),
        null,
        false,
      );
    }
    // "killed 240 Palestinians, most of them …": a people named by nationality that ends the phrase.
    const closing = /^(\p{Lu}\p{L}+)(?=[,.;:!?)”"’]|$)/u.exec(rest);
    if (closing?.[1] && /(?:s|ese|i)$/.test(closing[1]) && countryOfDemonym(closing[1])) {
      const end = quantity.end + cursor + closing[1].length;
      return head(text, subjectStart, end, false, null, null, false);
    }
    const word = /^([\p{L}][\p{L}’'.-]*)(\s+|$)/u.exec(rest);
    if (!word?.[1]) break;
    const w = word[1];
    // "40 Palestinians", "18 Sudanese were killed": a people named by nationality heads the number.
    if (
      /^\p{Lu}/u.test(w) &&
      /(?:s|ese|i)$/.test(w) &&
      countryOfDemonym(w) &&
      !/^\s*(?:(?:[\p{L}-]+\s+)?(?:troops|soldiers|forces|fighters|military|army|personnel|service|nationals|citizens|civilians|people|men|women|children)\b)/iu.test(
        rest.slice(word[0].length),
      ) &&
      !/^\s*[\p{Lu}]/u.test(rest.slice(word[0].length))
    ) {
      const end = quantity.end + cursor + w.length;
      return head(text, subjectStart, end, false, null, null, false);
    }
    const lower = w.toLowerCase();
    const capitalised = /^\p{Lu}/u.test(w) && !["The", "A", "An", "In", "On", "Of"].includes(w);
    const adjectival =
      /(?:ed|ing|ian|ese|ish|ern|al|ary|ive|ic)$/i.test(lower) &&
      !/^(?:during|including|according|being|having|following|amid)$/i.test(lower);
    // "200 junta soldiers", "70 rebel fighters", "four drug gang members": nouns modifying the people noun.
    const nounModifier =
      /^\p{Ll}+$/u.test(w) &&
      step < 3 &&
      !STOP_MODIFIER.test(lower) &&
      (PEOPLE_RE.test(rest.slice(word[0].length)) || secondModifier(lower, rest.slice(word[0].length))) &&
      !/^(?:strong|dead|wounded|injured|killed)\b/i.test(rest.slice(word[0].length));
    // "Russian and Ukrainian soldiers": two demonyms joined by "and" modify one noun.
    const joinedDemonym =
      lower === "and" &&
      step > 0 &&
      /^\p{Lu}/u.test(rest.slice(word[0].length)) &&
      countryOfDemonym(after.slice(0, cursor).trim().split(/\s+/).pop() ?? "") !== undefined;
    if (!(MODIFIERS.has(lower) || capitalised || adjectival || /-/.test(w) || nounModifier || joinedDemonym))
      break;
    cursor += word[0].length;
  }

  // "2,000 of them", "8,000 of those forces", "40% of its troops"
  const anaphor = ANAPHORIC.exec(after);
  if (anaphor) {
    const tail = anaphor[2] ?? "";
    // "three of the four peacekeepers": with the whole counted, any people noun names the group.
    const counted = /^\s*(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b)/i.test(
      tail,
    );
    const found =
      (counted ? peopleNounIn(tail) : null) ??
      /\b(troops|soldiers|forces|personnel|fighters|servicemen|men|force|army|casualties|strength|contingent|units?|recruits|conscripts|mercenaries|marines|sappers|engineers|prisoners|reservists|volunteers|militants|insurgents|attackers|gunmen|rebels|jihadists|terrorists|policemen|police officers|officers|guards|civilians|people|villagers|passengers|crew members|workers|bodies|corpses|injured|wounded|dead|killed|victims)\b/i.exec(
        tail,
      );
    const determiner = (anaphor[1] ?? "").toLowerCase();
    // "five of the injured were children" names a part of the toll; "824 of the wounded were treated" and
    // "10% of the injured" are about their care.
    const tollPart =
      !!found &&
      /^(?:injured|wounded|dead|killed|victims)$/i.test(found[0]) &&
      !quantity.percent &&
      partNamedAfter(text.slice(quantity.end + anaphor[0].indexOf(found[0]) + found[0].length).slice(0, 60));
    const noun =
      found && /^(?:injured|wounded|dead|killed|victims)$/i.test(found[0]) && !tollPart ? null : found;
    if (noun || ["them", "those", "these", "whom"].includes(determiner)) {
      const end = noun
        ? quantity.end + anaphor[0].indexOf(noun[0]) + noun[0].length
        : quantity.end + anaphor[0].length - tail.length;
      const subjectText = noun ? text.slice(quantity.end + anaphor[0].indexOf(noun[0]), end) : null;
      const result = head(
        text,
        quantity.end,
        end,
        !noun || ["those", "these", "them", "whom"].includes(determiner),
        // "five of the injured were children": the part is counted as the whole it is taken from.
        noun && /^(?:injured|wounded|dead|killed)$/i.test(noun[0])
          ? metricOfNoun(noun[0].toLowerCase(), "")
          : // "336 of the victims were fighters": a toll's victims are its dead; "ten of the bodies" too.
            noun && ((/^victims$/i.test(noun[0]) && tollPart) || /^(?:bodies|corpses)$/i.test(noun[0]))
            ? "killed"
            : null,
        null,
        false,
      );
      result.subject = subjectText;
      return result;
    }
  }

  // "230 people died, of whom 60 were children": a part of the figure before, named by what they were.
  const partNamed = SUBSET_NOUN_AFTER.exec(after);
  if (
    partNamed?.[1] &&
    (SUBSET_LEAD.test(before) ||
      SUBSET_OPENING.test(text.slice(sentenceStart, quantity.start)) ||
      // "…, 9 were children and 5 were women": the next part of the same breakdown.
      NEXT_PART.test(before))
  ) {
    const start = quantity.end + partNamed[0].length - partNamed[1].length;
    return head(text, start, quantity.end + partNamed[0].length, false, null, null, false);
  }
  // "30 were killed", "2,000 killed"
  const verb = BARE_VERB.exec(after);
  if (verb?.[1]) {
    return {
      ...head(text, quantity.end, quantity.end, true, null, metricOfVerb(verb[1]), false),
      subject: null,
    };
  }

  // "killing 12 in the strike", "casualties of 1,200", "a contingent numbering 1,500"
  const wideBefore = text.slice(Math.max(sentenceStart, quantity.start - 220), quantity.start);
  const bringing =
    /\b(?:bringing|brings|brought|bring|taking|takes|took|take|pushing|pushed|push|raising|raised|raises|raise)\b/i.test(
      wideBefore,
    )
      ? BRINGING_BEFORE.exec(wideBefore)
      : null;
  if (bringing?.[1]) {
    const noun = bringing[1].toLowerCase();
    const counted = bringing[2]?.toLowerCase();
    const metric = /toll/.test(noun)
      ? "killed"
      : /losses|casualties/.test(noun)
        ? "casualties"
        : counted
          ? /casualt/.test(counted)
            ? "casualties"
            : /injur|wound/.test(counted)
              ? "wounded"
              : "killed"
          : null;
    return {
      ...head(text, quantity.end, quantity.end, true, metric, null, false),
      subject: null,
    };
  }
  // "Initial reports put the death toll at 50, but later tallies raised it to about 100": the toll just named.
  if (
    !quantity.percent &&
    /\b(?:toll|tally|tallies|count|figure)\b/i.test(before) &&
    /\b(?:raised|raising|raises|brought|bringing|pushed|pushing|revised|revising|increased|lifted|put)\s+it\s+(?:up\s+)?(?:to|at)\s+(?:(?:some|about|around|roughly|nearly|almost|more than|over|at least|up to)\s+)?$/i.test(
      before,
    )
  )
    return { ...head(text, quantity.end, quantity.end, true, null, null, false), subject: null };
  // "The Palestinian death toll from ongoing Israeli attacks on the Gaza Strip has risen to 23,708",
  // "put the number of deceased hostages at 66": a toll named earlier in the sentence reaches the number.
  const wide = text.slice(Math.max(sentenceStart, quantity.start - 220), quantity.start);
  let risen = /\btoll\b|\bcasualties\b|\bnumber\b|\bfigure\b/i.test(wide)
    ? (PUT_AT.exec(wide) ?? TOLL_REACHES.exec(wide) ?? COUNT_SET_OFF.exec(wide))
    : null;
  // "the number of dead is 12, while the number of wounded is 2,300": the nearest count names the figure.
  for (let hop = 0; hop < 3 && risen?.[1]; hop++) {
    const later = /\b(?:(?:death\s+)?toll|number of)\b/gi;
    later.lastIndex = risen.index + risen[1].length;
    const next = later.exec(wide);
    if (!next) break;
    const closer = TOLL_REACHES.exec(wide.slice(next.index));
    if (!closer?.[1]) break;
    closer.index += next.index;
    risen = closer;
  }
  if (risen?.[1]) {
    // Where the named count begins: "put the death toll at 30" names "death toll", not "put the de".
    const start = quantity.start - (wide.length - risen.index) + Math.max(0, risen[0].indexOf(risen[1]));
    const noun = risen[1].toLowerCase();
    const metric = /casualt|(?:killed|dead)(?:,\s*|\s+(?:and|or)\s+)(?:wounded|injured)/.test(noun)
      ? "casualties"
      : /injur|wound/.test(noun)
        ? "wounded"
        : /toll|dead|deaths|deceased|killed|martyrs|fatalities|slain/.test(noun)
          ? "killed"
          : /missing$/.test(noun)
            ? "missing"
            : /(?:abducted|kidnapped|hostages)$/.test(noun)
              ? "captured"
              : null;
    if (metric || !/^(?:figure|number)$/.test(noun))
      return head(text, start, start + risen[1].length, metric === null, metric, null, false);
    return { ...head(text, quantity.end, quantity.end, true, null, null, false), subject: null };
  }
  const toll = /\btoll\b/i.test(before) ? TOLL_BEFORE.exec(before) : null;
  if (toll?.[1]) {
    const start = quantity.start - (before.length - toll.index);
    return head(text, start, start + toll[1].length, false, "killed", null, false);
  }
  const total = TOTAL_BEFORE.exec(before);
  if (total?.[1]) {
    const start = quantity.start - (before.length - total.index);
    const nounStart = start + total[0].indexOf(total[1]);
    const noun = total[1].toLowerCase();
    const metric = metricOfNoun(noun, "") ?? (noun === "wounded" || noun === "injured" ? "wounded" : null);
    return head(text, nounStart, nounStart + total[1].length, false, metric, null, false);
  }
  // "up to 1,500 more could follow": more of the people just counted.
  if (/^\s+more\b(?!\s+than)/i.test(after)) {
    return { ...head(text, quantity.end, quantity.end, true, null, null, false), subject: null };
  }
  const nounBefore = NOUN_BEFORE.exec(before);
  if (nounBefore?.[1]) {
    const start = quantity.start - (before.length - nounBefore.index);
    return {
      ...head(
        text,
        start,
        start + nounBefore[1].length,
        false,
        // "irretrievable losses amounted to 25 200": the dead (the adjective says which losses).
        /\b(?:irretrievable|irrecoverable)\s+$/i.test(before.slice(0, nounBefore.index))
          ? "killed"
          : metricOfNoun(nounBefore[1].toLowerCase(), ""),
        null,
        false,
      ),
    };
  }
  const verbBefore = VERB_BEFORE.exec(before);
  if (
    verbBefore?.[1] &&
    verbBefore[1].toLowerCase() !== "of" &&
    /^\s*(?:[,.;:)]|in\b|on\b|at\b|near\b|during\b|since\b|and\b|others?\b|more\b(?!\s+than)|$)/i.test(after)
  ) {
    return {
      ...head(text, quantity.end, quantity.end, true, null, metricOfVerb(verbBefore[1]), false),
      subject: null,
    };
  }
  return null;
}

/** "… were children", "… were fishermen": the part of a toll named by what its people were. */
function partNamedAfter(after: string): boolean {
  if (SUBSET_NOUN_AFTER.test(after)) return true;
  const were = /^\s+(?:were|are)\s+(?:(?:all|also|mostly|reportedly)\s+)?/i.exec(after);
  return !!were && PEOPLE_RE.test(after.slice(were[0].length));
}

function head(
  text: string,
  start: number,
  end: number,
  anaphoric: boolean,
  nounMetric: Metric | null,
  verbMetric: Metric | null,
  forceStrong: boolean,
): PeopleHead {
  let subjectEnd = end;
  // "prisoners of war"
  const tail = /^\s+of\s+war\b/i.exec(text.slice(end, end + 10));
  if (tail) subjectEnd = end + tail[0].length;
  const subject = end > start ? text.slice(start, subjectEnd).replace(/\s+/g, " ").trim() : null;
  return { subject, subjectStart: start, subjectEnd, anaphoric, nounMetric, verbMetric, forceStrong };
}

export function isForceNoun(word: string): boolean {
  return FORCE_NOUNS.test(word);
}
