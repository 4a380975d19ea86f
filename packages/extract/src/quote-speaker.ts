import type { AttributionContext, SourceRef } from "./attribution.ts";
import { SAY } from "./attribution-words.ts";
import type { Span } from "./segment.ts";
import { resolveNP } from "./speaker-phrase.ts";
import { subjectBefore } from "./subject-phrase.ts";

/** Who speaks a quotation near a figure: before it ("X said, “…”") or after it ("“…,” said X", "“…,” X said"). */

// Built once: the reporting-verb list is long, and these run for every quotation near a figure.
const QUOTE_VERB = new RegExp(`\\b(?:${SAY}|commented|cautioned|continued|wrote|added)\\b`, "gi");
const QUOTE_VERB_INVERTED = new RegExp(
  `^\\s*,?\\s*(?:${SAY}|commented|cautioned|continued|wrote|added)\\s+([^,.;]+)`,
  "i",
);
const QUOTE_VERB_DIRECT = new RegExp(
  `^\\s*,?\\s*([^,.;“”"]{2,60}?)\\s+(?:${SAY}|commented|cautioned|continued|wrote|added)\\b`,
  "i",
);

// "“…,” a resident, Tukur Gödel, told Daily Trust": a description, then the speaker's name between commas.
const QUOTE_VERB_DESCRIBED_NAME = new RegExp(
  `^\\s*,?\\s*(?:an?|one|the)\\s+[^,.;“”"]{2,40},\\s+(\\p{Lu}[^,.;“”"]{1,40}?),\\s+(?:${SAY}|commented|added)\\b`,
  "iu",
);

// "“…,” Jane Doe, the secretary general of the province announced on TV": a name and its title, the comma
// that should close the title left out.
const QUOTE_NAME_TITLE_UNCLOSED = new RegExp(
  `^\\s*,?\\s*(\\p{Lu}[\\p{L}’'-]+(?:\\s+\\p{Lu}[\\p{L}’'-]+){1,3}),\\s+the\\s+[^,.;“”"]{2,80}?\\s+(?:${SAY}|added)\\b`,
  "u",
);

// "“…,” a local teacher, whose colleague was killed, said": a clause about the speaker between name and verb.
const QUOTE_VERB_APPOSED = new RegExp(
  `^\\s*,?\\s*([^,.;“”"]{2,60}?)\\s*,\\s+(?:who|whose|which)\\b[^.;“”"]{0,100}?,\\s+(?:${SAY}|added)\\b`,
  "i",
);
// "“Eight soldiers were killed” and two others wounded, he added.": the verb of the sentence's closing
// attribution, with at most a short adverbial after it.
const TAIL_VERB = new RegExp(`\\b(?:${SAY}|added)\\b(?=[^“”"]{0,60}[.!?]$)`, "gi");

// "X said in a statement carried by the official news agency, “…”": the agency relays what X said.
const CARRIED_BY =
  /\s+in\s+(?:a|an|its|the)\s+(?:\w+\s+)?(?:statement|post|message|communiqu[eé]|report|briefing)\s+(?:carried|broadcast|relayed|published)\s+(?:by|on)\s+((?:the\s+)?(?:official\s+|state\s+|state-run\s+)?[^,:“”".!?]{2,60}?)(?=\s*[,:]?\s*$)/i;

const AFTER_QUOTE = [
  QUOTE_VERB_DESCRIBED_NAME,
  QUOTE_VERB_DIRECT,
  QUOTE_VERB_APPOSED,
  QUOTE_NAME_TITLE_UNCLOSED,
];

// "“…,” the source told Xinhua news agency on Thursday.": the agency the speaker told relays the quotation.
const TOLD_AFTER =
  /^\s*,?["”’]?\s*[^“”".!?]{1,80}?\s+told\s+((?:the\s+)?\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,3})/u;

/**
 * The outlet that carried the statement a quotation opens ("… carried by the official news agency, “…”"), or that
 * the speaker told it to ("“…,” the source told Xinhua").
 */
export function quoteRelay(ctx: AttributionContext, quote: Span): SourceRef | null {
  const lineStart = ctx.body.lastIndexOf("\n", quote.start) + 1;
  const before = ctx.body.slice(lineStart, quote.start - 1);
  const m = CARRIED_BY.exec(before);
  if (m?.[1]) {
    const start = lineStart + m.index + m[0].length - m[1].length;
    return resolveNP(ctx, start, start + m[1].length);
  }
  const told = TOLD_AFTER.exec(ctx.body.slice(quote.end + 1, quote.end + 140));
  if (!told?.[1]) return null;
  const start = quote.end + 1 + told[0].length - told[1].length;
  return resolveNP(ctx, start, start + told[1].length);
}

/** Who speaks a quotation: "X said, “…”", "“…,” said X", "“…,” X said". */
export function quoteSpeaker(ctx: AttributionContext, quote: Span): SourceRef | null {
  const { body } = ctx;
  // The paragraph before the quote, back 400 characters at most: the verb that introduces a quote stands
  // right before it, and a paragraph of many quotations is not read again for each of them.
  const lineStart = Math.max(body.lastIndexOf("\n", quote.start) + 1, quote.start - 400);
  const before = body.slice(lineStart, quote.start - 1);
  // The last reporting verb that only a short phrase and a comma or colon separate from the quote.
  let last: RegExpExecArray | undefined;
  QUOTE_VERB.lastIndex = 0;
  for (let m = QUOTE_VERB.exec(before); m; m = QUOTE_VERB.exec(before)) last = m;
  if (
    last &&
    /^[^,:“”".!?]{0,40}[,:]?\s*$/.test(before.slice(last.index + last[0].length).replace(CARRIED_BY, ""))
  ) {
    const np = subjectBefore(body, lineStart, lineStart + last.index);
    if (np) {
      const ref = resolveNP(ctx, np.start, np.end);
      if (ref) return ref;
    }
  }
  const after = body.slice(quote.end + 1, quote.end + 140);
  const inverted = QUOTE_VERB_INVERTED.exec(after);
  if (inverted?.[1]) {
    const s = quote.end + 1 + inverted[0].length - inverted[1].length;
    // "said Defense Minister X after President Y convened …": the speaker ends where a clause begins.
    const phrase = inverted[1].replace(
      /\s+(?:after|as|when|while|before|following|during|because|since|who|which|in an?|at an?)\s.*$/,
      "",
    );
    const ref = resolveNP(ctx, s, s + phrase.length);
    if (ref) return ref;
  }
  // "“…,” a resident, X, told …", "“…,” X said", "“…,” X, who …, said", "“…,” X, the head of … said": the name
  // each pattern captures, in this order.
  for (const pattern of AFTER_QUOTE) {
    const m = pattern.exec(after);
    if (!m?.[1]) continue;
    const s = quote.end + 1 + m[0].indexOf(m[1]);
    const ref = resolveNP(ctx, s, s + m[1].length);
    if (ref) return ref;
  }
  // The rest of the sentence after the quotation, up to its end, with no other quotation in it.
  const rest = /^[^“”"]*?[.!?](?=\s|$)/.exec(after)?.[0];
  if (rest) {
    let verb: RegExpExecArray | undefined;
    TAIL_VERB.lastIndex = 0;
    for (let m = TAIL_VERB.exec(rest); m; m = TAIL_VERB.exec(rest)) verb = m;
    if (verb?.index && rest.slice(0, verb.index).includes(",")) {
      const verbAt = quote.end + 1 + verb.index;
      // "…, said Colonel X." names the speaker after the verb; "…, he added on Monday." before it.
      // "told Reuters" names who heard it, not who spoke.
      const named = /^(?:told|tells|telling|tell)$/i.test(verb[0])
        ? null
        : /^\s+((?:the\s+|an?\s+)?\p{Lu}[^,.;“”"]{1,60}?)\s*[,.!?]/u.exec(
            rest.slice(verb.index + verb[0].length),
          );
      const np = named?.[1]
        ? { start: verbAt + verb[0].length + named[0].indexOf(named[1]), end: 0 }
        : subjectBefore(body, quote.end + 1, verbAt);
      if (np && named?.[1]) np.end = np.start + named[1].length;
      if (np) {
        const ref = resolveNP(ctx, np.start, np.end);
        if (ref) return ref;
      }
    }
  }
  return null;
}

/** The speaker of a quotation whose attribution closes the sentence before this one, or null. */
export function speakerOfQuotationBefore(ctx: AttributionContext): SourceRef | null {
  const { body, sentence } = ctx;
  // Quotations are in text order: a binary search keeps a paragraph of thousands of them linear.
  let lo = 0;
  let hi = ctx.quotes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((ctx.quotes[mid] as Span).end <= sentence.start) lo = mid + 1;
    else hi = mid;
  }
  const last: Span | undefined = ctx.quotes[lo - 1];
  if (!last || sentence.start - last.end > 200) return null;
  // Only the quotation's own attribution stands between: one sentence end, no other sentence.
  if (/[.!?]["”’]?\s+\S[\s\S]*?[.!?]["”’]?\s/.test(body.slice(last.end, sentence.start))) return null;
  // Background dated in the past is the reporter's, not the speaker's.
  if (/^\s*(?:in|since|by|during|back in)\s+(?:\w+\s+)?\d{4}\b/i.test(sentence.text)) return null;
  return quoteSpeaker(ctx, last);
}
