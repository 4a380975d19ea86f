import { adopt } from "./claim-support.ts";
import type { Working } from "./claims.ts";
import type { EntityIndex, EntityMention } from "./entities.ts";
import { mentionsNear, refOf } from "./mention-lookup.ts";
import type { Sentence } from "./segment.ts";

/**
 * "Moscow has lost more than 62,000 soldiers. This was reported by the General Staff." ("This is stated in the
 * report of the monitoring mission."): translated and wire copy often names the speaker in the sentence after the
 * figures. The figures of the sentence before, said by no one there, are the named speaker's.
 */
const SAID_AFTER =
  /^\s*(?:according to (?:[^,.;]|\.(?=\w)){1,60},\s*)?(?:this|that|these (?:figures|numbers|data)|the (?:figures?|numbers?|data)|this (?:information|data|figure|number))\s+(?:is|are|was|were|has been|have been|had been)\s+(?:(?:first|also|earlier|officially)\s+)?(?:reported|stated|announced|said|confirmed|disclosed|revealed|published|claimed|given|released)\s+(?:by|in\s+(?:the|a|an)\s+(?:(?:latest|new|recent|updated|daily|monthly|weekly|official)\s+)?(?:report|statement|update|briefing|summary|message)\s+(?:of|by|from|issued by|published by|released by))\s+/i;
/**
 * "The bodies of 100 soldiers were returned today. After identification they will be buried, reported the
 * Coordination Headquarters.": a next sentence of the same paragraph, with no figure of its own, that closes
 * on an inverted frame names the speaker of both. Only the last 160 characters are read.
 */
const SAID_CLOSING =
  /,\s+(?:(?:reported|said|stated|announced|added|noted|informed)\s+((?:the\s+)?\p{Lu}[^,;:“”"]{1,140}?)|((?:the\s+)?\p{Lu}[^,;:“”"]{1,100}?)\s+(?:reported|said|stated|announced|added|noted))\s*[.!]?\s*$/u;
/** Where the named speaker's phrase ends: "… by the General Staff of the Armed Forces of Ukraine, UNN reports." */
const PHRASE_END = /[,.;:“”"(]|\s(?:in|on|at|during|via|through|who|which)\s/;

export function speakersNamedAfter(claims: Working[], sentences: Sentence[], index: EntityIndex): void {
  if (claims.length === 0) return;
  const bySentence = new Map<number, Working[]>();
  for (const claim of claims) {
    const list = bySentence.get(claim.sentence);
    if (list) list.push(claim);
    else bySentence.set(claim.sentence, [claim]);
  }
  for (const [k, before] of bySentence) {
    const next = sentences[k + 1];
    if (!next) continue;
    const opening = SAID_AFTER.exec(next.text);
    const closing =
      opening || bySentence.has(k + 1) || next.paragraph !== sentences[k]?.paragraph
        ? null
        : SAID_CLOSING.exec(next.text.slice(-160));
    const closingName = closing?.[1] ?? closing?.[2];
    if (!opening && !closingName) continue;
    let from: number;
    let end: number;
    if (opening) {
      from = next.start + opening[0].length;
      const rest = next.text.slice(opening[0].length);
      end = from + (PHRASE_END.exec(rest)?.index ?? rest.length);
    } else {
      const tail = next.text.slice(-160);
      from = next.end - tail.length + (closing?.index ?? 0) + (closing?.[0].indexOf(closingName ?? "") ?? 0);
      end = from + (closingName?.length ?? 0);
    }
    const speaker = longestWithin(mentionsNear(index, from, end), end);
    if (!speaker) continue;
    for (const claim of before) {
      if (claim.draft.source !== null || claim.draft.inTitle) continue;
      claim.sourceRefs = [refOf(speaker.entity, speaker.start, speaker.end)];
      claim.draft.source = speaker.entity.name;
      claim.draft.sourceType = speaker.entity.type;
    }
  }
}

/**
 * "The enemy's losses amounted to 25,200. Another 983 were taken prisoner, the General Staff reported.": a
 * speaker named after the figures of a paragraph's next sentence speaks for the sentence before too, when that
 * one names no one and is not dated background.
 */
export function speakersClosingParagraph(claims: Working[], sentences: Sentence[]): void {
  // Where each claim's sentence starts among the claims: the walk back skips the sentence in one step (claim
  // by claim it would be quadratic in a sentence of many figures).
  const sentenceFirst: number[] = [];
  claims.forEach((c, i) => {
    sentenceFirst.push(
      i > 0 && (claims[i - 1] as Working).sentence === c.sentence ? (sentenceFirst[i - 1] ?? i) : i,
    );
  });
  for (let i = claims.length - 1; i > 0; i--) {
    const later = claims[i] as Working;
    const ref = later.sourceRefs[0];
    if (!ref || later.draft.inTitle || later.draft.source === null || ref.start < later.numberStart) continue;
    for (let j = (sentenceFirst[i] ?? i) - 1; j >= 0; j--) {
      const earlier = claims[j] as Working;
      if (earlier.paragraph !== later.paragraph || earlier.sentence < later.sentence - 1) break;
      if (earlier.draft.inTitle) continue;
      if (earlier.draft.source !== null) break;
      // "In September 2019, an attack claimed the lives of 50 soldiers.": dated background is the reporter's.
      if (BACKGROUND.test(sentences[earlier.sentence]?.text ?? "")) break;
      adopt(earlier, later);
    }
  }
}

/**
 * "He was quoted as saying: … 11 people died." and a next paragraph that is all quotation ("“Ten people were
 * injured.”"): wire copy runs a speaker's quote on over paragraphs without naming him again.
 */
export function speakersOfQuotedParagraphs(claims: Working[], sentences: Sentence[]): void {
  // Each paragraph's first sentence, found once (a search per claim would be quadratic in a long document).
  const openings = new Map<number, Sentence>();
  for (const s of sentences) if (!openings.has(s.paragraph)) openings.set(s.paragraph, s);
  for (let i = 1; i < claims.length; i++) {
    const claim = claims[i] as Working;
    if (claim.draft.source !== null || claim.draft.inTitle) continue;
    const opening = openings.get(claim.paragraph);
    if (!opening || !/^\s*[“"]/.test(opening.text)) continue;
    const before = claims[i - 1] as Working;
    if (before.paragraph !== claim.paragraph - 1 || before.draft.source === null) continue;
    adopt(claim, before);
  }
}

const BACKGROUND =
  /^\s*(?:(?:in|by|since|during|until|back in|as of)\s+(?:(?:early|mid|late)[- ])?(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+)?\d{4}|(?:last|the previous|the past)\s+(?:year|month|decade)|(?:previously|earlier|in the past|historically)),/i;

/** The speaker the phrase names: the longest person or body mentioned inside it. */
function longestWithin(mentions: EntityMention[], end: number): EntityMention | null {
  let best: EntityMention | null = null;
  for (const m of mentions) {
    if (m.end > end || m.entity.type === "place") continue;
    if (!best || m.end - m.start > best.end - best.start) best = m;
  }
  return best;
}
