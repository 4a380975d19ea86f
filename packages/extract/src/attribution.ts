import type { EntityType } from "@headcount/shared";
import type { EntityIndex, EntityMention, EntityRecord } from "./entities.ts";
import { territorialMinistryName } from "./entities.ts";
import { countryOfDemonym, lookupSurface, speaksForGovernment } from "./gazetteer.ts";
import type { Sentence, Span } from "./segment.ts";
import { normaliseRole, normalizeName } from "./variants.ts";

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

const SAY =
  "said|says|say|saying|reporting|noting|adding|stating|announcing|confirming|claiming|gave|gives|issued|published|released|stated|states|state|told|tells|claimed|claims|claim|estimated|estimates|estimate|confirmed|confirms|confirm|warned|warns|warn|revealed|reveals|reveal|reported|reports|report|announced|announces|announce|indicated|indicates|indicate|suggested|suggests|suggest|assessed|assesses|assess|noted|notes|added|adds|highlighted|highlights|disclosed|discloses|disclose|believes|believe|believed|wrote|writes|tweeted|posted|cautioned|commented|explained|insisted|alleged|alleges|acknowledged|acknowledges|admitted|admits|asserted|asserts|argued|argues|emphasized|emphasised|emphasizes|stressed|stresses|mentioned|mentions|predicted|projected|calculated|informed|briefed|testified|concluded|showed|shows|show|echoed|declared|observed|remarked|specified|detailed|unveiled|put|puts|counted|counts|believes|clarified|clarifies|affirmed|affirms|reiterated|reiterates|recounted|recalled|documented|recorded|registered|tallied|logged|listed|updated|elaborated|pointed out|points out|told reporters|cited|cites|suggesting|estimating|indicating|showing";
const SAY_RE = new RegExp(`\\b(${SAY})\\b`, "gi");
const NP_BOUNDARY =
  /(?:^|[;:“”"()—–]|\s-{1,2}\s|(?<!\b(?:[A-Z]|Gen|Lt|Col|Maj|Capt|Sgt|Mr|Mrs|Ms|Dr|Sen|Rep|Gov|St|No|Adm))[.!?]\s|,\s|\b(?:that|while|but|as|when|because|which|who(?<!WHO)|whereas|although|though|if|since|after|before|whom|where|so|yet)\s)/gi;
const TRAILING_AUX =
  /\s+(?:has|have|had|is|are|was|were|been|be|also|previously|earlier|reportedly|recently|repeatedly|now|further|then|later|first|publicly|officially|separately|already|again|today|yesterday|initially|once|on\s+\w+(?:\s+\d+)?(?:\s+(?:morning|afternoon|evening|night))?|last\s+\w+|this\s+\w+|in\s+an?\s+(?:(?:press|written|separate|brief|short|new|televised|video|online)\s+)?(?:statement|report|briefing|interview|update|post|communiqu[eé]|press conference|news conference))$/i;
const LEADING_NOISE =
  /^(?:and|but|while|also|however|meanwhile|recently|separately|moreover|yet|so|then|now|still|earlier|later|just|days|weeks|interestingly|notably|the|a|an)\b[\s,]*/i;

const SOURCE_NOUNS =
  /\b(officials?|sources?|analysts?|experts?|media|outlets?|reports?|intelligence|lawmakers?|legislators?|diplomats?|authorities|government|military|ministry|observers?|monitors?|researchers?|spokes(?:man|woman|person)|commanders?|officers?|agency|agencies|newspapers?|journalists?|correspondents?|witnesses|eyewitnesses|residents|think[- ]tanks?|estimates?|data|assessment|figures|records|statistics|watchers|insiders|people familiar with [\w ]+|activists|investigators|group|militia|rebels|army|police|movement|coalition|command|organi[sz]ations?|statement|bloggers?|scholars|universities|teams?|forces|fighters|militants|insurgents|alliance|junta|charity|charities|agencies|workers|doctors|medics|groups|monitors|authorities|envoy|envoys|ambassador|mission|staff|general staff|headquarters|ministry of [\w ]+|rescuers|paramedics|nurses|survivors|villagers|locals|elders|relatives|leaders|lawyers|spokespeople|teams|volunteers|committees?|unions?|networks?|councils?|services|departments?|hospitals?|morgues?|civil defen[cs]e|emergency services|first responders|security sources|tribal sources|humanitarian sources|medical sources|state media|state television|state TV|broadcasters?|governors?|mayors?|ministers?|prosecutors?|generals?|colonels?)$/i;
const SINGULAR_PERSON =
  /\b(official|source|analyst|expert|lawmaker|legislator|diplomat|spokes(?:man|woman|person)|commander|officer|insider|witness|investigator|envoy|ambassador|governor|mayor|minister|prosecutor|general|colonel)$/i;
const STRIP_HEAD = /\s+(?:reports?|data|estimates?|figures|assessment|findings|information)$/i;
const GENERIC_ONLY =
  /^(?:(?:the|latest|most|recent|new|intelligence|data|reports?|estimates?|figures|records|statistics|assessment|information|findings)\s*)+$/i;

const RELAY_KINDS = new Set(["news"]);
/** A described speaker's head: the people speaking, not the body they belong to. */
const MEMBER_HEAD =
  /(?:\b(?:officials?|officers?|sources?|spokes(?:man|woman|person)|insiders?|experts?|investigators?|(?:expert\s+)?panel)|\bsources?\s+familiar\s+with\s+[^,;]+)$/i;
/** "Netanyahu's office", "the rebels' health ministry": a body named by its owner. */
const OFFICE_HEAD = /[’']s?\s+(?:office|(?:[\p{L}-]+\s+)?ministry)$/iu;

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
}

export function attribute(ctx: AttributionContext): Attribution {
  const { body, sentence, quantityStart } = ctx;
  const layers: Layer[] = [];
  const verbSpans: Span[] = [];
  let explicit = false;
  let impersonal = false;
  let previously = false;
  let frameStart: number | null = null;
  const markFrame = (at: number) => {
    if (at < quantityStart && (frameStart === null || at < frameStart)) frameStart = at;
  };

  const enclosing = ctx.quotes.find((q) => q.start <= quantityStart && ctx.quantityEnd <= q.end);
  // A quotation set off as speech ("X said: “…”", "“…,” X said") has its own speaker. A short quoted
  // phrase inside a reported clause (killed "up to 100" people; said that the hospital received “12 bodies”)
  // is the reporter's wording: the sentence around it names the speaker.
  const quote = enclosing && isSetOff(body, sentence, enclosing) ? enclosing : undefined;
  const scopeStart = quote ? Math.max(sentence.start, quote.start) : sentence.start;
  const scopeEnd = quote ? Math.min(sentence.end, quote.end) : sentence.end;
  const text = body.slice(scopeStart, scopeEnd);

  // "according to X" (X may be "… cited by Y" or "…, citing Y").
  const according =
    /\baccording to\s+((?:[^,.;:“”"]|\.(?=\S)|(?<=\b[A-Z])\.)+?)(?=\s*(?:[,;:“”"]|(?<!\b[A-Z])\.|\bthat\b|\bon the \d|\bon \w+day\b|$))/gi;
  for (let m = according.exec(text); m; m = according.exec(text)) {
    const npStart = scopeStart + m.index + m[0].length - (m[1]?.length ?? 0);
    const npEnd = npStart + (m[1]?.length ?? 0);
    if (npStart > quantityStart && !isTrailing(body, npEnd, sentence.end)) continue;
    explicit = true;
    markFrame(scopeStart + m.index);
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
        /^(?:(?:the|a|an|new|latest|recent|official|confidential|their|its)\s+)*(?:estimates?|figures|data|reports?|a report|tallies|tally|count|assessments?)\s+(?:by|from|of)\s+/i.exec(
          np,
        );
      const ref = by ? resolveNP(ctx, npStart + by[0].length, npEnd) : resolveNP(ctx, npStart, npEnd);
      if (ref) pushRef(layers, ref, 1, false);
      else if (/\breports?\b/i.test(np)) impersonal = true;
    }
  }

  // "…, state media quoted the defence ministry as saying": the ministry said it, the media relayed it.
  const quoted =
    /(?:^|[,;]\s*|\b(?:and|while|as)\s+)((?:the\s+)?[^,.;:“”"]{2,60}?)\s+(?:quoted|cited)\s+([^,.;:“”"]{2,80}?)\s+as\s+(?:saying|stating|telling)\b/gi;
  const mayQuote = /\b(?:quoted|cited)\b[^.;]*\bas\s+(?:saying|stating|telling)\b/i.test(text);
  for (let m = mayQuote ? quoted.exec(text) : null; m; m = quoted.exec(text)) {
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
    markFrame(relayStart);
    verbSpans.push({ start: relayStart, end: speakerStart + speakerText.length });
    if (speaker) pushRef(layers, speaker, 4 + positionDepth(speakerStart, quantityStart), false);
    if (relay) pushRef(layers, relay, 0.6, true);
  }

  // "citing X" — deeper than whoever cites.
  const citing = /\b(?:citing|quoting)\s+([^,.;:“”"]+?)(?=\s*(?:[,.;:“”"]|\bas saying\b|\bthat\b|$))/gi;
  for (let m = citing.exec(text); m; m = citing.exec(text)) {
    const npStart = scopeStart + m.index + m[0].length - (m[1]?.length ?? 0);
    const npEnd = npStart + (m[1]?.length ?? 0);
    explicit = true;
    markFrame(scopeStart + m.index);
    pushRef(layers, resolveNP(ctx, npStart, npEnd), 5 + positionDepth(npStart, quantityStart), false);
  }

  // "as disclosed by X", "reported by X": X relayed what the sentence says.
  const by =
    /\b(?:disclosed|revealed|reported|cited|quoted|confirmed|announced|published|relayed)\s+by\s+(?:the\s+)?([^,.;:“”"]+?)(?=\s*(?:[,.;:“”"]|$))/gi;
  for (let m = by.exec(text); m; m = by.exec(text)) {
    const npStart = scopeStart + m.index + m[0].length - (m[1]?.length ?? 0);
    const npEnd = npStart + (m[1]?.length ?? 0);
    if (/according to\s+[^,]*$/i.test(body.slice(sentence.start, scopeStart + m.index))) continue;
    explicit = true;
    markFrame(scopeStart + m.index);
    pushRef(layers, resolveNP(ctx, npStart, npEnd), 0.8, false);
  }

  // "the Pentagon's assessment", "the Institute for the Study of War's estimate"
  const possessive =
    /[’']s?\s+(?:latest\s+|own\s+|new\s+|recent\s+)?(?:assessment|estimate|estimates|figures|data|tally|count|intelligence|report|reports|calculations?)\b/g;
  for (let m = possessive.exec(text); m; m = possessive.exec(text)) {
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
    markFrame(ref.start);
    pushRef(layers, ref, positionDepth(ref.start, quantityStart) + 0.5, false);
  }

  // "X said (that) …" before the number; "…, X said." after it.
  SAY_RE.lastIndex = 0;
  for (let m = SAY_RE.exec(text); m; m = SAY_RE.exec(text)) {
    const verbStart = scopeStart + m.index;
    const verbEnd = verbStart + m[0].length;
    const verb = m[0].toLowerCase();
    if (verbStart >= quantityStart && verbStart < ctx.clauseEnd) continue;
    // "The army gave a toll of 80 soldiers killed": giving a figure reports it; "gave chase" does not.
    if (
      /^(?:gave|gives|issued|published|released)$/.test(verb) &&
      !/^\s+(?:(?:a|an|the|its|their|new|latest|updated|overall|provisional|first|official|revised)\s+)*(?:death\s+)?(?:toll|figures?|tally|count|estimates?)\b/i.test(
        body.slice(verbEnd, verbEnd + 60),
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
    const clauseFollows =
      /^\s+(?:that\b|\d|about|around|some|more|as many|up to|nearly|almost|roughly|at least|over|the (?:death |overall |total )?(?:toll|number)\b)/i.test(
        body.slice(verbEnd, verbEnd + 20),
      );
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
      !/(?:^|,)\s*(?:the\s+)?\p{Lu}[\p{L}.’'-]*(?:\s+\p{Lu}[\p{L}.’'-]*){0,4}\s+$/u.test(beforeVerb)
    )
      continue;
    const passive =
      /\b(?:it|this|that)\s+(?:is|was|has been|had been|is being)\s+(?:widely\s+|also\s+)?$/i.exec(
        beforeVerb,
      );
    if (passive) {
      explicit = true;
      impersonal = true;
      markFrame(windowStart + passive.index);
      verbSpans.push({ start: verbStart, end: verbEnd });
      continue;
    }
    if (
      /\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?$/i.test(beforeVerb) &&
      !/^\s+by\b/.test(body.slice(verbEnd, verbEnd + 4))
    )
      continue;
    const trailing = verbStart >= quantityStart;
    // "X said A, while Y said B": a frame whose own clause ends before the number does not reach it. A
    // clause that only goes on with what X said ("…, and nine aid workers were killed") stays X's.
    if (!trailing && endsBefore(body.slice(verbEnd, quantityStart))) continue;
    // After the claim only "…, X said." and "…, said X." attribute it.
    const invertedTrail =
      trailing &&
      /,\s*$/.test(beforeVerb) &&
      (/^\s+(?:the\s+)?[\p{Lu}][^,;]{1,140}?\s*(?:[.;!?]["”’]?)?\s*$/u.test(body.slice(verbEnd, scopeEnd)) ||
        // "…, said a source at the ministry."
        /^\s+(?:an?|one)\s+[^,;]{1,140}?(?:,\s+(?:or\s+[^,;]{1,20}|(?:declining|asking|speaking|who)\b[^,;]{1,100}))?\s*(?:[.;!?]["”’]?)?\s*$/u.test(
          body.slice(verbEnd, scopeEnd),
        ));
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
        : subjectBefore(body, scopeStart, verbStart);
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
    markFrame(Math.min(ref.start, verbStart));
    verbSpans.push({ start: verbStart, end: verbEnd });
    // "told Reuters": the agency relays.
    const told = /^\s+((?:the\s+)?[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})/.exec(
      body.slice(verbEnd, verbEnd + 40),
    );
    if (verb === "told" && told?.[1]) {
      const relay = resolveNP(ctx, verbEnd + told[0].indexOf(told[1]), verbEnd + told[0].length);
      if (relay) pushRef(layers, relay, 0.4, true);
    }
    pushRef(layers, ref, trailing ? 2 : 3 + positionDepth(verbStart, quantityStart), false);
  }

  // The speaker of a direct quotation.
  if (quote) {
    const speaker = quoteSpeaker(ctx, quote);
    if (speaker) {
      explicit = true;
      // A third party named inside the quote is deeper than the person quoting it.
      for (const layer of layers) layer.depth += 10;
      pushRef(layers, speaker, 9, false);
    }
  }

  if (
    !explicit &&
    /\b(?:reportedly|allegedly|purportedly|is said to|are said to|are believed to|is believed to)\b/i.test(
      sentence.text,
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

const CLAUSE_BREAK = /;|,\s+(?:while|but|whereas|and)\s/;
const OWN_FRAME = new RegExp(`\\b(?:${SAY}|according to|citing)\\b`, "i");

/** The clause of a frame ends before the number: a semicolon, or a new clause with its own speaker. */
function endsBefore(between: string): boolean {
  const cut = CLAUSE_BREAK.exec(between);
  if (!cut) return false;
  if (cut[0] === ";") return true;
  return OWN_FRAME.test(between.slice(cut.index));
}

/** A quotation that is speech on its own: it opens the sentence or follows "said," / "said:" / a dash. */
function isSetOff(body: string, sentence: Sentence, quote: Span): boolean {
  const lead = body.slice(Math.max(sentence.start, quote.start - 40), quote.start);
  const opensSentence = quote.start - sentence.start <= 2 || /^[\s“"‘']*$/.test(lead);
  if (opensSentence) return true;
  const inner = body.slice(quote.start, Math.min(quote.end, quote.start + 200));
  let words = 0;
  for (const piece of inner.split(/\s+/)) if (/\p{L}|\d/u.test(piece) && ++words > 5) break;
  if (words <= 5) return false;
  return /[,:—–-]\s*[“"‘']?\s*$/.test(lead);
}

function positionDepth(at: number, quantityStart: number): number {
  // Frames nearer to the number (and before it) are deeper: "According to Yonhap, Lee said the NIS estimated …".
  return at < quantityStart ? 1 - Math.min(1, (quantityStart - at) / 1000) : 0;
}

/** Nothing but an object ("told Reuters"), a date and the end of the clause follow the verb. */
function isTrailing(body: string, end: number, sentenceEnd: number): boolean {
  // "(in Arabic)", "(AFP)": a bracketed aside changes nothing. Only the next 200 characters are read.
  const rest = body.slice(end, Math.min(sentenceEnd, end + 200)).replace(/\([^()]{0,60}\)/g, "");
  if (end + 200 < sentenceEnd && !/[.,;!?]/.test(rest)) return false;
  return /^\s*(?:(?:the\s+[\p{L}]|[\p{Lu}])[\p{L}.’'-]*(?:\s+(?:[\p{Lu}][\p{L}.’'-]*|[\p{Ll}]+)){0,5}\s*|reporters\s*|journalists\s*)?(?:(?:on|last|this|in|late|early|by|via|over|from|at)\s+[\w ]{2,30}?)?\s*(?:[.,;!?]["”’]?|[–—]\s|$)/u.test(
    rest,
  );
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

const FINITE_VERB =
  /\s+(?:(?:has|have|had|also|later|then)\s+)*(?:\p{Ll}+ed|gave|made|held|put|issued|told|said|spoke|went|took|sent|met|wrote|brought)\b/u;

/** The subject that opens a sentence, up to its first finite verb: "Abiad provided …" → "Abiad". */
function leadingSubject(body: string, sentence: Sentence, scopeStart: number): Span | null {
  if (scopeStart !== sentence.start) return null;
  let from = sentence.start;
  // "Earlier on Tuesday, Israeli forces took …": an opening time adverbial is not the subject.
  const opening =
    /^\s*(?:(?:earlier|later|meanwhile|separately|overnight|on|in|last|this|late|early)\b[^,;:“”"]{0,40},\s*)/i.exec(
      body.slice(sentence.start, Math.min(sentence.end, sentence.start + 60)),
    );
  if (opening) from += opening[0].length;
  const text = body.slice(from, Math.min(sentence.end, from + 120));
  const verb = FINITE_VERB.exec(text);
  if (!verb || /[,;:“”"()]/.test(text.slice(0, verb.index))) return null;
  let np = text.slice(0, verb.index);
  // "The Defense Ministry on Wednesday offered …": a time after the subject is not part of it.
  for (let guard = 0; guard < 4; guard++) {
    const trimmed = np.replace(TRAILING_AUX, "");
    if (trimmed === np) break;
    np = trimmed;
  }
  if (!np.trim() || np.split(/\s+/).length > 8) return null;
  const lead = /^\s*/.exec(np)?.[0].length ?? 0;
  return { start: from + lead, end: from + np.length };
}

/** The noun phrase before a verb, back to a clause boundary. */
const APPOSITIVE_ROLE =
  /^,\s+(?:(?:a|an|the)\s+)?(?:[\p{L}.’'-]+\s+){0,3}(?:head|administrator|chief|spokes\w+|director|leader|commander|governor|minister|official|member|president|founder|coordinator|chairman|chair|secretary|mayor|adviser|advisor|representative|envoy|researcher|analyst|officer|general|colonel|deputy|lawmaker|senator|prefect|resident|witness|doctor|nurse|activist)\b/iu;

function subjectBefore(body: string, scopeStart: number, verbStart: number): Span | null {
  // "Barros, 58, said": an age between commas is not a clause boundary (blanked, offsets kept).
  const before = body
    .slice(scopeStart, verbStart)
    // "Research from US scholars, however, estimates": a parenthetical adverb between commas.
    .replace(
      /,\s+(?:however|meanwhile|though|too|in turn|for (?:its|their|his|her) part|for example|instead),\s*$/i,
      (m) => " ".repeat(m.length),
    )
    .replace(/,\s*\d{1,3},\s*(?=(?:(?:also|later|has|have|had)\s+)*$)/, (m) => " ".repeat(m.length))
    // "The Sudanese Armed Forces (SAF) said": the abbreviation in brackets repeats the name.
    .replace(/\s\([\p{Lu}\d][\p{L}\d.&-]{1,9}\)(?=\s+(?:(?:also|later|has|have|had|on\s+\w+)\s+)*$)/u, (m) =>
      " ".repeat(m.length),
    )
    // "The officials, who spoke on condition of anonymity, said": the relative clause is not the subject.
    .replace(
      /,\s+(?:who|which|speaking|talking|writing)\b[^,]*,\s*(?=(?:(?:also|later|has|have|had)\s+)*$)/,
      (m) => " ".repeat(m.length),
    )
    // "Anna Berg, a Dutch military analyst, said", "Margaret Chan, head of the WHO, on Monday said": the
    // appositive describes the subject before it.
    .replace(
      /(?<=\p{L}),\s+(?:(?:a|an|the)\s+[^,;:“”"]{2,80}|(?:[\p{Ll}.’'-]+\s+){0,2}(?:head|chief|director|spokes\w+|leader|commander|minister|secretary|coordinator|president|chairman|chair|adviser|advisor|representative|envoy|founder|deputy)\s+(?:of|for|to|at)\s[^,;:“”"]{2,80}),\s*(?=(?:(?:also|later|has|have|had|on\s+\p{Lu}\p{Ll}+)\s+)*$)/u,
      (m) => " ".repeat(m.length),
    );
  // "Christophe Ndaye, head of a local rights group, based in Beni, said": a name, then descriptions
  // between commas; the name is the subject.
  const chain =
    /^(\s*(?:\p{Lu}[\p{L}.’'-]*)(?:\s+(?:\p{Lu}[\p{L}.’'-]*|al|el|bin|ibn|van|von|der|de|da|du|la|le)){0,4})((?:,\s+[^,;:“”"]{2,90}){1,3}),\s*(?:(?:also|later|has|have|had)\s+)*$/u.exec(
      before,
    );
  if (
    chain?.[1] &&
    !/^\s*(?:In|On|At|After|Before|During|Since|By|From|Meanwhile|However|Earlier|Later|Last|This|But|And|Separately|Elsewhere|Overall|Still|Yet)\b/.test(
      chain[1],
    ) &&
    APPOSITIVE_ROLE.test(chain[2] ?? "")
  ) {
    const lead = /^\s*/.exec(chain[1])?.[0].length ?? 0;
    const start = scopeStart + lead;
    return { start, end: scopeStart + chain[1].length };
  }
  // "A spokesperson for the army, Brigadier Nabil Abdallah, said": the name between commas is the subject.
  const named =
    /,\s+(\p{Lu}[\p{L}.’'-]*(?:\s+(?:\p{Lu}[\p{L}.’'-]*|al|el|bin|ibn|van|von|der|de|da|du|la|le)){1,5}),\s*$/u.exec(
      before,
    );
  if (named?.[1]) {
    const start = scopeStart + named.index + named[0].indexOf(named[1]);
    return { start, end: start + named[1].length };
  }
  let from = 0;
  NP_BOUNDARY.lastIndex = 0;
  for (let m = NP_BOUNDARY.exec(before); m; m = NP_BOUNDARY.exec(before)) {
    if (m[0].length === 0) {
      NP_BOUNDARY.lastIndex++;
      continue;
    }
    from = m.index + m[0].length;
  }
  let np = before.slice(from).trimEnd();
  let start = scopeStart + from;
  for (let guard = 0; guard < 6; guard++) {
    const trimmed = np.replace(TRAILING_AUX, "");
    if (trimmed === np) break;
    np = trimmed;
  }
  // "He said residents recounted …": the deeper speaker follows the reporting verb.
  const inner = /^.*\b(?:said|says|told|reported|added|stated|claimed)\s+(?!that\b)/s.exec(np);
  if (inner && inner[0].length < np.length) {
    start += inner[0].length;
    np = np.slice(inner[0].length);
  }
  const lead = /^\s*/.exec(np)?.[0].length ?? 0;
  start += lead;
  np = np.slice(lead).trimEnd();
  if (!np || np.split(/\s+/).length > 20) return null;
  return { start, end: start + np.length };
}

const PRONOUN = /^(he|she|it|they|we|i)$/i;

/** Resolves a noun phrase to a source: an entity in it, a pronoun's antecedent, a role, or the description. */
export function resolveNP(ctx: AttributionContext, start: number, end: number): SourceRef | null {
  const { body, index } = ctx;
  let text = body.slice(start, end);
  for (let guard = 0; guard < 4; guard++) {
    const m = LEADING_NOISE.exec(text);
    if (!m?.[0]) break;
    text = text.slice(m[0].length);
    start += m[0].length;
  }
  // "a commander who asked not to be named": the relative clause is not part of the name.
  text = text.replace(/\s+(?:[Ww]ho|[Ww]hom|[Ww]hich|[Ww]hose)\s[\s\S]*$/, "");
  // "the health ministry's figures": the owner of the figures.
  text = text.replace(
    /[’']s?(?:\s+(?:own\s+|latest\s+|new\s+|updated\s+|daily\s+)?(?:figures|data|estimates?|count|tally|reports?|assessment|statement|toll))?$/i,
    "",
  );
  // "the health ministry in Hamas-run Gaza": the territory's ministry, named whole.
  const territorial = territorialMinistryName(text);
  if (territorial) {
    const named = bestEntity(index, start, start + text.length);
    if (named && normalizeName(named.entity.name) === normalizeName(territorial))
      return refOf(named.entity, start, start + text.length);
    return { name: territorial, type: "organization", entity: null, start, end: start + text.length };
  }
  // "the Britain-based Syrian Observatory": where a body is based is not part of its name.
  // "the Iran-backed Houthi group": who backs a group is not part of its name either.
  text = text.replace(
    /^(?:the\s+)?(?:[\p{L}.-]+-(?:based|backed|aligned|allied)\s+)(?:war\s+monitor\s+)?/iu,
    (m) => {
      start += m.length;
      return "";
    },
  );
  // "a new toll by activists": the toll is the activists'.
  const byWhom =
    /^(?:(?:a|an|the|new|latest|updated|revised|provisional|grim|recent)\s+)*(?:toll|count|tally|figures?|estimates?|report|research|study|studies|analysis|survey)\s+(?:by|from)\s+/i.exec(
      text,
    );
  if (byWhom) {
    start += byWhom[0].length;
    text = text.slice(byWhom[0].length);
  }
  // "a source at the health ministry", "a member of a local militia", "an official from the local
  // administration": one person described by where they work speaks as that person, not for the body.
  const member =
    /^(?:(?:an?|one)\s+)?((?:[\p{L}.’'-]+\s+){0,2}(?:source|official|member|resident|officer|employee|worker|doctor|medic|nurse|spokes(?:man|woman|person))\s+(?:at|of|from|in|with)\s+(?:(?:the|an?)\s+)?(?:[\p{L}’'.-]+\s+){0,4}?[\p{L}’'.-]+)(?=\s+(?:under|who|which|that|based|on|near|speaking)\b|$)/iu.exec(
      text,
    );
  if (member?.[1]) {
    const at = start + text.indexOf(member[1]);
    return { name: member[1], type: "person", entity: null, start: at, end: at + member[1].length };
  }
  // "Hospital officials in Rafah": where the speakers are does not name them.
  const located =
    /^(.+?\b(?:officials|sources|doctors|medics|residents|witnesses|workers|activists|authorities|staff|police|commanders?|officers?|spokes(?:man|woman|person)))\s+(?:in|at|from|near)\s+(?:the\s+)?\p{Lu}[\p{L}’'\s.-]*$/u.exec(
      text,
    );
  if (located?.[1]) text = located[1];
  text = text.replace(/[\s,]+$/, "");
  end = start + text.length;
  if (!text) return null;
  if (DOCUMENT.test(text)) return documentOwner(ctx, start, end);
  const definite = /\bthe\s+$/i.test(body.slice(Math.max(0, start - 4), start));
  if (definite) {
    const back = coreferent(ctx, text, start, end);
    if (back) return back;
  }
  // "a military statement", "army figures", "the ministry's statement": the body that issued them.
  const issued =
    /^(?:(?:a|an|the|its|their|new|latest|updated|official|daily|preliminary)\s+)*([\p{L}’'-]+(?:\s+[\p{L}’'-]+)?)\s+(?:statement|figures|toll|data|count|tally|communiqu[eé]|update|release)$/iu.exec(
      text,
    );
  if (issued?.[1] && ORG_ANAPHOR.test(issued[1].replace(/[’']s$/, ""))) {
    const issuerStart = start + text.indexOf(issued[1]);
    const back = coreferent(
      ctx,
      issued[1].replace(/[’']s$/, ""),
      issuerStart,
      issuerStart + issued[1].length,
    );
    if (back) return back;
  }

  const pronoun = PRONOUN.exec(text);
  if (pronoun?.[1]) {
    const p = pronoun[1].toLowerCase();
    if (p === "he" || p === "she") {
      const speaker = lastSpeaker(ctx, start, (r) => r.type === "person" && r.entity !== null);
      const person = lastBefore(index, start, (m) => m.entity.type === "person");
      // The person who spoke last, unless another person was named since (the nearer antecedent).
      if (speaker?.entity && (!person || person.entity === speaker.entity || person.start < speaker.start))
        return refOf(speaker.entity, start, end);
      return person ? refOf(person.entity, start, end) : null;
    }
    if (p === "it") {
      // "The army said … It said …": the organisation speaking last, before any organisation merely named.
      // A news agency that relayed the last figure is not who "it" continues to quote.
      const isOrg = (r: SourceRef) => r.type === "organization" || r.type === "group";
      const speaker =
        lastSpeaker(ctx, start, (r) => isOrg(r) && !RELAY_KINDS.has(r.entity?.kind ?? "")) ??
        lastSpeaker(ctx, start, isOrg);
      if (speaker) return speaker.entity ? refOf(speaker.entity, start, end) : { ...speaker, start, end };
      const org = lastBefore(index, start, (m) => m.entity.type === "organization");
      return org ? refOf(org.entity, start, end) : null;
    }
    if (p === "they") {
      // "… accused the Journal of lying when they reported …": a body named earlier in the same sentence.
      const org = lastBefore(
        index,
        start,
        (m) =>
          m.start >= ctx.sentence.start && (m.entity.type === "organization" || m.entity.type === "group"),
      );
      return org ? refOf(org.entity, start, end) : null;
    }
    return null;
  }

  // "Ukrainian and American sources": one described group, not two speakers. "The U.N. and Congo's
  // government": the body named first leads. "Eyewitnesses and local sources": one described group.
  const split = / and (?!American|Ukrainian|Russian|British|South|North|Western|European|Korean)/.exec(text);
  if (split && split.index > 0) {
    const left = text.slice(0, split.index).split(/\s+/).pop() ?? "";
    if (!countryOfDemonym(left)) {
      const rightStart = start + split.index + split[0].length;
      const leftEnd = start + split.index;
      const leftNamed = bestEntity(index, start, leftEnd);
      if (leftNamed && leftNamed.entity.type !== "place") return refOf(leftNamed.entity, start, leftEnd);
      const leftRef = leftNamed ? resolveNP(ctx, start, leftEnd) : null;
      if (leftRef?.entity) return leftRef;
      const right = resolveNP(ctx, rightStart, end);
      if (right?.entity) return right;
      const leftDescribed = resolveNP(ctx, start, leftEnd);
      // "security and local officials": the modifiers share one head.
      const sharedHead = !leftDescribed && /^(?:the\s+)?[\p{Ll}-]+$/u.test(text.slice(0, split.index));
      if (right && ((leftDescribed && !leftDescribed.entity) || sharedHead)) {
        const whole = text.replace(/^(?:a|an|the|some|several|many|other)\s+/i, "");
        if (whole.split(/\s+/).length <= 8)
          return { name: whole, type: "group", entity: null, start: end - whole.length, end };
      }
      if (right) return right;
    }
  }

  // "Sudan's Doctors' Union", "the UN Children's Fund": a body named with its owner is named whole.
  const owned =
    /^(?:the\s+)?((?:\p{Lu}[\p{L}.-]*(?:[’']s?)?\s+){1,5}(?:Union|Fund|Council|Committee|Network|Association|Syndicate|Federation|Agency|Programme|Program|Commission|Observatory))$/u.exec(
      text,
    );
  if (owned?.[1] && /[’']/.test(owned[1])) {
    const whole = bestEntity(index, start, end);
    const ownedStart = end - owned[1].length;
    if (whole && whole.start <= ownedStart && whole.end >= end) return refOf(whole.entity, ownedStart, end);
    const known = lookupSurface(owned[1]);
    if (known && known.type !== "place")
      return { name: known.name, type: known.type, entity: null, start: ownedStart, end };
    return { name: owned[1], type: "organization", entity: null, start: ownedStart, end };
  }
  // "Ministry spokesperson Anis Al-Asbahi": a title before a name; the person speaks.
  const titled =
    /^(?:(?:a|an|the)\s+)?(?:[\p{L}.’'-]+\s+){0,4}(?:spokes(?:man|woman|person)|minister|secretary|commander|governor|director|chief|head|official|coordinator|envoy|adviser|advisor|ambassador|president|general|colonel|lawmaker|senator)\s+(\p{Lu}[\p{L}.’'-]+(?:\s+(?:\p{Lu}[\p{L}.’'-]+|al|el|bin|ibn|van|von|de|da)){1,4})$/u.exec(
      text,
    );
  if (titled?.[1]) {
    const nameStart = end - titled[1].length;
    const person = bestEntity(index, nameStart, end);
    if (person?.entity.type === "person") return refOf(person.entity, nameStart, end);
    if (!bestEntity(index, nameStart, end))
      return { name: titled[1], type: "person", entity: null, start: nameStart, end };
  }

  let entity = bestEntity(index, start, end);
  // "the General Staff" after "Ukraine's General Staff": a shortened name of an organisation named before.
  if (entity && entity.entity.type === "organization" && !entity.entity.key.startsWith("g:")) {
    const short = normaliseKey(entity.entity.name);
    const longer = lastBefore(
      index,
      start,
      (m) =>
        m.entity !== entity?.entity &&
        m.entity.type === "organization" &&
        normaliseKey(m.entity.name).length > short.length &&
        ` ${normaliseKey(m.entity.name)} `.includes(` ${short} `),
    );
    if (longer) return refOf(longer.entity, start, end);
  }
  // "Hamas officials", "a senior NATO military officer", "sources familiar with the operations of
  // Hezbollah": people described by the body they belong to speak as themselves, never as a fragment of
  // the phrase; "Netanyahu's office", "the Houthi rebels' health ministry" are bodies named whole.
  if (entity && entity.entity.type !== "place" && (entity.start > start || entity.end < end)) {
    const whole = text.replace(/^(?:a|an|the|some|several|two|three|four|five)\s+/i, "");
    const wholeStart = end - whole.length;
    if (MEMBER_HEAD.test(whole) && entity.end <= end - (/\S+$/.exec(whole)?.[0].length ?? 0))
      return {
        name: whole,
        type: SINGULAR_PERSON.test(whole) ? "person" : "group",
        entity: null,
        start: wholeStart,
        end,
      };
    if (OFFICE_HEAD.test(whole) && entity.end < end)
      return { name: whole, type: "organization", entity: null, start: wholeStart, end };
  }
  // "a senior U.S. official": a country only qualifies the speaker described.
  if (
    entity?.entity.type === "place" &&
    SOURCE_NOUNS.test(text) &&
    !/^(?:the\s+)?(?:[\p{Lu}][\p{L}.’'-]*\s*)+$/u.test(text)
  ) {
    entity = null;
  }
  // "the Sahel Rights Monitor": a place inside an unknown name does not stand for it.
  if (entity?.entity.type === "place" && (entity.start > start || entity.end < end)) {
    const named = namedOrganisation(text, start, end);
    if (named && !lookupSurface(text)) return named;
  }
  if (entity) {
    // "Governor of Kherson" after "Ivan Petrenko, …": an appositive names the person before it.
    if (entity.entity.type === "place" && /^(?:[\p{L}-]+\s+){0,3}(?:of|to)\b/u.test(text)) {
      const person = appositivePerson(ctx, start);
      if (person) return person;
    }
    if (entity.entity.type === "place") {
      // A place is a speaker only as its government ("Kyiv said", "Washington says"); "the Nabatieh
      // governorate reported 12 deaths" and "the capital of North Darfur" say nothing.
      const bare = text.replace(/^the\s+/i, "");
      const whole = normalizeName(bare) === normalizeName(body.slice(entity.start, entity.end));
      if (PLACE_HEAD.test(bare) || PLACE_TAIL.test(bare)) return null;
      if (!speaksForGovernment(entity.entity.name)) {
        if (whole) return null;
        entity = null;
      }
    }
    if (entity) return refOf(entity.entity, start, end);
  }
  const appositive = appositivePerson(ctx, start);
  if (
    appositive &&
    /^(?:[\p{L}.-]+\s+){0,4}(?:governor|minister|secretary|ambassador|spokes\w+|chief|head|director|commander|president|leader)\b/iu.test(
      text,
    )
  ) {
    return appositive;
  }

  // "the governor", "the minister": the person with that role.
  const role =
    /^(?:the\s+)?(?:[\p{L}.-]+\s+){0,3}(governor|minister|secretary|ambassador|president|spokes(?:man|woman|person)|commander|chief|leader)$/iu.exec(
      text,
    );
  if (role?.[1]) {
    const title = role[1].toLowerCase();
    const person = lastBefore(
      index,
      start,
      (m) => m.entity.type === "person" && !!m.entity.role && normaliseRole(m.entity.role).titles.has(title),
    );
    if (person) return refOf(person.entity, start, end);
  }

  // A described source: "South Korean media", "a senior U.S. official", "analysts".
  let described = text.replace(/^(?:a|an|the|some|several|many|two|three|other)\s+/i, "");
  // "the Houthi group", "the Hamas movement": a known group named with the kind of body it is.
  const gazetteer =
    lookupSurface(described.replace(STRIP_HEAD, "")) ??
    [lookupSurface(described.replace(/\s+(?:group|movement|militia)$/i, ""))].find(
      (e) => e && e.type !== "place" && e.kind !== "news",
    );
  if (gazetteer) return { name: gazetteer.name, type: gazetteer.type, entity: null, start, end };
  // "researchers at the Institute for Strategy and Policy": the institution they speak for.
  const at = /\s(?:at|from|with|of)\s+(?:the\s+)?(\p{Lu}[^,;]*)$/u.exec(described);
  if (
    at?.[1] &&
    SOURCE_NOUNS.test(described.slice(0, at.index)) &&
    !/^(?:ministry|office|department|directorate|council|command|government|agency)$/i.test(
      described.slice(0, at.index).split(/\s+/).pop() ?? "",
    )
  ) {
    const tailStart = end - at[1].length;
    const named = namedOrganisation(at[1], tailStart, end);
    if (named) return named;
  }
  if (!SOURCE_NOUNS.test(described)) {
    // "Nkweta-Salami said": the surname of a person named before.
    if (/^\p{Lu}[\p{L}’'-]+$/u.test(text)) {
      const person = lastBefore(
        index,
        start,
        (m) => m.entity.type === "person" && new RegExp(`(?:^|\\s)${text}$`).test(m.entity.name),
      );
      if (person) return refOf(person.entity, start, end);
    }
    return namedOrganisation(text, start, end);
  }
  const stripped = described.replace(STRIP_HEAD, "");
  if (GENERIC_ONLY.test(stripped) || GENERIC_ONLY.test(described)) return null;
  if (stripped !== described && stripped.split(/\s+/).length >= 2) described = stripped;
  if (described.split(/\s+/).length > 8) return null;
  return {
    name: described,
    type: SINGULAR_PERSON.test(described) ? "person" : "group",
    entity: null,
    start,
    end,
  };
}

const PLACE_HEAD =
  /^(?:[\p{Ll}-]+\s+){0,2}(?:capital|city|town|village|region|province|governorate|district|state|area|camp|county|neighbou?rhood|locality|outskirts|south|north|east|west|centre|center)\s+(?:of|in)\b/u;
const PLACE_TAIL = /\s(?:governorate|province|region|district|state|city|town|village|county|area|camp)$/i;

function normaliseKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(/[^\p{L}\d ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

const NAME_CONNECTORS = /^(?:of|for|the|and|on|in|de|du|des|sans|al|el|&)$/;
const NOT_A_NAME =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|This|That|These|Those|It|They|He|She|We|I)$/;

/** An unknown name in title case ("Doctors Without Borders", "Sahel Security Monitor") names an organisation. */
function namedOrganisation(text: string, start: number, end: number): SourceRef | null {
  const words = text.split(/\s+/);
  if (words.length < 2 || words.length > 8) return null;
  const first = words[0] as string;
  const last = words[words.length - 1] as string;
  if (!/^\p{Lu}/u.test(first) || !/^[\p{Lu}\d]/u.test(last)) return null;
  for (const w of words) {
    if (NAME_CONNECTORS.test(w)) continue;
    if (!/^[\p{Lu}\d][\p{L}\d.’'&-]*$/u.test(w) || NOT_A_NAME.test(w)) return null;
  }
  return { name: text, type: "organization", entity: null, start, end };
}

const ORG_ANAPHOR =
  /^(?:(?:health|defen[cs]e|interior|foreign|aid|rights|humanitarian|rebel|armed|militant|medical|charity|relief|monitoring|research)\s+)?(group|agency|ministry|organi[sz]ation|charity|alliance|militia|movement|coalition|body|watchdog|monitor|observatory|network|office|institute|council|committee|army|military|force|forces|rebels|junta|government|administration|authority|authorities|service|mission|directorate|command|general staff|staff|headquarters)$/i;
/** What a body's name says of its kind, for "the medical group", "the rights group" and the like. */
const QUALIFIED_BODY: Record<string, RegExp> = {
  health: /\b(?:health|medical|doctors?|medics|physicians|hospitals?)\b/,
  medical: /\b(?:health|medical|doctors?|medics|physicians|hospitals?|red cross|red crescent)\b/,
  rights: /\b(?:rights|watch|amnesty|lawyers?)\b/,
  monitoring: /\b(?:monitor\w*|observatory|watch|acled|airwars|data)\b/,
  humanitarian:
    /\b(?:humanitarian|aid|relief|red cross|red crescent|ocha|unicef|unhcr|unrwa|programme|program)\b/,
  aid: /\b(?:humanitarian|aid|relief|red cross|red crescent|ocha|unicef|unhcr|unrwa|programme|program|msf)\b/,
  relief: /\b(?:humanitarian|aid|relief|red cross|red crescent|ocha|unicef|unhcr|unrwa)\b/,
  charity: /\b(?:charity|aid|relief|save the children|oxfam|msf|international)\b/,
};
const PERSON_ANAPHOR =
  /^(?:(?:senior|regional|local|military|security|government|defen[cs]e|police|army|rebel|intelligence|health|western|u\.?s\.?)\s+)?(official|spokes(?:man|woman|person)|commander|officer|diplomat|analyst|source|envoy|general|colonel|minister|governor|mayor|chief|leader)$/i;

/**
 * "The group said …", "the official added …": the most recent organisation or person named (or quoted)
 * before, whose name or description fits the noun. Nothing is returned when nothing fits.
 */
function coreferent(ctx: AttributionContext, text: string, start: number, end: number): SourceRef | null {
  const prior = recentPrior(ctx, start);
  // "The report said …", "the updated figures reveal …": the document of whoever was cited last, or else of
  // the body the paragraph just said announced it.
  if (DOCUMENT.test(text)) return documentOwner(ctx, start, end);
  // "US officials told the paper … the officials claimed": the described speakers named just before.
  const plural =
    /^(officials|sources|analysts|activists|medics|witnesses|residents|experts|diplomats|researchers)$/i.exec(
      text,
    );
  if (plural?.[1]) {
    const noun = plural[1].toLowerCase();
    const described = lastSpeaker(
      ctx,
      start,
      (r) => r.entity === null && r.name.toLowerCase().endsWith(` ${noun}`),
    );
    if (described) return { ...described, start, end };
  }
  const org = ORG_ANAPHOR.exec(text);
  if (org?.[1]) {
    const noun = org[1].toLowerCase();
    // "the interior ministry" after "the defence ministry": a portfolio written out must agree.
    const written = text.slice(0, -org[1].length).trim().toLowerCase().replace("defense", "defence");
    const modifier = /^(?:health|defence|interior|foreign)$/.test(written) ? written : "";
    const qualifier = /^(health|medical|rights|monitoring|humanitarian|aid|relief|charity)\s/i.exec(
      text,
    )?.[1];
    const fits = (name: string, type: EntityType, kind: string | null): boolean => {
      if (type !== "organization" && type !== "group") return false;
      const lower = name.toLowerCase().replace(/\bdefense\b/g, "defence");
      if (modifier && !new RegExp(`\\b${modifier}`).test(lower)) return false;
      // "the medical group", "the rights group", "the monitoring group": a body of that kind, not any group.
      if (qualifier && !QUALIFIED_BODY[qualifier.toLowerCase()]?.test(lower)) return false;
      // "the rebels", "the militia", "the junta": only a body called so, never any group named before.
      if (
        /^(?:rebels|militia|junta|council|committee|mission|directorate|coalition|alliance|movement)$/.test(
          noun,
        )
      )
        return new RegExp(`\\b${noun.replace(/s$/, "")}`).test(lower);
      if (/^ministry$/.test(noun)) return /\bministry\b|\bministries\b/.test(lower);
      if (/staff|headquarters/.test(noun)) return lower.includes(noun) || kind === "military";
      // "the agency said": a news, aid or intelligence agency named before, not an armed group.
      if (noun === "agency")
        return (
          kind === "news" ||
          kind === "agency" ||
          kind === "intl" ||
          /\b(?:agency|office|service|programme|program|fund|unicef|unhcr|ocha|unrwa|who)\b/.test(lower)
        );
      if (/^(?:army|military|force|forces|command)$/.test(noun))
        return kind === "military" || /\b(?:army|military|forces?|command)\b/.test(lower);
      if (/^(?:government|administration|authority|authorities|junta)$/.test(noun))
        return /\b(?:government|administration|authorit\w+|junta|ministry|kremlin|white house)\b/.test(lower);
      if (kind === "news" && noun !== "agency") return false;
      return true;
    };
    let best: SourceRef | null = null;
    // "the army": an organisation called so before any other armed body.
    const named = /^(?:army|military|forces)$/.test(noun)
      ? lastBefore(
          ctx.index,
          start,
          (m) =>
            (m.entity.type === "organization" || m.entity.type === "group") &&
            [m.entity.name, ...m.entity.aliases].some((n) =>
              new RegExp(`\\b(?:${noun}|armed forces)\\b`, "i").test(n),
            ),
        )
      : null;
    // "The army said … The army said": a described speaker called so before wins over a force named since.
    const calledSo = /^(?:army|military|police)$/.test(noun)
      ? prior
          .filter((r) => !r.entity && new RegExp(`\\b${noun}$`, "i").test(r.name) && r.start < start)
          .sort((a, b) => b.start - a.start)[0]
      : undefined;
    if (calledSo && (!named || calledSo.start > named.start)) return { ...calledSo, start, end };
    const mention =
      named ?? lastBefore(ctx.index, start, (m) => fits(m.entity.name, m.entity.type, m.entity.kind));
    if (mention) best = refOf(mention.entity, mention.start, mention.end);
    for (const r of prior) {
      if (r.entity) continue;
      if (!fits(r.name, r.type, null)) continue;
      if (!best || r.start > best.start) best = r;
    }
    if (best) return best.entity ? refOf(best.entity, start, end) : { ...best, start, end };
    return null;
  }
  const person = PERSON_ANAPHOR.exec(text);
  if (person?.[1]) {
    const noun = person[1].toLowerCase();
    let best: SourceRef | null = null;
    const mention = lastBefore(
      ctx.index,
      start,
      (m) =>
        m.entity.type === "person" && !!m.entity.role && new RegExp(`\\b${noun}`, "i").test(m.entity.role),
    );
    if (mention) best = refOf(mention.entity, mention.start, mention.end);
    for (const r of prior) {
      if (r.type !== "person") continue;
      const fitsNoun =
        new RegExp(`\\b${noun}\\b`, "i").test(r.name) || !!r.entity?.role?.toLowerCase().includes(noun);
      if (!fitsNoun) continue;
      if (!best || r.start > best.start) best = r;
    }
    if (best) return best.entity ? refOf(best.entity, start, end) : { ...best, start, end };
  }
  return null;
}

/** A document that speaks for whoever issued it: "the report", "a statement", "the updated figures". */
const DOCUMENT =
  /^(?:(?:new|latest|same|confidential|internal|updated|revised|official|preliminary|daily|new)\s+)*(?:report|statement|study|survey|assessment|figures|data|tally|update|communiqu[eé])$/i;

function documentOwner(ctx: AttributionContext, start: number, end: number): SourceRef | null {
  const prior = recentPrior(ctx, start);
  const last = prior[prior.length - 1];
  const isBody = (type: EntityType) => type === "organization" || type === "group";
  if (last && isBody(last.type))
    return last.entity ? refOf(last.entity, start, end) : { ...last, start, end };
  if (last) return null;
  // No figure was attributed yet: the body named last in the sentences before, if it was announcing.
  const paragraphStart = Math.max(0, ctx.body.lastIndexOf("\n", ctx.sentence.start - 1) + 1);
  const mention = lastBefore(
    ctx.index,
    start,
    (m) =>
      isBody(m.entity.type) &&
      m.start >= paragraphStart &&
      !RELAY_KINDS.has(m.entity.kind ?? "") &&
      new RegExp(`^\\s*(?:\\w+\\s+){0,3}(?:${SAY})\\b`, "i").test(ctx.body.slice(m.end, m.end + 60)),
  );
  if (mention) return refOf(mention.entity, start, end);
  // A body the entity index did not list: the capitalised name that announced something just before.
  const before = ctx.body.slice(paragraphStart, ctx.sentence.start);
  let named: RegExpExecArray | null = null;
  ANNOUNCER.lastIndex = 0;
  for (let m = ANNOUNCER.exec(before); m; m = ANNOUNCER.exec(before)) named = m;
  if (!named?.[1]) return null;
  const nameStart = paragraphStart + named.index + named[0].indexOf(named[1]);
  const ref = resolveNP(ctx, nameStart, nameStart + named[1].length);
  return ref && isBody(ref.type) ? { ...ref, start, end } : null;
}

const ANNOUNCER = new RegExp(
  `\\b(\\p{Lu}[\\p{L}’'-]*(?:\\s+(?:of|for|the|\\p{Lu}[\\p{L}’'-]*)){0,6})\\s+(?:(?:on|has|had|also)\\s+)?(?:${SAY})\\b`,
  "gu",
);

/** The latest source of an earlier claim that fits, within the last ~600 characters. */
function lastSpeaker(
  ctx: AttributionContext,
  at: number,
  accept: (ref: SourceRef) => boolean,
): SourceRef | null {
  let found: SourceRef | null = null;
  for (const ref of recentPrior(ctx, at, 600)) {
    if (!accept(ref)) continue;
    if (!found || ref.start > found.start) found = ref;
  }
  return found;
}

function appositivePerson(ctx: AttributionContext, start: number): SourceRef | null {
  const before = ctx.body.slice(Math.max(ctx.sentence.start, start - 4), start);
  if (!/,\s*$/.test(before)) return null;
  const person = lastBefore(ctx.index, start, (m) => m.entity.type === "person");
  if (person && start - person.end <= 4) return refOf(person.entity, person.start, person.end);
  return null;
}

/**
 * How far back a pronoun, "the group" or "the report" may point: a news article names its speakers within a
 * few paragraphs. The bound keeps a text with thousands of figures linear rather than quadratic.
 */
const LOOKBACK = 12_000;

/** Sources of earlier claims that start before `at` and within `span` characters of it, in text order. */
function recentPrior(ctx: AttributionContext, at: number, span = LOOKBACK): SourceRef[] {
  const all = ctx.priorSources ?? [];
  let from = all.length;
  // Claims are read in text order, so the sources near the end are the recent ones.
  while (from > 0 && all.length - from < 400 && (all[from - 1] as SourceRef).start >= at - span) from--;
  return all.slice(from).filter((r) => r.start < at && at - r.start <= span);
}

/** The index of the first mention starting at or after `at` (mentions are in text order). */
function firstFrom(mentions: EntityMention[], at: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mentions[mid] as EntityMention).start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function mentionsNear(index: EntityIndex, from: number, to: number): EntityMention[] {
  const out: EntityMention[] = [];
  for (let i = firstFrom(index.mentions, Math.max(0, from)); i < index.mentions.length; i++) {
    const mention = index.mentions[i] as EntityMention;
    if (mention.start >= to) break;
    out.push(mention);
  }
  return out;
}

function bestEntity(index: EntityIndex, start: number, end: number): EntityMention | null {
  const rank: Record<EntityType, number> = { person: 4, organization: 3, group: 2, place: 1 };
  let best: EntityMention | null = null;
  for (let i = firstFrom(index.mentions, start); i < index.mentions.length; i++) {
    const mention = index.mentions[i] as EntityMention;
    if (mention.start >= end) break;
    if (mention.start < start || mention.end > end) continue;
    if (!best || rank[mention.entity.type] >= rank[best.entity.type]) best = mention;
  }
  return best;
}

function lastBefore(
  index: EntityIndex,
  at: number,
  accept: (m: EntityMention) => boolean,
): EntityMention | null {
  for (let i = firstFrom(index.mentions, at) - 1; i >= 0; i--) {
    const mention = index.mentions[i] as EntityMention;
    if (at - mention.start > LOOKBACK) break;
    if (accept(mention)) return mention;
  }
  return null;
}

function refOf(entity: EntityRecord, start: number, end: number): SourceRef {
  return { name: entity.name, type: entity.type, entity, start, end };
}

/** Who speaks a quotation: "X said, “…”", "“…,” said X", "“…,” X said". */
function quoteSpeaker(ctx: AttributionContext, quote: Span): SourceRef | null {
  const { body } = ctx;
  const lineStart = body.lastIndexOf("\n", quote.start) + 1;
  const before = body.slice(lineStart, quote.start - 1);
  // The last reporting verb that only a short phrase and a comma or colon separate from the quote.
  const verbs = [
    ...before.matchAll(new RegExp(`\\b(?:${SAY}|commented|cautioned|continued|wrote|added)\\b`, "gi")),
  ];
  const last = verbs[verbs.length - 1];
  if (last && /^[^,:“”".!?]{0,40}[,:]?\s*$/.test(before.slice(last.index + last[0].length))) {
    const np = subjectBefore(body, lineStart, lineStart + last.index);
    if (np) {
      const ref = resolveNP(ctx, np.start, np.end);
      if (ref) return ref;
    }
  }
  const after = body.slice(quote.end + 1, quote.end + 140);
  const inverted = new RegExp(
    `^\\s*,?\\s*(?:${SAY}|commented|cautioned|continued|wrote|added)\\s+([^,.;]+)`,
    "i",
  ).exec(after);
  if (inverted?.[1]) {
    const s = quote.end + 1 + inverted[0].length - inverted[1].length;
    const ref = resolveNP(ctx, s, s + inverted[1].length);
    if (ref) return ref;
  }
  const direct = new RegExp(
    `^\\s*,?\\s*([^,.;“”"]{2,60}?)\\s+(?:${SAY}|commented|cautioned|continued|wrote|added)\\b`,
    "i",
  ).exec(after);
  if (direct?.[1]) {
    const s = quote.end + 1 + direct[0].indexOf(direct[1]);
    const ref = resolveNP(ctx, s, s + direct[1].length);
    if (ref) return ref;
  }
  return null;
}
