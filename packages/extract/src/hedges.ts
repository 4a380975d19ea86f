import type { Qualifier } from "@headcount/shared";
import type { Quantity } from "./numbers.ts";

/**
 * The words that hedge a number, kept as written, and the interval they allow. The labelling rules:
 * "about N" → [N, N] approximate; "as many as N" → [null, N] up_to; "more than N" → [N, null] more_than;
 * "at least N" → [N, null] at_least; "no more than N", "had not killed even N" → [null, N] at_most; vague words → their interval.
 */

export interface Hedged {
  qualifier: Qualifier;
  hedge: string | null;
  hedgeStart: number;
  additional: boolean;
  valueLow: number | null;
  valueHigh: number | null;
  valueBest: number | null;
}

const BEFORE: [RegExp, Qualifier][] = [
  // "went up to 182" is a toll that rose, not a ceiling.
  [
    /\b(as many as|(?<!\b(?:went|gone|going|goes|rose|risen|climbed|jumped|shot|come|came|comes)\s)up to|as high as)\s+$/i,
    "up_to",
  ],
  [
    /\b(no more than|not more than|at most|(?:not|never|n[’']t)(?:\s+[a-z]+){0,2}\s+even|(?<!\b(?:no|not)\s)fewer than|(?<!\b(?:no|not)\s)less than|a maximum of|just under|under)\s+$/i,
    "at_most",
  ],
  [/\b(at least|a t least|as few as|a minimum of|no fewer than|no less than|not less than)\s+$/i, "at_least"],
  [
    /\b(more than|upwards of|upward of|(?:just|well|slightly) over|over|in excess of|exceeding|above|beyond|(?:could|may|might|will|would|to)\s+(?:(?:likely|probably|soon|already|eventually|easily)\s+)?(?:pass|exceed|surpass)|passed|surpassed|surpasses|surpassing|exceeded|exceeds|topped|(?:rose|risen|climbed|soared|surged|jumped|gone|went)\s+(?:past|above)|(?:higher|greater|more)\s+than\s+the)\s+$/i,
    "more_than",
  ],
  [
    /\b(approximately|approx\.|about|around|roughly|some|nearly|almost|close to|circa|an estimated|estimated|(?:estimated|believed|thought)\s+to\s+(?:number|total)|estimated at|an approximate|roughly estimated|in the region of|on the order of|closer to|approaching|nearing)\s+$/i,
    "approximate",
  ],
];

const ADDITIONAL_BEFORE =
  /\b(an additional|another|a further|an extra|additional|extra|some additional|a new batch of)\s+$/i;
const AFTER: [RegExp, Qualifier][] = [
  [/^\s*(?:or more|and more|-plus|\+)/i, "at_least"],
  [/^\s*(?:or so|or thereabouts)\b/i, "approximate"],
];

/** The hedge before (or right after) a quantity and the interval it implies. */
const PARTICLE_OVER =
  /\b(?:hand(?:s|ed|ing)?|turn(?:s|ed|ing)?|g[ai]ve|giv(?:es|ing)|took|tak(?:es|en|ing)|passe[sd]|passing|pass|won|win(?:s|ning)?|transferred)\s+$/i;

export function hedgeQuantity(text: string, quantity: Quantity, windowStart: number): Hedged {
  const before = text.slice(Math.max(windowStart, quantity.start - 48), quantity.start);
  let rest = before;
  let hedge: string | null = null;
  let qualifier: Qualifier | null = null;
  let additional = false;
  let hedgeStart = quantity.start;

  // "another", "a further" before the number (or before its hedge, looked for again after the hedge).
  let more = ADDITIONAL_BEFORE.exec(rest);
  if (more) {
    additional = true;
    hedgeStart = quantity.start - (before.length - more.index);
    rest = rest.slice(0, more.index);
  }
  for (const [re, q] of BEFORE) {
    const m = re.exec(rest);
    if (!m) continue;
    // "some of", "over the" never reach here: the hedge must touch the number.
    // "handed over 75 prisoners", "turned over 12 suspects": the verb's particle, not a floor.
    if (/^over$/i.test(m[1] ?? "") && PARTICLE_OVER.test(rest.slice(0, m.index))) continue;
    hedge = m[1] ?? null;
    qualifier = q;
    hedgeStart = quantity.start - (before.length - m.index);
    rest = rest.slice(0, m.index);
    break;
  }
  more = additional ? null : ADDITIONAL_BEFORE.exec(rest);
  if (more) {
    additional = true;
    hedgeStart = quantity.start - (before.length - more.index);
    rest = rest.slice(0, more.index);
  }

  const after = text.slice(quantity.end, quantity.end + 20);
  const odd = /(?:-odd|\sor so)$/i.exec(quantity.text);
  if (!qualifier && quantity.kind === "number" && odd) {
    qualifier = "approximate";
    hedge = odd[0].trim();
  }
  if (!qualifier && quantity.kind === "number") {
    for (const [re, q] of AFTER) {
      const m = re.exec(after);
      if (m) {
        qualifier = q;
        hedge = m[0].trim();
        break;
      }
    }
  }

  if (quantity.kind === "vague") {
    return {
      qualifier: "vague",
      hedge: hedge ? `${hedge} ${quantity.vagueWords}` : quantity.vagueWords,
      hedgeStart,
      additional,
      valueLow: quantity.low,
      valueHigh: quantity.high,
      valueBest: null,
    };
  }
  if (quantity.kind === "range") {
    return {
      qualifier: "range",
      hedge: hedge ?? quantity.rangeIntro,
      hedgeStart,
      additional,
      valueLow: quantity.low,
      valueHigh: quantity.high,
      valueBest: null,
    };
  }
  const n = quantity.value;
  switch (qualifier) {
    case "up_to":
    case "at_most":
      return { qualifier, hedge, hedgeStart, additional, valueLow: null, valueHigh: n, valueBest: n };
    case "more_than":
    case "at_least":
      return { qualifier, hedge, hedgeStart, additional, valueLow: n, valueHigh: null, valueBest: n };
    case "approximate":
      return { qualifier, hedge, hedgeStart, additional, valueLow: n, valueHigh: n, valueBest: n };
    default:
      return {
        qualifier: "exact",
        hedge: null,
        hedgeStart,
        additional,
        valueLow: n,
        valueHigh: n,
        valueBest: n,
      };
  }
}
