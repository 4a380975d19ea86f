import type { EntityType } from "@headcount/shared";
import { asReportedSpeaker } from "./as-reported.ts";
import { clauseAfterVerb, RELAY_KINDS, SAY, TRAILING_AUX } from "./attribution-words.ts";
import type { EntityIndex, EntityRecord } from "./entities.ts";
import { isSetOff } from "./frame-bounds.ts";
import { namesSpeakerAfterVerb } from "./inverted-speaker.ts";
import { mentionsNear, refOf } from "./mention-lookup.ts";
import { quoteRelay, quoteSpeaker, speakerOfQuotationBefore } from "./quote-speaker.ts";
import { matchesIn, matchesWith, once } from "./scope-scan.ts";
import type { Sentence, Span } from "./segment.ts";
import { resolveNP } from "./speaker-phrase.ts";
import { leadingSubject, subjectBefore } from "./subject-phrase.ts";
import { isTrailing } from "./trailing-frame.ts";
import { nounVerbAfterSpeaker } from "./trailing-noun-verb.ts";

/**
 * Who said it, and who passed it on. Frames are found around the number in its sentence:
 * "according to X", "X said (that)", "…, X said", "citing X", "cited by X", "X's assessment", and the
 * speaker of a direct quotation. The deepest speaker is the source; the others are the relay chain (`via`),
 * speaker side first. News agencies relay: they are never deeper than a named speaker they report.
 */

export interface SourceRef {
  name: string;
  type: EntityType;
  entity: EntityRecord | null;
  start: number;
  end: number;
  /** Named only as the outlet that relayed an earlier figure ("carried by the news agency"). */
  relayed?: boolean;
}

export interface Attribution {
  source: SourceRef | null;
  via: SourceRef[];
  /** Some frame was found in the sentence, even an impersonal one ("it is reported that"). */
  explicit: boolean;
  /** Only an impersonal frame or adverb: "it is reported", "reportedly", "allegedly". */
  impersonal: boolean;
  /** The attribution says the claim was made some unknown time before ("have previously indicated"). */
  previously: boolean;
  /** Where the frame begins (for the quote) and the reporting verbs (for the date said). */
  frameStart: number | null;
  verbSpans: Span[];
}

const SAY_RE = new RegExp(`\\b(${SAY})\\b`, "gi");

interface Layer {
  ref: SourceRef;
  depth: number;
  relay: boolean;
}

export interface AttributionContext {
  body: string;
  sentence: Sentence;
  index: EntityIndex;
  quotes: Span[];
  quantityStart: number;
  quantityEnd: number;
  clauseEnd: number;
  /** Sources of earlier claims, for "the group", "the official" said later. */
  priorSources?: SourceRef[];
  /** The sentence is the article's headline, which may name its speaker after a colon or dash. */
  headline?: boolean;
}

/** How far from its figure a sentence is read for the figure's speaker (real sentences are far shorter). */
const SCOPE = 1_500;

export function attribute(ctx: AttributionContext): Attribution {
  const { body, sentence, quantityStart } = ctx;
  const layers: Layer[] = [];
  const verbSpans: Span[] = [];
  let explicit = false;
  let impersonal = false;
  let previously = false;
  let accordingGiven = false;
  let frameStart: number | null = null;

  const enclosing = ctx.quotes.find((q) => q.start <= quantityStart && ctx.quantityEnd <= q.end);
  // A quotation set off as speech ("X said: “…”", "“…,” X said") has its own speaker. A short quoted
  // phrase inside a reported clause (killed "up to 100" people; said that the hospital received “12 bodies”)
  // is the reporter's wording: the sentence around it names the speaker.
  const quote = enclosing && isSetOff(body, sentence, enclosing) ? enclosing : undefined;
  // A sentence, bounded around the figure: a run-on "sentence" of thousands of figures (a pasted table) is
  // not read whole again for each of them.
  const scopeStart = Math.max(
    quote ? Math.max(sentence.start, quote.start) : sentence.start,
    quantityStart - SCOPE,
  );
  const scopeEnd = Math.min(
    quote ? Math.min(sentence.end, quote.end) : sentence.end,
    ctx.quantityEnd + SCOPE,
  );
  const text = body.slice(scopeStart, scopeEnd);

  // "according to X" (X may be "… cited by Y" or "…, citing Y").
  const according =
    /\baccording to\s+((?:[^,.;:“”"]|\.(?=\S)|(?<=\b(?:[A-Z]|Col|Gen|Lt|Maj|Capt|Sgt|Brig|Adm|Cpl|Dr|Prof))\.)+?)(?=\s*(?:[,;:“”"]|(?<!\b(?:[A-Z]|Col|Gen|Lt|Maj|Capt|Sgt|Brig|Adm|Cpl|Dr|Prof))\.|\bthat\b|\bon the \d|\bon \w+day\b|$))/gi;
  for (const m of matchesWith(ctx.index, according, scopeStart, text, "according to")) {
    const npStart = scopeStart + m.index + m[0].length - (m[1]?.length ?? 0);
    const npEnd = npStart + (m[1]?.length ?? 0);
    if (npStart > quantityStart && !isTrailing(body, npEnd, sentence.end, true)) continue;
    explicit = true;
    frameStart = frameBefore(frameStart, scopeStart + m.index, quantityStart);
    verbSpans.push({ start: scopeStart + m.index, end: npEnd });
    const np = m[1] ?? "";
    const cited = /\s+(?:cited|quoted|reported|relayed)\s+by\s+(.+)$/i.exec(np);
    if (cited?.[1]) {
      const relayStart = npEnd - cited[1].length;
      pushRef(layers, resolveNP(ctx, relayStart, npEnd), 0.5, true);
      const inner = resolveNP(ctx, npStart, npStart + cited.index);
      pushRef(layers, inner, 1, false);
    } else {
      // "according to estimates by the U.S. envoy": whoever made the estimates.
      const by =
        /^(?:(?:the|a|an|new|latest|recent|official|confidential|their|its)\s+)*(?:estimates?|figures|data|reports?|a report|tallies|tally|count|assessments?)(?:\s+(?:published|released|issued)(?:\s+[a-z]+){0,3}?)?\s+(?:by|from|of)\s+/i.exec(
          np,
        );
      // "a report published by the army which specifies …": the body, not its relative clause.
      const end = npStart + np.replace(/\s+(?:which|who)\s[^,;]*$/i, "").length;
      const ref = by ? resolveNP(ctx, npStart + by[0].length, end) : resolveNP(ctx, npStart, end);
      if (ref) {
        pushRef(layers, ref, 1, false);
        accordingGiven = true;
      } else if (/\breports?\b/i.test(np)) impersonal = true;
    }
  }

  // "…, state media quoted the defence ministry as saying": the ministry said it, the media relayed it.
  const quoted =
    /(?:^|[,;]\s*|\b(?:and|while|as)\s+)((?:the\s+)?[^,.;:“”"]{2,60}?)\s+(?:quoted|cited)\s+([^,.;:“”"]{2,80}?)\s+as\s+(?:saying|stating|telling)\b/gi;
  const mayQuote = /\b(?:quoted|cited)\b[^.;]*\bas\s+(?:saying|stating|telling)\b/i.test(text);
  for (const m of mayQuote ? matchesIn(ctx.index, quoted, scopeStart, text) : []) {
    const relayText = m[1] ?? "";
    const speakerText = m[2] ?? "";
    const relayStart = scopeStart + m.index + m[0].indexOf(relayText);
    const speakerStart =
      scopeStart + m.index + m[0].indexOf(speakerText, m[0].indexOf(relayText) + relayText.length);
    const trailingFrame = relayStart > quantityStart;
    if (!trailingFrame && /;|,\s+(?:while|but|whereas|and)\s/.test(body.slice(speakerStart, quantityStart)))
      continue;
    const speaker = resolveNP(ctx, speakerStart, speakerStart + speakerText.length);
    const relay = resolveNP(ctx, relayStart, relayStart + relayText.length);
    if (!speaker && !relay) continue;
    explicit = true;
    frameStart = frameBefore(frameStart, relayStart, quantityStart);
    verbSpans.push({ start: relayStart, end: speakerStart + speakerText.length });
    if (speaker) pushRef(layers, speaker, 4 + positionDepth(speakerStart, quantityStart), false);
    if (relay) pushRef(layers, relay, 0.6, true);
  }

  const asReported = asReportedSpeaker(body, sentence, quantityStart);
  if (asReported) {
    explicit = true;
    pushRef(layers, resolveNP(ctx, asReported.start, asReported.end), 2, false);
  }

  // "citing X" — deeper than whoever cites.
  const citing = /\b(?:citing|quoting)\s+([^,.;:“”"]+?)(?=\s*(?:[,.;:“”"]|\bas saying\b|\bthat\b|$))/gi;
  for (const m of matchesWith(ctx.index, citing, scopeStart, text, "citing", "quoting")) {
    const npStart = scopeStart + m.index + m[0].length - (m[1]?.length ?? 0);
    const npEnd = npStart + (m[1]?.length ?? 0);
    explicit = true;
    frameStart = frameBefore(frameStart, scopeStart + m.index, quantityStart);
    pushRef(layers, resolveNP(ctx, npStart, npEnd), 5 + positionDepth(npStart, quantityStart), false);
  }

  // "as disclosed by X", "reported by X": X relayed what the sentence says.
  const by =
    /\b(?:disclosed|revealed|reported|cited|quoted|confirmed|announced|published|relayed|estimated|recorded|documented|counted|compiled|tallied)\s+by\s+(?:the\s+)?([^,.;:“”"]+?)(?=\s*(?:[,.;:“”"]|$))/gi;
  for (const m of matchesWith(ctx.index, by, scopeStart, text, "by")) {
    const npStart = scopeStart + m.index + m[0].length - (m[1]?.length ?? 0);
    const npEnd = npStart + (m[1]?.length ?? 0);
    if (/according to\s+[^,]*$/i.test(body.slice(sentence.start, scopeStart + m.index))) continue;
    explicit = true;
    frameStart = frameBefore(frameStart, scopeStart + m.index, quantityStart);
    pushRef(layers, resolveNP(ctx, npStart, npEnd), 0.8, false);
  }

  // "said in a statement carried by the official news agency": the agency relays.
  const carried = /\b(?:carried|broadcast)\s+by\s+((?:the\s+)?[^,.;:“”"]+?)(?=\s*(?:[,.;:“”"]|\bthat\b|$))/gi;
  for (const m of matchesWith(ctx.index, carried, scopeStart, text, "carried", "broadcast")) {
    const npStart = scopeStart + m.index + m[0].length - (m[1]?.length ?? 0);
    pushRef(layers, resolveNP(ctx, npStart, npStart + (m[1]?.length ?? 0)), 0.5, true);
  }

  // "the Pentagon's assessment", "the Institute for the Study of War's estimate"
  const possessive =
    /[’']s?\s+(?:latest\s+|own\s+|new\s+|recent\s+)?(?:assessment|estimate|estimates|figures|data|tally|count|intelligence|report|reports|calculations?)\b/g;
  for (const m of matchesWith(ctx.index, possessive, scopeStart, text, "’", "'")) {
    const at = scopeStart + m.index;
    const mention = mentionsNear(ctx.index, at - 200, at + 2).find((x) => x.end === at || x.end === at + 1);
    let ref: SourceRef | null = mention ? refOf(mention.entity, mention.start, mention.end) : null;
    if (!ref) {
      const np = /([\p{Lu}][\p{L}.’'-]*(?:\s+[\p{Lu}][\p{L}.’'-]*){0,5})$/u.exec(
        body.slice(Math.max(scopeStart, at - 80), at),
      );
      if (np?.[1]) ref = resolveNP(ctx, at - np[1].length, at);
    }
    if (!ref) continue;
    explicit = true;
    frameStart = frameBefore(frameStart, ref.start, quantityStart);
    pushRef(layers, ref, positionDepth(ref.start, quantityStart) + 0.5, false);
  }

  // "X said (that) …" before the number; "…, X said." after it.
  for (const m of matchesIn(ctx.index, SAY_RE, scopeStart, text)) {
    const verbStart = scopeStart + m.index;
    const verbEnd = verbStart + m[0].length;
    const verb = m[0].toLowerCase();
    if (verbStart >= quantityStart && verbStart < ctx.clauseEnd) continue;
    // "The army gave a toll of 80 soldiers killed": giving a figure reports it; "gave chase" does not.
    if (
      /^(?:gave|gives|provided|provides|offered|offers|issued|published|released)$/.test(verb) &&
      !/^\s+(?:(?:a|an|the|its|their|his|her|new|latest|updated|overall|provisional|first|official|revised|slightly|much|far|higher|lower|different|smaller|larger|separate)\s+)*(?:death\s+)?(?:toll|figures?|tally|count|estimates?)\b/i.test(
        body.slice(verbEnd, verbEnd + 60),
      )
    )
      continue;
    // "an uprising that has claimed more than 20,000 lives": lives claimed are a toll, not a statement.
    if (
      /^claim(?:s|ed|ing)$/.test(verb) &&
      /^\s+(?:[^.,;]{0,30}\s)?lives\b/i.test(body.slice(verbEnd, verbEnd + 45))
    )
      continue;
    // "X, Commissioner of Police, who confirmed the attack, disclosed that …": a verb inside a relative clause
    // that closes before the figure frames nothing; the sentence's own verb does.
    if (
      /,\s+(?:who|which)\s+(?:[\p{L}-]+\s+){0,2}$/iu.test(
        body.slice(Math.max(scopeStart, verbStart - 40), verbStart),
      )
    ) {
      const closes = body.indexOf(",", verbEnd);
      if (closes >= 0 && closes < quantityStart && closes - verbEnd < 90) continue;
    }
    // "X countered the statement by alleging that …" frames; "countered with a crackdown" does not.
    if (
      verb === "countered" &&
      !/^\s+(?:that\b|[^.;]{0,60}?\bby\s+(?:saying|alleging|claiming|stating)\b)/i.test(
        body.slice(verbEnd, verbEnd + 90),
      )
    )
      continue;
    // "figures cited by Reuters": a participle, handled with "by" above.
    if (/^cite[sd]$/.test(verb) && /^\s+(?:by|in|as)\b/.test(body.slice(verbEnd, verbEnd + 5))) continue;
    // "North Darfur State", "Reports": a capitalised word inside a sentence is a name, not a verb.
    if (
      /^\p{Lu}/u.test(m[0]) &&
      verbStart > sentence.start &&
      !/[“"‘(]\s*$/.test(body.slice(verbStart - 2, verbStart))
    )
      continue;
    // The tests below read only the last words before the verb: a window keeps each one short, where the
    // whole clause before it made a long sentence with many verbs quadratic.
    const windowStart = Math.max(scopeStart, verbStart - 160);
    const beforeVerb = body.slice(windowStart, verbStart);
    // "according to reports" and "citing reports" are handled above; "reports" as a noun is not a verb.
    const nounLike = /^(?:reports?|estimates?|claims?|show|state|counted|counts)$/.test(verb);
    if (/\b(?:according to|citing|of|the|these|those|such|in|a|an)\s+$/i.test(beforeVerb)) continue;
    // "intelligence estimates" is a noun unless a that-clause or a figure follows ("… estimates that 3,000 …").
    const clauseFollows = clauseAfterVerb(body.slice(verbEnd, verbEnd + 50));
    // "Analysts estimate the RSF has …": after people (or a person named) the word is a verb.
    const peopleBefore =
      nounLike &&
      !clauseFollows &&
      verbStart < quantityStart &&
      (/\b(?:analysts|officials|experts|researchers|observers|diplomats|monitors|sources|authorities|scientists|scholars|universities|activists|investigators|we|they|i|he|she)\s+(?:also\s+|now\s+)?$/i.test(
        beforeVerb,
      ) ||
        mentionsNear(ctx.index, verbStart - 200, verbStart).some(
          (mention) =>
            mention.entity.type === "person" &&
            mention.end < verbStart &&
            verbStart - mention.end <= 2 &&
            /^\s+$/.test(body.slice(mention.end, verbStart)),
        ));
    if (nounLike && !clauseFollows && !peopleBefore && verbStart < quantityStart) continue;
    // "…, contrary to social media reports": after the figure a noun is a verb only after a name.
    if (
      nounLike &&
      verbStart >= quantityStart &&
      !nounVerbAfterSpeaker(beforeVerb, body.slice(verbEnd, verbEnd + 3))
    )
      continue;
    const passive =
      /\b(?:it|this|that)\s+(?:is|was|has been|had been|is being)\s+(?:widely\s+|also\s+)?$/i.exec(
        beforeVerb,
      );
    if (passive) {
      explicit = true;
      impersonal = true;
      frameStart = frameBefore(frameStart, windowStart + passive.index, quantityStart);
      verbSpans.push({ start: verbStart, end: verbEnd });
      continue;
    }
    // "The figure was reported" is passive; "Moscow is claiming that …" is a speaker at work.
    if (
      /\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?$/i.test(beforeVerb) &&
      !/^\s+by\b/.test(body.slice(verbEnd, verbEnd + 4)) &&
      !(/ing$/.test(verb) && !/\bbeing\s+$/i.test(beforeVerb) && verbStart < quantityStart)
    )
      continue;
    const trailing = verbStart >= quantityStart;
    // "X puts the figure higher and claims …": a verb coordinated with a frame already read shares its subject.
    if (
      !trailing &&
      /\s(?:and|but)\s+(?:also\s+)?$/i.test(beforeVerb) &&
      verbSpans.some((v) => v.end <= verbStart && v.start >= sentence.start)
    )
      continue;
    // "X said A, while Y said B": a frame whose own clause ends before the number does not reach it. A
    // clause that only goes on with what X said ("…, and nine aid workers were killed") stays X's.
    if (!trailing && endsBefore(body.slice(verbEnd, quantityStart))) continue;
    // After the claim only "…, X said." and "…, said X." attribute it.
    const invertedTrail =
      trailing && /,\s*$/.test(beforeVerb) && namesSpeakerAfterVerb(body.slice(verbEnd, scopeEnd));
    if (
      trailing &&
      !invertedTrail &&
      !isTrailing(body, verbEnd, scopeEnd) &&
      !/^\s*,/.test(body.slice(verbEnd, verbEnd + 2))
    ) {
      continue;
    }
    // "Abiad gave an update on the strikes, reporting 558 people killed": the participle's subject is the
    // sentence's.
    const participle = /ing$/.test(verb) && /,\s*$/.test(beforeVerb) && !trailing;
    const subject = invertedTrail
      ? null
      : participle
        ? leadingSubject(body, sentence, scopeStart)
        : once(ctx.index, `subject ${scopeStart} ${verbStart}`, verbStart - scopeStart, () =>
            subjectBefore(body, scopeStart, verbStart),
          );
    let ref: SourceRef | null = null;
    if (subject) {
      if (
        /\b(?:previously|earlier|in the past|before)\s*$/i.test(body.slice(subject.start, verbStart)) ||
        /^\s+(?:previously|earlier)\b/i.test(body.slice(verbEnd, verbEnd + 12))
      ) {
        previously = true;
      }
      ref = resolveNP(ctx, subject.start, subject.end);
    }
    if (!ref && trailing) {
      const inverted = /^\s+((?:the\s+)?[^,.;]{2,140}?)\s*(?:[,.;]|$)/.exec(body.slice(verbEnd, scopeEnd));
      // "…, said in a statement": a phrase that opens with a preposition names no one.
      if (
        inverted?.[1] &&
        !/^(?:told|tells)$/.test(verb) &&
        !/^(?:in|on|at|from|to|with|after|before|during|over|for|by)\s/i.test(inverted[1])
      ) {
        // "…, said a source at the ministry on Monday": the time is not part of the speaker.
        let np = inverted[1];
        for (let guard = 0; guard < 4; guard++) {
          const trimmed = np.replace(TRAILING_AUX, "");
          if (trimmed === np) break;
          np = trimmed;
        }
        const npStart = verbEnd + inverted[0].indexOf(inverted[1]);
        ref = resolveNP(ctx, npStart, npStart + np.length);
      }
    }
    if (!ref) continue;
    explicit = true;
    frameStart = frameBefore(frameStart, Math.min(ref.start, verbStart), quantityStart);
    verbSpans.push({ start: verbStart, end: verbEnd });
    // "told Reuters": the agency relays.
    // (dpa, the German agency, writes its name in lower case.)
    const told = /^\s+((?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3}|dpa\b)/.exec(
      body.slice(verbEnd, verbEnd + 40),
    );
    if (verb === "told" && told?.[1]) {
      const relay = resolveNP(ctx, verbEnd + told[0].indexOf(told[1]), verbEnd + told[0].length);
      if (relay) pushRef(layers, relay, 0.4, true);
    }
    // "…, according to a report by the UK Ministry of Defence, UNN reports": the outlet relays.
    if (trailing && accordingGiven && /^(?:reports|reported|writes|wrote)$/.test(verb)) {
      pushRef(layers, ref, 0.5, true);
      continue;
    }
    pushRef(layers, ref, trailing ? 2 : 3 + positionDepth(verbStart, quantityStart), false);
  }

  // "Over 230,000 contract soldiers recruited: Medvedev", "Up to 15,000 dead in Darfur town – UN": a
  // headline names its speaker after the claim, set off by a colon or a dash.
  if (ctx.headline && layers.length === 0 && !quote && sentence.end - ctx.quantityEnd <= 300) {
    const tail = /(?:\s*:|\s+[-–—|])\s+((?:the\s+)?\p{Lu}[^:–—|"“”]{1,60}?)\s*$/u.exec(
      body.slice(ctx.quantityEnd, sentence.end),
    );
    if (tail?.[1]) {
      const npStart = sentence.end - tail[1].length - (tail[0].length - tail[0].trimEnd().length);
      const ref = resolveNP(ctx, npStart, npStart + tail[1].length);
      if (ref && ref.type !== "place") {
        explicit = true;
        pushRef(layers, ref, 2, false);
      }
    }
  }

  // "Zelensky: Russia has lost 35,000 troops", "NIS: 3,000 killed": a headline may name its speaker first.
  if (ctx.headline && layers.length === 0 && !quote) {
    const lead = /^\s*((?:the\s+)?\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,3})\s*:\s/u.exec(
      body.slice(sentence.start, ctx.quantityStart),
    );
    if (lead?.[1]) {
      const npStart = sentence.start + lead[0].indexOf(lead[1]);
      const ref = resolveNP(ctx, npStart, npStart + lead[1].length);
      if (ref && (ref.type === "person" || ref.type === "organization" || ref.type === "group")) {
        explicit = true;
        pushRef(layers, ref, 2, false);
      }
    }
  }

  // The speaker of a direct quotation.
  if (quote) {
    const speaker = quoteSpeaker(ctx, quote);
    if (speaker) {
      explicit = true;
      // A third party named inside the quote is deeper than the person quoting it.
      for (const layer of layers) layer.depth += 10;
      pushRef(layers, speaker, 9, false);
      pushRef(layers, quoteRelay(ctx, quote), 0.5, true);
    }
  }

  // "“…,” Li Fung told reporters in Geneva. At least 3,384 civilians were killed …": the sentence right after a
  // quotation's attribution, in the same paragraph and naming no one, goes on with the quotation's speaker.
  if (!explicit && layers.length === 0 && !quote) {
    const carried = speakerOfQuotationBefore(ctx);
    if (carried) pushRef(layers, carried, 2, false);
  }

  if (
    !explicit &&
    /\b(?:reportedly|allegedly|purportedly|is said to|are said to|are believed to|is believed to)\b/i.test(
      text,
    )
  ) {
    impersonal = true;
  }

  const chain = orderLayers(layers);
  return {
    source: chain[0] ?? null,
    via: chain.slice(1),
    explicit,
    impersonal: impersonal && chain.length === 0,
    previously,
    frameStart,
    verbSpans,
  };
}

/** Where the frame begins: `at`, when it is before the figure and before the frame found so far. */
function frameBefore(frameStart: number | null, at: number, quantityStart: number): number | null {
  return at < quantityStart && (frameStart === null || at < frameStart) ? at : frameStart;
}

const CLAUSE_BREAK = /;|,\s+(?:while|but|whereas|and)\s/;
const OWN_FRAME = new RegExp(`\\b(?:${SAY}|according to|citing)\\b`, "i");

/** The clause of a frame ends before the number: a semicolon, or a new clause with its own speaker. */
function endsBefore(between: string): boolean {
  const cut = CLAUSE_BREAK.exec(between);
  if (!cut) return false;
  if (cut[0] === ";") return true;
  return OWN_FRAME.test(between.slice(cut.index));
}

function positionDepth(at: number, quantityStart: number): number {
  // Frames nearer to the number (and before it) are deeper: "According to Yonhap, Lee said the NIS estimated …".
  return at < quantityStart ? 1 - Math.min(1, (quantityStart - at) / 1000) : 0;
}

function pushRef(layers: Layer[], ref: SourceRef | null, depth: number, relay: boolean): void {
  if (!ref) return;
  const isRelay = relay || (ref.entity !== null && RELAY_KINDS.has(ref.entity.kind));
  layers.push({ ref, depth, relay: isRelay });
}

function orderLayers(layers: Layer[]): SourceRef[] {
  const speakers = layers.filter((l) => !l.relay).sort((a, b) => b.depth - a.depth);
  const relays = layers.filter((l) => l.relay).sort((a, b) => b.depth - a.depth);
  const ordered = [...speakers, ...relays].map((l) => l.ref);
  const seen = new Set<string>();
  return ordered.filter((r) => {
    const key = r.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
