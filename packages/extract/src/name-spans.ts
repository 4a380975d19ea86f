import type { EntityType } from "@headcount/shared";
import type { EntityRecord } from "./entities.ts";
import {
  countryOfDemonym,
  type GazetteerEntry,
  HEAD_TITLE_WORDS,
  ORG_KEYWORDS,
  PLACE_KEYWORDS,
  TITLE_WORDS,
} from "./gazetteer.ts";
import { isCommonWord, isFunctionWord, isKnownFirstName, isKnownName } from "./lexicon.ts";
import { CONNECTORS, matchGazetteer, NAME_PARTICLES, stripApostrophe } from "./name-runs.ts";
import type { Token } from "./segment.ts";

/** Where a name starts and ends among the tokens, and what kind of name it is (person, body, place). */

export interface PersonCandidate {
  start: number;
  end: number;
  text: string;
  role: string | null;
  titled: string | null;
  single: boolean;
  /** A lone capitalised word: kept only if it turns out to be a known person's surname. */
  tentative: boolean;
}

export interface SpanAnalysis {
  gazetteer: { entry: GazetteerEntry; start: number; end: number }[];
  orgs: { start: number; end: number; text: string; type: EntityType; kind: EntityRecord["kind"] }[];
  person: Omit<PersonCandidate, "role"> & { role: string | null };
  titleOnly: { end: number; text: string } | null;
}

export function isTitleWord(text: string): boolean {
  return TITLE_WORDS.has(text.toLowerCase());
}

/** A speech verb right after a name, past a day or an adverb ("said", "on Monday claimed", "today said"). */
const SPEAKS_NEXT =
  /^\s+(?:(?:today|yesterday|also|later|earlier|again|on\s+\p{Lu}\p{Ll}+)\s+)?(?:said|says|claimed|claims|announced|reported|stated|told|confirmed|denied|added|insisted|warned)\b/u;

/** The index of a head title ("Minister", "Adm.") at most `reach` tokens from `from`, past words that are no names. */
function headTitleWithin(tokens: Token[], from: number, reach: number): number {
  for (let j = from; j < Math.min(tokens.length, from + reach); j++) {
    const text = (tokens[j] as Token).text;
    if (HEAD_TITLE_WORDS.has(text.toLowerCase())) return j;
    if (isKnownFirstName(text) || isKnownName(text) || CONNECTORS.has(text)) return -1;
  }
  return -1;
}

export function analyseSpan(
  body: string,
  span: Token[],
  sentenceInitial: boolean,
  headline: boolean,
): Omit<SpanAnalysis, "person"> & { person: SpanAnalysis["person"] | null } {
  const out: Omit<SpanAnalysis, "person"> & { person: SpanAnalysis["person"] | null } = {
    gazetteer: [],
    orgs: [],
    person: null,
    titleOnly: null,
  };
  let tokens = span;
  // Sentence-initial or function words ("According", "While", "The") are not part of a name; mid-sentence
  // capitals on ordinary words are ("Rapid Support Forces").
  while (
    tokens.length &&
    (sentenceInitial && tokens === span
      ? isCommonWord((tokens[0] as Token).text)
      : isFunctionWord((tokens[0] as Token).text)) &&
    !isTitleWord((tokens[0] as Token).text)
  ) {
    if (matchGazetteer(body, tokens, 0)) break;
    // "North Korean …", "South Korean …": a demonym's first word is not a stray capital.
    const pair = tokens[1]
      ? `${(tokens[0] as Token).text} ${stripApostrophe((tokens[1] as Token).text)}`
      : "";
    if (pair && countryOfDemonym(pair)) break;
    // "the Second Division", "Third Army": an ordinal word names a unit.
    if (
      /^(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth)$/.test(
        (tokens[0] as Token).text,
      ) &&
      /^(?:Division|Brigade|Battalion|Corps|Army|Regiment|Fleet|Infantry|Mechanized|Armou?red|Airborne|Marine|Guards|Special)$/.test(
        stripApostrophe(tokens[1]?.text ?? ""),
      )
    )
      break;
    tokens = tokens.slice(1);
  }
  if (!tokens.length) return out;
  const lastText = stripApostrophe((tokens[tokens.length - 1] as Token).text);
  // "An Al Qaeda-linked group": a compound adjective describes a body, it does not name one.
  if (/-(?:linked|backed|led|affiliated|allied|aligned|controlled|run)$/i.test(lastText)) return out;

  // Organisation or place names end with their keyword ("Geneva Security Forum Conference", "Dnipro River").
  if (ORG_KEYWORDS.has(lastText) || PLACE_KEYWORDS.has(lastText)) {
    let from = 0;
    // Leading titles belong to a person elsewhere ("Deputy Chair of the Planning Council").
    while (
      from < tokens.length - 1 &&
      (isTitleWord((tokens[from] as Token).text) || tokens[from]?.text === "of")
    ) {
      if (tokens[from]?.text === "of" && tokens[from + 1]?.text === "the") from++;
      from++;
    }
    if (from > 0 && tokens[from]?.text === "the") from++;
    // Only a head title ("Deputy Chairman of the …") is a person's; "National Intelligence Service" keeps its
    // words, and so does "General Staff" (a title before a lone keyword is the organisation's own first word).
    const prefix = tokens.slice(0, from).map((t) => t.text.toLowerCase());
    if (!prefix.some((w) => HEAD_TITLE_WORDS.has(w)) || from >= tokens.length - 1) from = 0;
    emitNamed(body, tokens.slice(from), out);
    return out;
  }

  // "the United Nations Integrated Office in Haiti", "… Mission in the Democratic Republic of Congo": a body named
  // with the place it serves is named whole.
  const servedAt = tokens.findIndex(
    (t, k) => t.text === "in" && k > 0 && ORG_KEYWORDS.has(tokens[k - 1]?.text ?? ""),
  );
  const placeAt = tokens[servedAt + 1]?.text === "the" ? servedAt + 2 : servedAt + 1;
  const served = servedAt > 1 ? matchGazetteer(body, tokens, placeAt) : null;
  if (served && served.next === tokens.length && served.entry.type === "place") {
    emitNamed(body, tokens, out);
    out.gazetteer.push({ entry: served.entry, start: served.start, end: served.end });
    return out;
  }
  // "Ministry of Health", "Coordinating Headquarters for the Treatment of …": a keyword followed by "of" or
  // "for" opens an organisation's name.
  const opener =
    ORG_KEYWORDS.has((tokens[0] as Token).text) && tokens[1]?.text === "of"
      ? 0
      : ORG_KEYWORDS.has(tokens[1]?.text ?? "") &&
          tokens[2]?.text === "for" &&
          !matchGazetteer(body, tokens, 0)
        ? 1
        : -1;
  if (tokens.length >= 3 && opener >= 0) {
    emitNamed(body, tokens, out);
    return out;
  }

  // Titles, demonyms and gazetteer names before a person's name: "Kherson Governor Ivan Petrenko".
  let k = 0;
  let headTitle = false;
  const gazetteerInRun: { entry: GazetteerEntry; start: number; end: number }[] = [];
  while (k < tokens.length) {
    const token = tokens[k] as Token;
    const hit = matchGazetteer(body, tokens, k);
    // "Minister Sofia Brandt": a place name followed by a name is a first name, not a place.
    const afterHit = hit ? tokens[hit.next] : undefined;
    const nameFollows =
      hit !== null &&
      afterHit !== undefined &&
      /^\p{Lu}/u.test(afterHit.text) &&
      !isTitleWord(afterHit.text) &&
      !countryOfDemonym(afterHit.text) &&
      (k > 0 || isKnownFirstName(body.slice(hit.start, hit.end)));
    if (hit && !nameFollows) {
      gazetteerInRun.push({ entry: hit.entry, start: hit.start, end: hit.end });
      k = hit.next;
      continue;
    }
    const two = tokens[k + 1] ? `${token.text} ${(tokens[k + 1] as Token).text}` : "";
    if (two && countryOfDemonym(two)) {
      k += 2;
      continue;
    }
    if (countryOfDemonym(stripApostrophe(token.text))) {
      k++;
      continue;
    }
    if (isTitleWord(token.text)) {
      if (HEAD_TITLE_WORDS.has(token.text.toLowerCase())) headTitle = true;
      k++;
      continue;
    }
    // "Health Minister", "Interior Minister", "Navy Rear Adm.": the portfolio or service before a title
    // belongs to the title.
    const headAt = headTitleWithin(tokens, k + 1, 2);
    if (headAt > 0 && !isKnownFirstName(token.text) && !isKnownName(token.text)) {
      k = headAt;
      continue;
    }
    if (k > 0 && CONNECTORS.has(token.text)) {
      k++;
      continue;
    }
    break;
  }
  out.gazetteer.push(...gazetteerInRun);
  let rest = tokens.slice(k);
  // "caretaker Public Firas Abiad": a stray common word before a full name is not part of it.
  while (
    !headTitle &&
    rest.length >= 3 &&
    isCommonWord((rest[0] as Token).text) &&
    !isKnownName((rest[0] as Token).text) &&
    !NAME_PARTICLES.has((rest[0] as Token).text) &&
    !ORG_KEYWORDS.has(stripApostrophe((rest[rest.length - 1] as Token).text))
  )
    rest = rest.slice(1);
  const runText = k > 0 ? body.slice((tokens[0] as Token).start, (tokens[k - 1] as Token).end) : "";
  if (!rest.length) {
    if (headTitle) out.titleOnly = { end: (tokens[tokens.length - 1] as Token).end, text: runText };
    return out;
  }
  const first = rest[0] as Token;
  const last = rest[rest.length - 1] as Token;
  const nameEnd = last.end - (last.text.length - stripApostrophe(last.text).length);
  const nameText = body.slice(first.start, nameEnd);
  if (headTitle && rest.length <= 4) {
    out.person = {
      start: first.start,
      end: nameEnd,
      text: nameText,
      role: runText,
      titled: body.slice((tokens[0] as Token).start, nameEnd),
      single: rest.length === 1,
      tentative: false,
    };
    return out;
  }
  if (headline) return out;
  // All capitals ("NATO", "KNR") or mixed acronyms ("MChS"): an organisation.
  if (
    rest.length === 1 &&
    /^\p{Lu}[\p{Lu}\p{Ll}]*\p{Lu}[\p{Lu}\p{Ll}]*$/u.test(first.text) &&
    first.text.length <= 8
  ) {
    return asOrganisation(out, first.start, nameEnd, nameText);
  }
  if (rest.length === 1) {
    if (isCommonWord(first.text)) return out;
    // A lone unknown word names an organisation when it is explained in brackets ("Vostokgrad (a volunteer
    // unit …)"), or when it follows "the" and speaks ("the Taliban said", "The Tatmadaw claimed": people are
    // not "the X").
    const explained = /^\s*\(/.test(body.slice(nameEnd, nameEnd + 3));
    const speakingBody =
      /(?:^|[^\p{L}])the\s+$/iu.test(body.slice(Math.max(0, first.start - 5), first.start)) &&
      SPEAKS_NEXT.test(body.slice(nameEnd, nameEnd + 40));
    if ((explained || speakingBody) && !isKnownName(first.text)) {
      return asOrganisation(out, first.start, nameEnd, nameText);
    }
    // Sentence-initial or unknown lone words survive only as the surname of a person named in full.
    return asUntitledPerson(out, first.start, nameEnd, nameText, true, !isKnownName(first.text));
  }
  // Particles ("van der", "de la") do not count towards a name's length.
  const core = rest.filter((t) => !NAME_PARTICLES.has(t.text)).length;
  if (core > 4) return out;
  // A known first name vouches for the surname after it ("John Smith", "Maria Lopez").
  const firstName = isKnownFirstName(first.text) && core <= 3;
  const plausible = rest.every(
    (t, n) =>
      NAME_PARTICLES.has(t.text.toLowerCase()) ||
      isKnownName(stripApostrophe(t.text)) ||
      !isCommonWord(stripApostrophe(t.text)) ||
      (firstName && n > 0 && /^\p{Lu}/u.test(t.text) && !/^(?:The|Of|And|For|In|On|At|To)$/.test(t.text)),
  );
  if (!plausible || rest.some((t) => /\d/.test(t.text))) return out;
  return asUntitledPerson(out, first.start, nameEnd, nameText, false, false);
}

type SpanResult = Omit<SpanAnalysis, "person"> & { person: SpanAnalysis["person"] | null };

/** The run read as an organisation. */
function asOrganisation(out: SpanResult, start: number, end: number, text: string): SpanResult {
  out.orgs.push({ start, end, text, type: "organization", kind: "organization" });
  return out;
}

/** The run read as a person named without a title. */
function asUntitledPerson(
  out: SpanResult,
  start: number,
  end: number,
  text: string,
  single: boolean,
  tentative: boolean,
): SpanResult {
  out.person = { start, end, text, role: null, titled: null, single, tentative };
  return out;
}

/** Emits a keyword-ended name, splitting "X of the Y" when both are organisations. */
export function emitNamed(body: string, tokens: Token[], out: Omit<SpanAnalysis, "person">): void {
  if (!tokens.length) return;
  const whole = matchGazetteer(body, tokens, 0);
  if (whole && whole.next === tokens.length) {
    out.gazetteer.push({ entry: whole.entry, start: whole.start, end: whole.end });
    return;
  }
  for (let k = 1; k < tokens.length - 1; k++) {
    if (tokens[k]?.text !== "of") continue;
    const left = stripApostrophe(tokens[k - 1]?.text ?? "");
    const rightStart = tokens[k + 1]?.text === "the" ? k + 2 : k + 1;
    const right = tokens.slice(rightStart);
    const rightLast = stripApostrophe(right[right.length - 1]?.text ?? "");
    const rightHit = matchGazetteer(body, right, 0);
    const rightIsOrg =
      ORG_KEYWORDS.has(rightLast) ||
      (rightHit !== null && rightHit.next === right.length && rightHit.entry.type === "organization");
    if (ORG_KEYWORDS.has(left) && rightIsOrg) {
      emitNamed(body, tokens.slice(0, k), out);
      emitNamed(body, right, out);
      return;
    }
  }
  const first = tokens[0] as Token;
  const last = tokens[tokens.length - 1] as Token;
  const end = last.end - (last.text.length - stripApostrophe(last.text).length);
  const text = body.slice(first.start, end);
  const isPlace = PLACE_KEYWORDS.has(stripApostrophe(last.text));
  out.orgs.push({
    start: first.start,
    end,
    text,
    type: isPlace ? "place" : "organization",
    kind: isPlace ? "place" : "organization",
  });
}

export const LOWER_TITLE =
  /((?:(?:\p{Lu}[\p{L}.’'-]*|of|the)\s+){0,4})((?:former|deputy|vice|chief|top|senior|acting|retired|defen[cs]e|foreign|prime|press|supreme|military|state)\s+)*(leader|governor|president|minister|spokesman|spokeswoman|spokesperson|lawmaker|ambassador|envoy|general|colonel|commander|chief|official|analyst|secretary|chairman|director|head|mayor|lieutenant|captain|sergeant)\s+$/u;

export function lowercaseTitleBefore(body: string, sentenceStart: number, start: number): string | null {
  const before = body.slice(Math.max(sentenceStart, start - 80), start);
  const m = LOWER_TITLE.exec(before);
  if (!m) return null;
  return m[0].trim() || null;
}

export const APPOSITIVE =
  /^,\s+(?:(?:a|an|the)\s+)?([^,.;()"“”]{3,90}?)(?=,|\.|;|\s+who\b|\s+and\s+(?:a|the)\b|$)/u;

export function appositiveRole(body: string, end: number, sentenceEnd: number): string | null {
  const after = body.slice(end, Math.min(sentenceEnd, end + 120));
  const m = APPOSITIVE.exec(after);
  if (!m?.[1]) return null;
  const words = m[1].split(/\s+/).map((w) => w.toLowerCase().replace(/[’']s$/, ""));
  // Only a phrase headed by a title is a role ("Governor of Kursk", "a former British defense attaché").
  if (!words.some((w) => HEAD_TITLE_WORDS.has(w) || w === "colonel" || w === "chief")) return null;
  if (words.length > 12) return null;
  return m[1].trim();
}
