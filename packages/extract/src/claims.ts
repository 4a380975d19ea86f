import type { Precision } from "@headcount/shared";
import { attribute, type SourceRef } from "./attribution.ts";
import {
  clauseAside,
  EVENT_METRICS,
  ellipticalHead,
  findClauseEnd,
  findClauseStart,
  hasImpersonalFrame,
  headingMetric,
  isThreshold,
  LAST_DAY,
  listPlace,
  listTailMetric,
  openingMetric,
  partitiveWhole,
  partOfBefore,
  RUNNING_TOTAL,
  repeatedOpening,
  SEX_BREAKDOWN,
  shiftDay,
  singleToll,
  speakersCounted,
  tollStands,
  VICTIM_METRICS,
  victimOnly,
  WAR,
} from "./claim-clauses.ts";
import {
  actorCountry,
  confidenceOf,
  isFrameDate,
  markDuplicates,
  SAID_NEAR,
  saidDateInPreviousSentence,
  writtenName,
} from "./claim-support.ts";
import { continuesPrevious } from "./continuation.ts";
import { type DateMention, findDates, type ResolvedDate } from "./dates.ts";
import { citedSpeakers } from "./described-head.ts";
import { refineSpeakers } from "./described-speakers.ts";
import type { EntityIndex } from "./entities.ts";
import { correctedFigure, RESTATED, sharedFloor } from "./floor-list.ts";
import { hedgeQuantity } from "./hedges.ts";
import type { ExtractedClaim } from "./index.ts";
import { findLocation, lastDestination } from "./location.ts";
import { findMetric, findPeopleHead, findRate, subjectEntityOf } from "./metrics.ts";
import { NOT_HARMED_BEFORE, notHarmedAfter } from "./not-harmed.ts";
import { findQuantities } from "./numbers.ts";
import { verbAfterPart } from "./part-verb.ts";
import { quoteSpan } from "./quote-span.ts";
import { sentenceHas } from "./scope-scan.ts";
import { findQuotations, type Sentence, type Span, sentenceAt, splitParagraphs } from "./segment.ts";
import { sharedHedge } from "./shared-hedge.ts";
import { speakersClosingParagraph, speakersNamedAfter, speakersOfQuotedParagraphs } from "./speaker-after.ts";

/**
 * Turns the numbers of a body into claims: which numbers count people, their interval and hedge, what
 * happened, where, who said it and when. Context flows forward: a claim with no attribution of its own
 * that continues the previous one ("A further 800 soldiers were reportedly …") keeps its source.
 */

export interface Working {
  draft: ExtractedClaim;
  sentence: number;
  paragraph: number;
  anaphoric: boolean;
  metricEvidenced: boolean;
  statedOnExplicit: boolean;
  sourceRefs: SourceRef[];
  numberStart: number;
  /** Where the counted noun ends, and whether the figure opens or continues a list of parts. */
  subjectEnd: number;
  listItem: boolean;
  /** The place was recognised from its construction, not the gazetteer. */
  locationInferred: boolean;
}

export function extractClaims(
  body: string,
  sentences: Sentence[],
  index: EntityIndex,
  published: ResolvedDate | null,
  /** The text opens with the headline, this long: its sentences carry claims although written in title case. */
  titleEnd = 0,
): { claims: ExtractedClaim[]; sources: SourceRef[] } {
  const paragraphs = splitParagraphs(body);
  const quotesByParagraph = paragraphs.map((p) => findQuotations(body, p));
  const datesBySentence = new Map<number, DateMention[]>();
  const datesOf = (i: number): DateMention[] => {
    let found = datesBySentence.get(i);
    if (!found) {
      const s = sentences[i] as Sentence;
      // "Days earlier" counts back from the last date the narrative gave, when there is one.
      let narrative: ResolvedDate | null = null;
      if (/\b(?:days|weeks|months)\s+(?:earlier|before|prior)\b/i.test(s.text)) {
        for (let k = i - 1; k >= Math.max(0, i - 6) && !narrative; k--) {
          const explicit = datesOf(k).filter(
            (d) => d.role === "point" && !/earlier|before|prior/i.test(d.text),
          );
          const last = explicit[explicit.length - 1];
          if (last) narrative = { date: last.date, precision: last.precision };
        }
      }
      found = findDates(s.text, s.start, published, narrative);
      datesBySentence.set(i, found);
    }
    return found;
  };

  /** The last day the narrative dated an event on, up to a sentence (not a day something was said). */
  const eventDateBefore = (sIndex: number): ResolvedDate | null => {
    for (let k = sIndex; k >= Math.max(0, sIndex - 6); k--) {
      const s = sentences[k] as Sentence;
      const points = datesOf(k).filter((d) => {
        if (d.role !== "point" || (d.eventPrecision ?? d.precision) !== "day") return false;
        const near = body.slice(Math.max(s.start, d.start - 30), d.start);
        const after = body.slice(d.end, Math.min(s.end, d.end + 20));
        return !SAID_NEAR.test(near) && !/^\s*(?:said|told|announced|reported|stated)\b/i.test(after);
      });
      const last = points[points.length - 1];
      if (last) return { date: last.date, precision: last.eventPrecision ?? last.precision };
    }
    return null;
  };

  const bodyClaims: Working[] = [];
  // The headline's claims are read on their own: no body sentence continues them or repeats into them.
  const titleClaims: Working[] = [];
  const priorSources: SourceRef[] = [];
  for (const quantity of findQuantities(body)) {
    const sIndex = sentenceAt(sentences, quantity.start);
    const sentence = sentences[sIndex];
    if (!sentence || (sentence.headline && sentence.start >= titleEnd)) continue;
    const inTitle = sentence.start < titleEnd;
    const working = inTitle ? titleClaims : bodyClaims;
    if ((quantity.value ?? 2) < 2 && quantity.kind === "number" && !singleToll(body, quantity)) continue;
    const head =
      findPeopleHead(body, quantity, sentence.start, sentence.end) ??
      ellipticalHead(body, quantity, sIndex, working[working.length - 1], sentences);
    if (!head) continue;
    if (!head.nounMetric && partitiveWhole(body, sentence.start, quantity.start)) continue;
    const own = hedgeQuantity(body, quantity, sentence.start);
    const prevClaim = working[working.length - 1];
    const harms = /(?:injuries|deaths|casualties|fatalities)$/i.test(head.subject ?? "");
    const shared = sharedHedge(body, own, quantity, sIndex, prevClaim, harms);
    const floor = sharedFloor(body, shared, quantity, head, sIndex, prevClaim, sentence.start);
    const hedged = correctedFigure(body, floor, quantity, sentence.end);
    const clauseStart = findClauseStart(body, sentence, hedged.hedgeStart);
    let clauseEnd = findClauseEnd(body, sentence, Math.max(head.subjectEnd, quantity.end));
    const aside = clauseAside(body.slice(clauseEnd, sentence.end));
    if (aside) clauseEnd = findClauseEnd(body, sentence, clauseEnd + aside.length);
    const prev = working[working.length - 1];

    let metric = findMetric(body, head, clauseStart, clauseEnd, quantity.start);
    // "745 civilians, 125 police officers and 148 fighters were killed": the first items of a list share
    // the verb that closes it.
    // "382 bodies of defenders killed in …, 56 fallen soldiers … were repatriated": the dead handed back.
    const tail = listTailMetric(body.slice(clauseEnd, Math.min(sentence.end, clauseEnd + 400)));
    if (!metric.evidenced || (tail?.metric === "repatriated" && metric.metric === "killed"))
      metric = tail ?? metric;
    // "the total death toll since the war began on October 8, 2023, stands at 1,640 people".
    if (!metric.evidenced) metric = tollStands(body.slice(sentence.start, hedged.hedgeStart)) ?? metric;
    // "killed 14 people, including six children": a part of the figure before shares what happened to it,
    // and so does the next item of the list ("including 745 civilians, 125 police and 148 fighters").
    const { listGap, listed } = listPlace(
      body,
      sentence,
      sIndex,
      hedged.hedgeStart,
      prev,
      metric.evidenced,
      head,
    );
    const subset = partOfBefore(body, sentence, sIndex, hedged.hedgeStart, quantity.end, prev);
    // The figure before decides for its part ("Among the victims were four women"), the dead among those handed
    // back, and a part before another clause's verb ("killed 20 people including three children and injured six").
    const prevDecides =
      ((listGap || subset) &&
        prev?.draft.metric === "repatriated" &&
        (metric.metric === "killed" || metric.metric === "captured")) ||
      (subset && !head.nounMetric && verbAfterPart(body, hedged.hedgeStart, head.subjectEnd));
    if (
      (!metric.evidenced || prevDecides) &&
      prev &&
      (prev.sentence === sIndex || (subset && prev.sentence >= sIndex - 3)) &&
      prev.metricEvidenced &&
      (subset || listed || prevDecides)
    )
      metric = { metric: prev.draft.metric, evidenced: true, cue: null };
    // "Of those killed, 9 were children": the opening says what happened to the whole.
    if (!metric.evidenced && subset)
      metric = openingMetric(body.slice(sentence.start, hedged.hedgeStart)) ?? metric;
    if (!metric.evidenced) metric = headingMetric(sentences, sIndex) ?? metric;
    // "put the figure at 40" restates a count: with none before it to restate, it counts no one.
    if (!metric.evidenced && !head.subject && RESTATED.test(body.slice(sentence.start, hedged.hedgeStart)))
      continue;
    // Civilians are counted here only as victims: "thousands of civilians have fled" is no military claim.
    // "has killed thousands and displaced nearly 2 million people": the verb nearest the number decides.
    if (
      NOT_HARMED_BEFORE.test(body.slice(Math.max(sentence.start, hedged.hedgeStart - 40), hedged.hedgeStart))
    )
      continue;
    // "… and 500,000 others were displaced", "23 dead and around 15 houses burnt": what the figure counts
    // right after it says it is no toll of people.
    if (notHarmedAfter(body, hedged.hedgeStart, quantity.end, sentence.end)) continue;
    if (isThreshold(body, sentence.start, hedged.hedgeStart)) continue;
    if (speakersCounted(body, head, sentence.end) || citedSpeakers(body, hedged.hedgeStart, quantity.end))
      continue;
    const repeated = repeatedOpening(body, sentence.start, hedged, working);
    const counted = head.subject?.split(" ").pop() ?? "";
    // "Three women and seven men were killed": a breakdown by sex of a toll given elsewhere.
    // Not when they go on a list of the toll's people ("killed 43 children, 13 women and 9 men").
    if (/^(?:men|women|boys|girls)$/i.test(counted) && SEX_BREAKDOWN.test(sentence.text) && !listed) continue;
    if (
      (/^(?:civilians|people|residents|refugees|evacuees|men|members|workers|staff|children|women)$/i.test(
        counted,
      ) ||
        victimOnly(counted)) &&
      !(
        metric.evidenced &&
        VICTIM_METRICS.has(metric.metric) &&
        !(victimOnly(counted) && metric.metric === "recruited")
      ) &&
      !/\b(?:troops|soldiers|military|army|forces|fighters|armed|deployed|mobili[sz]ed|recruited|conscripted)\b/i.test(
        head.subject ?? "",
      )
    ) {
      if (
        !(
          metric.evidenced &&
          ["recruited", "deployed", "planned_deployment"].includes(metric.metric) &&
          /^(?:men|workers)$/i.test(head.subject?.split(" ").pop() ?? "")
        )
      )
        continue;
    }
    const rate = findRate(body, quantity, head, clauseStart, clauseEnd);
    const quotes = quotesByParagraph[sentence.paragraph] ?? [];
    const attribution = attribute({
      body,
      sentence,
      index,
      quotes,
      quantityStart: hedged.hedgeStart,
      quantityEnd: quantity.end,
      clauseEnd,
      priorSources,
      headline: inTitle,
    });

    const sentenceText = sentence.text;
    const continues = continuesPrevious(
      prev,
      sentence,
      sIndex,
      hedged.additional || head.anaphoric,
      attribution.explicit,
      /^\p{Lu}[^.!?:;,"“”]{0,40}$/u.test(sentences[sIndex - 1]?.text ?? "."),
    );
    // "It is reported that …" is an explicit, anonymous attribution; "reportedly" may continue a source.
    const inherits =
      continues &&
      prev !== undefined &&
      (!attribution.explicit ||
        (attribution.impersonal && !hasImpersonalFrame(sentence) && prev.sentence !== sIndex));

    let subject = head.subject ?? "";
    let subjectEntity = subjectEntityOf(head.subject);
    if (
      (head.anaphoric || hedged.additional || !subjectEntity) &&
      prev &&
      (head.anaphoric || hedged.additional)
    ) {
      if (!head.subject || head.anaphoric) subject = prev.draft.subject || subject;
      subjectEntity ??= prev.draft.subjectEntity;
    }
    subjectEntity ??= actorCountry(body, index, clauseStart, quantity.start);
    if (!subjectEntity) {
      const previous = sentences[sIndex - 1];
      if (previous && previous.paragraph === sentence.paragraph)
        subjectEntity = actorCountry(body, index, previous.start, previous.end);
    }
    if (!subject) subject = head.anaphoric ? "them" : "people";

    // Where: in the clause, else what the claim continues, else where the previous sentence sent people.
    const found = findLocation(
      body,
      index,
      clauseStart,
      clauseEnd,
      head.subjectEnd,
      quantity.start,
      sentence.start,
    );
    let location = found?.name ?? null;
    let locationInferred = found?.inferred === true;
    if (!location && prev && (continues || head.anaphoric || hedged.additional)) {
      location = prev.draft.location;
      locationInferred = prev.locationInferred;
    }
    if (!location) {
      const previous = sentences[sIndex - 1];
      if (previous && previous.paragraph === sentence.paragraph)
        location = lastDestination(body, index, previous.start, previous.end);
    }

    // "There are 10,000 North Korean soldiers in Russia": foreign troops somewhere are deployed there.
    let metricValue = metric.metric;
    // "…, bringing the total to 6,000": a running total of what the claim before counted.
    if (!metric.evidenced && head.anaphoric && !head.subject && prev && prev.sentence === sIndex)
      metricValue = prev.draft.metric;
    if (
      metricValue === "present" &&
      /^there\s/i.test(metric.cue ?? "") &&
      subjectEntity &&
      location &&
      !location.includes(subjectEntity)
    ) {
      metricValue = "deployed";
    }
    // Source and relay chain.
    let source: SourceRef | null = attribution.source;
    let via: SourceRef[] = attribution.via;
    if (inherits && prev) {
      source = prev.sourceRefs[0] ?? null;
      via = prev.sourceRefs.slice(1);
    }

    // When it was said, and the period the number describes.
    const dates = datesOf(sIndex);
    const frameDates = dates.filter((d) => isFrameDate(body, d, attribution, hedged.hedgeStart, clauseEnd));
    let statedOn: ResolvedDate | null = null;
    let statedOnExplicit = false;
    const frameDate = frameDates[frameDates.length - 1];
    if (frameDate && (attribution.explicit || inherits)) {
      statedOn = { date: frameDate.date, precision: frameDate.precision };
      statedOnExplicit = true;
    } else if (inherits && prev) {
      statedOn = prev.draft.statedOn;
      statedOnExplicit = prev.statedOnExplicit;
    } else if (source) {
      const same = working.findLast((w) => w.statedOnExplicit && w.draft.source === source?.name);
      const fromPrevious = same ? null : saidDateInPreviousSentence(body, sentences, sIndex, datesOf);
      if (same) {
        statedOn = same.draft.statedOn;
        statedOnExplicit = true;
      } else if (fromPrevious) {
        statedOn = fromPrevious;
        statedOnExplicit = true;
      } else if (attribution.previously) statedOn = null;
      else statedOn = published;
    } else if (attribution.previously) {
      statedOn = null;
    } else {
      statedOn = published;
    }
    let refersFrom: ResolvedDate | null = null;
    let refersTo: ResolvedDate | null = null;
    for (const d of dates) {
      if (frameDates.includes(d)) continue;
      // A period ("since October", "by December") may open the sentence; a bare date must be in the clause.
      const inClause = d.start >= clauseStart - 2 && d.end <= clauseEnd + 2;
      // …and so may a point that opens it ("Last October, 450 fighters were killed").
      const opens =
        d.start - sentence.start <= 6 &&
        /^[\s,]*$/.test(body.slice(d.end, d.end + 2).replace(/^[^,\s].*/, ""));
      if (!inClause && !opens && !(d.role !== "point" && d.start >= sentence.start && d.end <= sentence.end))
        continue;
      const value = { date: d.date, precision: d.eventPrecision ?? d.precision };
      if (d.role === "from") refersFrom = value;
      else if (d.role === "to") refersTo = value;
      else {
        // A point in time ("on Sunday", "last October") is a period whose two ends are that day or month.
        if (!refersFrom || refersFrom === refersTo) refersFrom = value;
        refersTo = value;
      }
    }
    // "in the past 24 hours": the day before the figure was given, through then.
    if (sentenceHas(sentence, LAST_DAY) && statedOn && !/\bsince\b/i.test(sentenceText)) {
      refersFrom = { date: shiftDay(statedOn.date, -1), precision: "day" };
      refersTo = { date: statedOn.date, precision: "day" };
    }
    // "The war began in April 2023. … The conflict has killed 20,000": a running total of the war counts
    // from the start the paragraph just gave it.
    if (!refersFrom && !refersTo && EVENT_METRICS.has(metricValue) && sentenceHas(sentence, WAR)) {
      const previous = sentences[sIndex - 1];
      if (previous && previous.paragraph === sentence.paragraph && sentenceHas(previous, WAR)) {
        // "since April 2023", or "… began in April 2023".
        const began = /\b(?:began|erupted|broke out|started)\b/i.test(previous.text);
        const opened = datesOf(sIndex - 1).filter((d) => d.role === "from" || (began && d.role === "point"));
        const last = opened[opened.length - 1];
        if (last) refersFrom = { date: last.date, precision: last.eventPrecision ?? last.precision };
      }
    }
    // A toll of the event the narrative dated ("on Sunday, gunmen attacked …") keeps that day, unless the
    // sentence counts a running total.
    if (
      !refersFrom &&
      !refersTo &&
      EVENT_METRICS.has(metricValue) &&
      rate === "total" &&
      !head.anaphoric &&
      !attribution.previously &&
      !sentenceHas(sentence, RUNNING_TOTAL)
    ) {
      const event = eventDateBefore(sIndex);
      if (event) {
        refersFrom = event;
        refersTo = event;
      }
    }

    const { start, end } = quoteSpan(body, {
      clauseStart,
      clauseEnd,
      frameStart: attribution.frameStart,
      sentence,
      hedgeStart: hedged.hedgeStart,
      subjectEnd: head.subjectEnd,
      // An earlier claim of the sentence between the frame and the figure keeps the frame out of the quote.
      earlierInSentence: working.some(
        (w) => w.sentence === sIndex && w.numberStart >= (attribution.frameStart ?? 0),
      ),
      listItem: listed && prev !== undefined && prev.sentence === sIndex,
      prevNumberStart: prev?.numberStart ?? -1,
    });
    const quote = body.slice(start, end);

    const draft: ExtractedClaim = {
      quote,
      start,
      end,
      prefix: body.slice(Math.max(0, start - 32), start),
      suffix: body.slice(end, end + 32),
      valueLow: hedged.valueLow,
      valueHigh: hedged.valueHigh,
      valueBest: hedged.valueBest,
      qualifier: hedged.qualifier,
      hedge: hedged.hedge,
      additional:
        hedged.additional ||
        /^\s+(?:more|additional|extra)\b/i.test(body.slice(quantity.end, quantity.end + 12)),
      metric: metricValue,
      rate,
      subject,
      subjectEntity,
      location,
      source: source ? writtenName(source) : null,
      sourceType: source?.type ?? null,
      via: via.map((v) => ({ name: writtenName(v), type: v.type })),
      statedOn,
      refersFrom,
      refersTo,
      confidence: 0,
      duplicateOf: repeated >= 0 ? repeated : null,
      inTitle,
    };
    // The repeated figure is another appearance of the one it repeats, hedge included.
    const original = working[repeated]?.draft;
    if (original) {
      draft.valueLow = original.valueLow;
      draft.valueHigh = original.valueHigh;
      draft.qualifier = original.qualifier;
      draft.hedge = original.hedge;
    }
    const item: Working = {
      draft,
      sentence: sIndex,
      paragraph: sentence.paragraph,
      anaphoric: head.anaphoric,
      metricEvidenced: metric.evidenced,
      statedOnExplicit,
      sourceRefs: source ? [source, ...via] : [],
      numberStart: quantity.start,
      subjectEnd: Math.max(head.subjectEnd, quantity.end),
      listItem: subset || listed,
      locationInferred,
    };
    draft.confidence = confidenceOf(item, quantity, head, attribution, inherits);
    working.push(item);
    if (inTitle) continue;
    if (attribution.source && !priorSources.includes(attribution.source))
      priorSources.push(attribution.source);
    for (const ref of attribution.source ? attribution.via : []) priorSources.push({ ...ref, relayed: true });
  }
  speakersNamedAfter(bodyClaims, sentences, index);
  speakersClosingParagraph(bodyClaims, sentences);
  speakersOfQuotedParagraphs(bodyClaims, sentences);
  refineSpeakers(bodyClaims, index, body);
  markDuplicates(bodyClaims);
  markDuplicates(titleClaims);
  // The body's claims first, then the headline's (each `duplicateOf` still points back).
  for (const w of titleClaims) if (w.draft.duplicateOf !== null) w.draft.duplicateOf += bodyClaims.length;
  const all = [...bodyClaims, ...titleClaims];
  return { claims: all.map((w) => w.draft), sources: all.flatMap((w) => w.sourceRefs) };
}

export type { Precision, Span };
