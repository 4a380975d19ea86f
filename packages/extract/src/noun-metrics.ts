import type { Metric } from "@headcount/shared";
import { countryOfDemonym, DEMONYM_LIST, lookupSurface } from "./gazetteer.ts";
import type { Quantity } from "./numbers.ts";

/** What a counted noun or a verb says happened to people, and whose people a subject names. */

export function metricOfNoun(noun: string, after: string): Metric | null {
  if (/^(?:irretrievable|irrecoverable)\s+losses/.test(noun)) return "killed";
  if (/^(?:casualties|losses)/.test(noun)) return "casualties";
  // "1,200 deaths and injuries" counts both; "28 deaths and injuries to 139 people" counts the deaths.
  if (/^(?:deaths|dead|killed)\s+(?:and|or)\s+(?:injuries|injured|wounded)$/.test(noun))
    return /^\s+(?:to|of|among|in)\s/i.test(after) ? "killed" : "casualties";
  // "over 4,500 killed and wounded": both.
  if (/^(?:killed|dead)$/.test(noun) && /^\s+(?:and|or)\s+(?:wounded|injured)\b/i.test(after))
    return "casualties";
  if (
    /^(?:dead|deaths|murders|killings|fatalities|killed|bodies|corpses|death toll|toll|lives|martyrs|fallen)/.test(
      noun,
    )
  )
    return "killed";
  if (/^(?:wounded|injured|injuries)/.test(noun)) return "wounded";
  if (/^(?:prisoners|pows|captives|detainees|hostages)/.test(noun) || /^\s+of\s+war/i.test(after))
    return "captured";
  if (
    /^(?:recruits|conscripts)/.test(noun) &&
    /^\s+(?:(?:were|have been|have|has|had)\s+)?(?:recruited|conscripted|drafted|mobili|joined|enlisted|signed)/i.test(
      after,
    )
  )
    return "recruited";
  return null;
}

export function metricOfVerb(verb: string): Metric | null {
  const v = verb.toLowerCase();
  if (/^(?:killed (?:or|and)|(?:wounded|injured) (?:or|and) killed)/.test(v)) return "casualties";
  if (
    /^(?:kill|dead|died|perish|slain|gunned down|shot|burn|hacked|stabbed|beaten|bludgeoned|stoned|executed|massacred|behead|decapitat|murder|assassinat|lynch|claimed the lives|los\w+ (?:their|his|her) lives)/.test(
      v,
    )
  )
    return "killed";
  if (
    /^(?:wound|injur|hurt|taken (?:for treatment|to)|hospitali|treated|in (?:a )?(?:critical|serious|grave))/.test(
      v,
    )
  )
    return "wounded";
  if (/^(?:captur|taken prisoner|surrender|took|taken|held|detain|abduct|kidnap)/.test(v)) return "captured";
  if (/^(?:missing|disappeared|went missing)/.test(v)) return "missing";
  if (/^(?:recruit|mobili|conscript|draft)/.test(v)) return "recruited";
  if (/^(?:repatriat|evacuat|freed|freeing|releas|swapp|exchang|return)/.test(v)) return "repatriated";
  if (/^los/.test(v)) return "casualties";
  if (/^(?:deploy|sent|send|dispatch|arriv)/.test(v)) return "deployed";
  return null;
}

const DEMONYM_RE = new RegExp(
  `\\b(${DEMONYM_LIST.map((d) => d.replace(/\./g, "\\.")).join("|")})(?![\\p{L}])`,
  "u",
);

/** "Belarusian railway troops" → Belarus; "Wagner fighters" → Wagner Group's country is not used. */
export function subjectEntityOf(subject: string | null): string | null {
  if (!subject) return null;
  const m = DEMONYM_RE.exec(subject);
  if (m?.[1]) return countryOfDemonym(m[1]) ?? null;
  const words = subject.split(/\s+/);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const entry = lookupSurface(
        words
          .slice(i, i + n)
          .join(" ")
          .replace(/[’']s$/, ""),
      );
      if (entry?.kind === "country") return entry.name;
    }
  }
  return null;
}

const BRACKET_PLACE = /\p{Lu}[\p{L}’'-]*(?:\s+\p{Lu}?[\p{L}-]+)?\s+\($/u;
const BRACKET_TOLL = /\b(?:(deaths|dead|killed|fatalities)|(casualties|losses))\b/i;

/** A figure in brackets after a place's name, in a sentence that names what it counts. */
export function bracketedToll(
  text: string,
  quantity: Quantity,
  sentenceStart: number,
  sentenceEnd: number,
): Metric | null {
  if (quantity.yearLike || quantity.percent || text[quantity.end] !== ")") return null;
  if (!BRACKET_PLACE.test(text.slice(Math.max(sentenceStart, quantity.start - 40), quantity.start)))
    return null;
  // Within a bounded reach, so a sentence of thousands of bracketed figures stays linear.
  const cue = BRACKET_TOLL.exec(
    text.slice(Math.max(sentenceStart, quantity.start - 300), Math.min(sentenceEnd, quantity.end + 200)),
  );
  return cue ? (cue[1] ? "killed" : "casualties") : null;
}
