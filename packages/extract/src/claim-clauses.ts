import { METRICS, type Metric } from "@headcount/shared";
import type { Working } from "./claims.ts";
import { countryOfDemonym } from "./gazetteer.ts";
import { DEFINED_GUARD, guarded, HARM_GUARD, OPENING_GUARD, SUBSET_GUARD } from "./guard-words.ts";
import type { Hedged } from "./hedges.ts";
import { CUES, LOST_BEFORE, type MetricResult, OBJECT_VERB } from "./metric-cues.ts";
import { metricOfVerb, NEXT_PART, type PeopleHead, SUBSET_OPENING, VICTIM_NOUNS } from "./metrics.ts";
import type { Quantity } from "./numbers.ts";
import { SINGULAR_PEOPLE_NOUNS } from "./people-nouns.ts";
import { sentenceHas } from "./scope-scan.ts";
import type { Sentence } from "./segment.ts";

/** Where a figure's clause begins and ends; figures sharing a noun or a hedge with the one before. */

// Quote marks are not clause boundaries: a quoted fragment ("lost “no more than 40 men”") belongs to its clause.
export const CLAUSE_END = /(?<!\.\.)[.;:!?](?=\s|$|["”’])|\s[–—-]\s|—|,["”’]?\s(?!\d{3}\b)/g;
export const CLAUSE_START = /(?:[;:—]|\s[–—-]\s|,\s|\b(?:that|while|but|whereas|although|though|because)\s)/g;

// "1,200 people killed in the north and 700 in the south", "…, with 750 in the south, 150 in the east":
// a bare figure after a counted one, sharing its noun and what happened, told apart by a place; also its
// parts by place ("132 were killed on Tuesday, including 72 in the north and 60 in the south").
export const ELLIPSIS_GAP =
  /^(?:\s+(?:were\s+|was\s+|ha(?:ve|s|d)\s+been\s+)?(?:killed|wounded|injured|dead|hurt|detained|missing|displaced))?(?:\s+(?:in|on|at|across|near|from|of|[–—]\s+of)\s+[^,;.\d]{1,50}?)?\)?(?:,\s*(?:and\s+|with\s+|including\s+|among them\s+)?|\s+(?:and|with|including)\s+|\s*\(\s*|\s+[–—-]\s+)$/i;
const GAPPED_SUBJECT = /^\s+and\s+(?:the\s+)?\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}[\p{L}’'-]*){0,3}\s+$/u;
// "…, including 194 who were executed": a part of the figure before, named by what befell it.
export const ELLIPSIS_AFTER =
  /^\s+(?:(?:in|on|at|across|near|from|since)\s+(?:the\s+)?[\p{L}]|[–—]\s+of\s+(?:the\s+)?\p{Lu}|who\s+(?:were|was|are|had|have)\b[^,;.]{0,40}?\b(?:killed|executed|murdered|shot|died|dead|wounded|injured|abducted|kidnapped|captured|detained|tortured|missing)\b)/u;

export function ellipticalHead(
  body: string,
  quantity: Quantity,
  sIndex: number,
  prev: Working | undefined,
  sentences: Sentence[],
): PeopleHead | null {
  if (prev && prev.sentence < sIndex) return listItemHead(body, quantity, sentences, sIndex, prev);
  if (!prev || prev.sentence !== sIndex || !prev.metricEvidenced || quantity.yearLike || quantity.percent)
    return null;
  if (quantity.start - prev.subjectEnd > 80 || quantity.start <= prev.subjectEnd) return null;
  const gap = body.slice(prev.subjectEnd, quantity.start);
  const hedge = /(?:(?:about|around|some|nearly|almost|at least|more than|over|up to|another)\s+)?$/i.exec(
    gap,
  );
  const bare = gap.slice(0, gap.length - (hedge?.[0].length ?? 0));
  // "the Front has some 1,800 fighters and the League about 4,000": another subject, the same verb and noun.
  const gapped =
    GAPPED_SUBJECT.test(bare) && /^\s*(?:[.;,]|$)/.test(body.slice(quantity.end, quantity.end + 4));
  if (!gapped && !ELLIPSIS_AFTER.test(body.slice(quantity.end, quantity.end + 90))) return null;
  if (!gapped && !ELLIPSIS_GAP.test(bare)) return null;
  return headOfPrevious(quantity, prev);
}

/**
 * "massacres – defined as incidents in which at least five people died": a threshold that defines what is
 * counted, not a count.
 */
export function isThreshold(body: string, sentenceStart: number, hedgeStart: number): boolean {
  return guarded(
    DEFINED_GUARD,
    /\b(?:defined as|definition of)\b[^.;]{0,60}\b(?:in which|where|that|with)\s+$/i,
    body.slice(Math.max(sentenceStart, hedgeStart - 90), hedgeStart),
  );
}

/** Villagers, students, "Palestinians": people counted only when something happened to them. */
export function victimOnly(noun: string): boolean {
  return (
    VICTIM_NOUNS.includes(noun.toLowerCase()) ||
    (/^\p{Lu}/u.test(noun) && countryOfDemonym(noun) !== undefined)
  );
}

const IMPERSONAL_FRAME =
  /\b(?:it|this)\s+(?:is|was|has been)\s+(?:\w+\s+)?(?:reported|said|believed|estimated|understood|claimed)\b/i;
export function hasImpersonalFrame(sentence: Sentence): boolean {
  return sentenceHas(sentence, IMPERSONAL_FRAME);
}

export function findClauseStart(body: string, sentence: Sentence, from: number): number {
  // The nearest 400 characters first: a figure late in a long sentence does not read the sentence again.
  // A clause opener found well inside that window is the one the whole sentence would give.
  if (from - sentence.start > 400) {
    const near = lastClauseStart(body, from - 400, from);
    if (near >= from - 400 + 20) return near;
  }
  const start = lastClauseStart(body, sentence.start, from);
  return start < 0 ? sentence.start : start;
}

function lastClauseStart(body: string, at: number, from: number): number {
  const text = body.slice(at, from);
  let start = -1;
  CLAUSE_START.lastIndex = 0;
  for (let m = CLAUSE_START.exec(text); m; m = CLAUSE_START.exec(text)) {
    // "of", "and" inside a noun phrase right before the number do not open a clause.
    if (/^and\s/.test(m[0]) && from - (at + m.index) < 12) continue;
    start = at + m.index + m[0].length;
  }
  return start;
}

export function findClauseEnd(body: string, sentence: Sentence, from: number): number {
  // The first comma, dash, closing quote or sentence punctuation after the counted noun ends the clause:
  // "about 2,000 marines were flown to the northern islands, with more expected …".
  const text = body.slice(from, sentence.end);
  CLAUSE_END.lastIndex = 0;
  const m = CLAUSE_END.exec(text);
  return m ? from + m.index : sentence.end;
}

const TOLL_STANDS =
  /\b(?:(death\s+toll)|(losses|casualties))\b[^.;]{0,100}?\b(?:stands|stood|reached|reach|rose|risen|climbed|jumped|is|was|hit|amounted to|amount to|totall?ed|exceeded|(?:is|are|was|were)\s+(?:believed|estimated|thought|said)\s+to\s+(?:be|have reached|exceed)(?:\s+in\s+the\s+range\s+of)?)\s+(?:at\s+|to\s+)?(?:(?:about|around|some|nearly|almost|roughly|at least|more than|over|up to)\s+)?$/i;

/** "the total death toll since … stands at 1,640 people", "losses … may have reached around half a million". */
export function tollStands(opening: string): MetricResult | null {
  const m = TOLL_STANDS.exec(opening);
  if (!m) return null;
  return { metric: m[1] ? "killed" : "casualties", evidenced: true, cue: (m[1] ?? m[2]) as string };
}
export const LIST_TAIL =
  /^(?:(?:,\s*(?:and\s+)?|\s+and\s+)(?:(?:about|around|some|nearly|almost|at least|more than|over)\s+)?\d[\d,]*\s[^,.;:\d]{1,90}?){1,5}\s+(?:were|was|have been|had been|are|got)\s+(?:(?:also|reportedly|all)\s+)?(killed|wounded|injured|hurt|captured|detained|abducted|missing|repatriated|returned|handed over)\b/i;
/** "More than 10,000 civilians, troops and police have died": the people of one figure, listed, then their verb. */
const NOUN_LIST_TAIL =
  /^(?:,\s*\p{Ll}+(?:\s+\p{Ll}+){0,2}){1,4},?\s+and\s+\p{Ll}+(?:\s+\p{Ll}+){0,2}\s+(?:(?:have|has|had)\s+)?(?:(?:been|were|was)\s+)?(died|killed|perished|wounded|injured)\b/u;
export const SEX_BREAKDOWN =
  /\b[\w-]+\s+(?:men|women|boys|girls)\s*,?\s+and\s+[\w-]+\s+(?:men|women|boys|girls)\b/i;
export const SUBSET_BEFORE =
  /\b(?:including|included|include|includes|among them|among whom|among those|of whom|of them)\s+(?:(?:an?|one)\s+[\p{L}-]+\s+and\s+)?$/iu;
/**
 * A figure that is a part of the one before: "including six children", "of them 12", "Of those killed, 9
 * were children", "… were Druze fighters and 298 were civilians", or the same count put otherwise.
 */
export function partOfBefore(
  body: string,
  sentence: Sentence,
  sIndex: number,
  hedgeStart: number,
  quantityEnd: number,
  prev: Working | undefined,
): boolean {
  return (
    countsAsBefore(body, prev, sIndex, hedgeStart) ||
    guarded(SUBSET_GUARD, SUBSET_BEFORE, body.slice(Math.max(sentence.start, hedgeStart - 24), hedgeStart)) ||
    /^\s+of\s+(?:them|whom|those)\s/i.test(body.slice(quantityEnd, quantityEnd + 12)) ||
    (hedgeStart - sentence.start < 140 &&
      guarded(OPENING_GUARD, SUBSET_OPENING, body.slice(sentence.start, hedgeStart))) ||
    (prev?.sentence === sIndex &&
      NEXT_PART.test(body.slice(Math.max(sentence.start, hedgeStart - 80), hedgeStart)))
  );
}

/**
 * Where a figure stands in a list of the sentence: right after the figure before, parted by a comma or "and"
 * (`listGap`), and an item that shares what befell the figure before (`listed`): the next item of a list
 * opened by a part ("including 745 civilians, 125 police and 148 fighters") or of people listed after the
 * object of a harm verb ("killed more than 43 children, 13 women and 9 men"; "ten soldiers, nine enlisted men
 * and one officer, had died" is an aside, not a list).
 */
export function listPlace(
  body: string,
  sentence: Sentence,
  sIndex: number,
  hedgeStart: number,
  prev: Working | undefined,
  evidenced: boolean,
  head: PeopleHead,
): { listGap: boolean; listed: boolean } {
  const listGap =
    prev !== undefined &&
    prev.sentence === sIndex &&
    /^(?:\s+\p{Ll}+){0,2}?(?:\s+[–—])?(?:\s+(?:of|from|on|in|by|to)\s+(?:the\s+|an?\s+)?[\p{L}’'()-]+(?:\s+[\p{L}’'()-]+){0,9})?\)?(?:,\s*(?:and\s+)?|\s+and\s+|,?\s+as well as\s+)$/u.test(
      body.slice(prev.subjectEnd, hedgeStart),
    );
  const listed =
    listGap &&
    prev !== undefined &&
    (prev.listItem ||
      // "four people were killed by Israeli fire, and two others by shelling": the others shared the verb.
      (!evidenced && /^others$/i.test(head.subject ?? "") && VICTIM_METRICS.has(prev.draft.metric)) ||
      // "decided to send 1,000 sappers …, as well as 5,000 construction workers": both are planned.
      (!evidenced && !head.anaphoric && prev.draft.metric === "planned_deployment") ||
      (!evidenced &&
        !head.anaphoric &&
        VICTIM_METRICS.has(prev.draft.metric) &&
        (OBJECT_VERB.test(body.slice(Math.max(sentence.start, prev.numberStart - 50), prev.numberStart)) ||
          // "lost up to 410 soldiers in A, up to 150 soldiers in B": a force's losses, place by place.
          LOST_BEFORE.test(body.slice(Math.max(sentence.start, prev.numberStart - 30), prev.numberStart)))));
  return { listGap, listed };
}

/** What is done to people, as against where a force is or how large it is. */
const FORCE_METRICS: readonly Metric[] = ["deployed", "planned_deployment", "present", "force_size"];
export const VICTIM_METRICS = new Set<Metric>(METRICS.filter((m) => !FORCE_METRICS.includes(m)));

/** What the verb closing a list says happened to its items ("… and 148 fighters were killed"), or null. */
export function listTailMetric(rest: string): MetricResult | null {
  const verb = (LIST_TAIL.exec(rest) ?? NOUN_LIST_TAIL.exec(rest))?.[1]?.toLowerCase();
  if (!verb) return null;
  const metric: Metric = /^(?:wounded|injured|hurt)$/.test(verb)
    ? "wounded"
    : /^(?:captured|detained|abducted)$/.test(verb)
      ? "captured"
      : verb === "missing"
        ? "missing"
        : /^(?:repatriated|returned|handed over)$/.test(verb)
          ? "repatriated"
          : "killed";
  return { metric, evidenced: true, cue: verb };
}

/** "…, two community leaders said": people who speak are the figure's source, not a count. */
export function speakersCounted(body: string, head: PeopleHead, sentenceEnd: number): boolean {
  return (
    head.subject !== null &&
    // "over 1,200 casualties reported daily": counted harm, not people who speak.
    !/\b(?:casualties|deaths|fatalities|losses|dead|bodies|corpses|victims|killed|wounded|injured)$/i.test(
      head.subject,
    ) &&
    /^\s+(?:(?:have|has|had)\s+)?(?:said|say|says|told|tell|added|confirmed|reported)\b(?!\s+(?:to\s+(?:be|have)|killed|dead|injured|wounded|missing|captured|detained)\b)/i.test(
      body.slice(head.subjectEnd, Math.min(sentenceEnd, head.subjectEnd + 30)),
    )
  );
}

/**
 * "Of the 558 people who have died, 50 are children": an opening that repeats a figure already given is
 * another appearance of it; the index of the claim it repeats, or -1.
 */
export function repeatedOpening(
  body: string,
  sentenceStart: number,
  hedged: Hedged,
  working: Working[],
): number {
  if (
    !/^["“]?(?:Of|Out of|Among)\s+(?:the|those|these)\s+$/i.test(body.slice(sentenceStart, hedged.hedgeStart))
  )
    return -1;
  return working.findIndex(
    (w) =>
      w.draft.duplicateOf === null &&
      (w.draft.valueBest === hedged.valueBest || w.draft.valueLow === hedged.valueBest),
  );
}

/** "Of those killed, …", "Among the wounded, …": what happened to the whole a part is taken from. */
export function openingMetric(opening: string): MetricResult | null {
  const m =
    /^["“]?(?:[^,;.“”"]{0,80}?\bthat\s+)?(?:Of|Out of|Among)\s+(?:the|those|these)\s+(?:[\p{L}-]+\s+){0,2}?(killed|dead|died|wounded|injured|missing|captured|abducted|kidnapped|detained)\b(?:[^,;.]{0,60},|\s+(?:were|are|was|is)(?:\s+(?:also|reportedly))?)(?:\s+\d[\d,]*\s+(?:were|are)\s+[\p{L}-]+,?(?:\s+and)?){0,6}\s+(?:(?:about|around|some|nearly|almost|at least|more than|over|up to)\s+)?$/iu.exec(
      opening,
    );
  // "The returned troops include 12 bodies …": what happened to the whole the list opens with.
  const whole =
    m ??
    /^["“]?(?:the\s+)?(?:[\p{L}-]+\s+){0,2}?(returned|repatriated|freed|released|exchanged|dead|killed|wounded|injured|captured|missing)\s+(?:[\p{L}-]+\s+){0,2}?(?:include|included|includes)\s+(?:(?:about|around|some|nearly|almost|at least|more than|over|up to)\s+)?$/iu.exec(
      opening,
    );
  const verb = whole?.[1];
  if (!verb) return null;
  const metric = metricOfVerb(verb);
  return metric ? { metric, evidenced: true, cue: verb } : null;
}

/** "One person was also injured", "one soldier died": a single casualty written as a toll is a claim. */
// The people a single toll names, in the singular ("one paramedic was killed", "killed one person").
const ONE_NOUN = `(?:${SINGULAR_PEOPLE_NOUNS.map((n) => n.replace(/\s+/g, "\\s+")).join("|")}|child)`;
const ONE_TOLL = new RegExp(
  `^\\s+(?:[\\p{L}-]+\\s+){0,2}?${ONE_NOUN}\\s+(?:(?:was|has been|had been|is|were)\\s+(?:also\\s+|reportedly\\s+|later\\s+)?(?:killed|injured|wounded|abducted|kidnapped|shot dead|hurt|missing)|(?:also\\s+|later\\s+)?died|(?:killed|injured|wounded)(?=\\s*[,.;]|\\s+(?:and|in|by|when)\\b))\\b`,
  "iu",
);

/**
 * "nearly 60 people, including civilians and soldiers, were killed" (or a longer list), "five villagers in
 * the district of X, northern Y, have been killed": an aside after the figure does not end its clause.
 * Returns the aside as written (from its comma), or null.
 */

export function clauseAside(rest: string): string | null {
  // Every aside opens with a comma or a dash: most clauses end on neither and need no further look.
  if (!/^\s*[,–—]/.test(rest)) return null;
  const aside =
    /^,\s+(?:including|among them|mostly|most of them|many of them|among whom|both|all of them|(?:the\s+)?(?:vast\s+|overwhelming\s+)?majority of (?:them|whom)|who|whom)\b(?:[^,;.]{0,80},){1,5}(?=\s+(?:were|was|have|has|had|are|is|died|killed|wounded|injured|lost|remain|remained)\b)/i.exec(
      rest,
    ) ??
    // The other asides close before a harm: a clause without one is not read for them.
    // (Only a short rest is tested first: a long sentence is not read again for every figure in it.)
    (rest.length < 400 && !HARM_GUARD.test(rest)
      ? null
      : (/^,\s+(?:[^,;.]{1,40},){1,2}(?=\s+(?:(?:were|was|have been|has been|had been)\s+(?:among\s+the\s+)?(?:killed|wounded|injured|dead|abducted|kidnapped)|(?:had|have|has)\s+died)\b)/i.exec(
          rest,
        ) ??
        // "thousands of civilians, troops and police have been killed": the rest of a list of who was harmed.
        /^,\s+(?:[\p{L}-]+\s+){0,2}[\p{L}-]+(?:,\s+(?:[\p{L}-]+\s+){0,2}[\p{L}-]+)*,?\s+(?:and|or)\s+(?:[\p{L}-]+\s+){0,2}?[\p{L}-]+(?=\s+(?:(?:were|was|have|has|had|are|is)\s+)?(?:(?:also|reportedly|all)\s+)?(?:been\s+)?(?:killed|wounded|injured|abducted|kidnapped)\b)/iu.exec(
          rest,
        ) ??
        // "At least 18 people – eight of them children – have been killed": an aside between dashes.
        /^\s*[–—]\s*[^–—;.]{1,80}?\s*[–—](?=\s+(?:(?:were|was|have|has|had|are|is)\s+)?(?:(?:also|reportedly|all)\s+)?(?:been\s+)?(?:killed|wounded|injured|died|abducted|kidnapped)\b)/i.exec(
          rest,
        )));
  return aside ? aside[0] : null;
}

/** Words and spans that place a figure in time or tie it to the one before. */
export const CONTINUATION =
  /\b(?:reportedly|allegedly|also|further|another|additional|the rest|remaining|of them|of those|of these|of whom|in particular|specifically)\b/i;
/** A new paragraph goes on with the last speaker's figures only when it says so; "reportedly" opens background. */
export const CONTINUES_PARAGRAPH =
  /\b(?:also|further|another|additional|the rest|remaining|of them|of those|of these|of whom|in particular|specifically)\b/i;
export const EVENT_METRICS = new Set<Metric>(["killed", "wounded", "casualties", "missing", "captured"]);
export const RUNNING_TOTAL =
  /\b(?:since|so far|in total|overall|altogether|to date|cumulative|this year|last year|in all|total of|war|conflict|began|started|invasion)\b/i;
export const LAST_DAY =
  /\b(?:in|during|over|within|for)\s+the\s+(?:past|last|previous)\s+(?:24|twenty[- ]four)\s+hours\b/i;
export const WAR = /\b(?:war|conflict|fighting)\b/i;
export const shiftDay = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Before the whole of a partitive: "two of the", "three of those", "12 of the". */
const PARTITIVE_WHOLE =
  /\b(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens|scores|hundreds|thousands|percent|per cent|%)\s+of\s+(?:the|those|these)\s+$/i;

/**
 * "two of the five soldiers": the five are the group a part is taken from, not a count of their own (a
 * whole that names a toll, "five of the 22 injured", is still one: the caller asks only for other nouns).
 */
export function partitiveWhole(body: string, sentenceStart: number, quantityStart: number): boolean {
  return PARTITIVE_WHOLE.test(body.slice(Math.max(sentenceStart, quantityStart - 40), quantityStart));
}

/** "the death of one peacekeeper", "the killing of one civilian": a single death named as such. */
const ONE_DEATH = /\b(?:death|killing|murder)\s+of\s+$/i;
/** "killed one person and wounded 20", "killed 12 and abducted one", "left one soldier dead". */
const VERB_ONE =
  /\b(?:killed|killing|kills|wounded|wounding|wounds|injured|injuring|injures|abducted|abducting|abducts|kidnapped|kidnapping|captured|capturing|left)\s+$/i;
const ONE_OBJECT = new RegExp(
  `^(?:\\s+(?:[\\p{L}-]+\\s+)?(?:${ONE_NOUN}|member|other|more)\\b|\\s*(?:[,.;]|(?:and|in|at|near|from|on|during|after)\\b|$))`,
  "iu",
);

/** "While 15 soldiers were killed inside Gaza, one was killed outside": one of those counted before, a clause on. */
const ONE_AFTER_CLAUSE = /,\s+(?:and\s+|but\s+|while\s+)?$/i;
const ONE_UNDERWENT =
  /^\s+(?:was|has been|had been)\s+(?:also\s+|reportedly\s+|later\s+)?(?:killed|injured|wounded|abducted|kidnapped|shot dead|hurt)\b/i;

const FIGURE_BEFORE =
  /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|scores|hundreds)\b/i;

/** One person is a claim only when written as a toll ("one person was also injured", "the death of one"). */
export function singleToll(body: string, quantity: { start: number; end: number }): boolean {
  return (
    ONE_TOLL.test(body.slice(quantity.end, quantity.end + 80)) ||
    // "55 – of the National Guard, one – of the National Police": a part of a breakdown by unit.
    /^\s+[–—]\s+of\s+(?:the\s+)?\p{Lu}/u.test(body.slice(quantity.end, quantity.end + 16)) ||
    (ONE_AFTER_CLAUSE.test(body.slice(Math.max(0, quantity.start - 10), quantity.start)) &&
      ONE_UNDERWENT.test(body.slice(quantity.end, quantity.end + 40)) &&
      FIGURE_BEFORE.test(body.slice(Math.max(0, quantity.start - 150), quantity.start))) ||
    ONE_DEATH.test(body.slice(Math.max(0, quantity.start - 20), quantity.start)) ||
    (VERB_ONE.test(body.slice(Math.max(0, quantity.start - 14), quantity.start)) &&
      ONE_OBJECT.test(body.slice(quantity.end, quantity.end + 30)) &&
      (!/\bleft\s+$/i.test(body.slice(Math.max(0, quantity.start - 6), quantity.start)) ||
        /^\s+(?:[\p{L}-]+\s+){1,2}(?:dead|injured|wounded)\b/u.test(
          body.slice(quantity.end, quantity.end + 40),
        )))
  );
}

/**
 * "Civilian fatalities" over "65 civilians, including 13 children": a report's heading says what the figures of
 * the paragraph right under it count. Read for the paragraph's first sentence only, and only from a heading
 * that names a toll.
 */
export function headingMetric(sentences: Sentence[], sIndex: number): MetricResult | null {
  return reportHeadingMetric(sentences, sIndex) ?? listIntroMetric(sentences, sIndex);
}

function reportHeadingMetric(sentences: Sentence[], sIndex: number): MetricResult | null {
  const sentence = sentences[sIndex];
  const heading = sentences[sIndex - 1];
  if (
    !sentence ||
    !heading ||
    heading.paragraph === sentence.paragraph ||
    heading.text.length > 60 ||
    /[.!?"”’]\s*$/.test(heading.text)
  )
    return null;
  const previous = sentences[sIndex - 2];
  if (previous?.paragraph === heading.paragraph) return null;
  const m =
    /\b(?:(fatalities|deaths|dead|killed|death toll|victims)|(injuries|injured|wounded)|(casualties|losses))\s*:?\s*$/i.exec(
      heading.text,
    );
  if (!m) return null;
  const metric = m[1] ? "killed" : m[2] ? "wounded" : "casualties";
  return { metric, evidenced: true, cue: m[0].trim() };
}

function opensParagraph(sentences: Sentence[], k: number): boolean {
  return sentences[k - 1]?.paragraph !== sentences[k]?.paragraph;
}

/**
 * "Among the bodies returned home:" over lines "397 military personnel from the Donetsk region;", "24 from the
 * Luhansk direction;": the sentence a list's lines hang from says what their figures count. Returns the intro's
 * index for a line that opens its paragraph with a figure under such an intro, or -1.
 */
export function listIntroOf(sentences: Sentence[], sIndex: number): number {
  if (!sentences[sIndex] || !opensParagraph(sentences, sIndex)) return -1;
  for (let k = sIndex - 1; k >= 0 && k >= sIndex - 12; k--) {
    const line = (sentences[k] as Sentence).text;
    if (/:\s*$/.test(line)) return k;
    if (!opensParagraph(sentences, k) || !/^\s*(?:[•·▪-]\s*)?\d/.test(line) || !/;\s*$/.test(line)) return -1;
  }
  return -1;
}

/** What a list's intro says its figures count: the cue nearest its end. */
function listIntroMetric(sentences: Sentence[], sIndex: number): MetricResult | null {
  const at = listIntroOf(sentences, sIndex);
  const intro = at < 0 ? "" : (sentences[at] as Sentence).text;
  let best: { metric: Metric; at: number; cue: string } | null = null;
  for (const [cue, metric] of intro ? CUES : []) {
    const m = new RegExp(cue.source, "gi");
    for (let hit = m.exec(intro); hit; hit = m.exec(intro))
      if (!best || hit.index > best.at) best = { metric, at: hit.index, cue: hit[0] };
  }
  return best ? { metric: best.metric, evidenced: true, cue: best.cue } : null;
}

/** "24 from the Luhansk direction;" under a list's intro: the line counts what the line before counted. */
function listItemHead(
  body: string,
  quantity: Quantity,
  sentences: Sentence[],
  sIndex: number,
  prev: Working | undefined,
): PeopleHead | null {
  if (!prev || prev.sentence >= sIndex || listIntroOf(sentences, sIndex) < 0) return null;
  if (!/^\s+(?:from|in|of|on|at)\b/i.test(body.slice(quantity.end, quantity.end + 8))) return null;
  return headOfPrevious(quantity, prev);
}

/**
 * A figure that counts what the figure before it counted: the parts after a colon ("390 Ukrainians were
 * released: 270 servicemen and 120 civilians"), or the same count put otherwise ("… had been wounded or
 * killed. The NIS put the figure at 3,000").
 */
export function countsAsBefore(body: string, prev: Working | undefined, sIndex: number, at: number): boolean {
  if (!prev) return false;
  if (prev.sentence === sIndex && /^[^:;.“”"]{0,120}:\s*$/.test(body.slice(prev.subjectEnd, at))) return true;
  const before = body.slice(Math.max(0, at - 80), at);
  // "put the number at 12" names the count it restates: it reaches a figure a few sentences back.
  return (
    (prev.sentence >= sIndex - 3 &&
      /\b(?:put|puts|putting|placed|places|estimated|estimates|set|sets)\s+(?:the|that|this|its|their)\s+(?:figure|number|toll|tally|count|estimate)\s+(?:at|closer to|nearer to)\s+(?:(?:about|around|some|nearly|almost|roughly|at least|more than|over|up to)\s+)?$/i.test(
        before,
      )) ||
    (prev.sentence >= sIndex - 2 &&
      // "… this number could be up to 150,000", "the figure may be as high as 6,000".
      /\b(?:the|that|this)\s+(?:figure|number|toll|tally|count|estimate)\s+(?:could|may|might|would|is likely to|is expected to)\s+(?:be|reach|rise to|exceed|top)\s+(?:(?:as high as|as many as|up to|about|around|some|nearly|almost|roughly|at least|more than|over|closer to)\s+)?$/i.test(
        before,
      ))
  );
}

/** A figure with no noun of its own counts what the figure before it counted. */
function headOfPrevious(quantity: Quantity, prev: Working): PeopleHead {
  return {
    subject: prev.draft.subject || null,
    subjectStart: quantity.end,
    subjectEnd: quantity.end,
    anaphoric: false,
    nounMetric: prev.draft.metric,
    verbMetric: null,
    forceStrong: false,
  };
}
