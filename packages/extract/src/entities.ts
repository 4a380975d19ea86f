import type { EntityType } from "@headcount/shared";
import {
  countryOfDemonym,
  type GazetteerEntry,
  type GazetteerKind,
  HEAD_TITLE_WORDS,
  lookupSurface,
  MAX_ALIAS_TOKENS,
  ORG_KEYWORDS,
  PLACE_KEYWORDS,
  startsSurface,
  TITLE_WORDS,
} from "./gazetteer.ts";
import { isCommonWord, isFunctionWord, isKnownFirstName, isKnownName } from "./lexicon.ts";
import type { Sentence, Token } from "./segment.ts";
import { tokenize } from "./segment.ts";
import { normalizeName } from "./variants.ts";

/**
 * Named-entity recognition without a tagger: gazetteer look-ups for places, agencies and news agencies,
 * capitalisation and titles for people and other organisations, then coreference of surnames to full names
 * within the article ("Okafor" → "Lena Okafor").
 */

export interface EntityMention {
  start: number;
  end: number;
  text: string;
  entity: EntityRecord;
}

export interface EntityRecord {
  key: string;
  name: string;
  type: EntityType;
  kind: GazetteerKind | "person" | "organization" | "place" | "group";
  aliases: Set<string>;
  role: string | null;
  affiliation: string | null;
  mentions: EntityMention[];
}

export interface EntityIndex {
  entities: EntityRecord[];
  /** All mentions in text order. */
  mentions: EntityMention[];
}

interface PersonCandidate {
  start: number;
  end: number;
  text: string;
  role: string | null;
  titled: string | null;
  single: boolean;
  /** A lone capitalised word: kept only if it turns out to be a known person's surname. */
  tentative: boolean;
}

const CONNECTORS = new Set(["of", "for", "to", "the", "on"]);
const NAME_PARTICLES = new Set([
  "bin",
  "ibn",
  "al",
  "el",
  "de",
  "da",
  "di",
  "du",
  "dos",
  "das",
  "del",
  "della",
  "van",
  "von",
  "der",
  "den",
  "ter",
  "la",
  "le",
]);
// "al-Burhan", "el-Sisi", "bin-Talal": a lower-case particle joined to a capitalised name.
const JOINED_PARTICLE = /^(?:al|el|ad|ash|as|at|ar|an|az|bin|ibn|abu|ben)[-‑’'](?=\p{Lu})/u;

/** A lower-case name particle inside a person's name ("van der Berg", "al-Burhan", "da Silva"). */
function isNameParticle(tokens: Token[], j: number): number {
  const token = tokens[j] as Token;
  if (JOINED_PARTICLE.test(token.text)) return 1;
  if (!NAME_PARTICLES.has(token.text)) return 0;
  // Up to two particles ("van der", "de la") followed by a capitalised surname.
  const next = tokens[j + 1];
  if (next && isCapitalised(next) && next.start - token.end === 1) return 1;
  const after = tokens[j + 2];
  if (
    next &&
    after &&
    NAME_PARTICLES.has(next.text) &&
    isCapitalised(after) &&
    next.start - token.end === 1 &&
    after.start - next.end === 1
  )
    return 2;
  return 0;
}
const ROLE_HEAD_FOR_CONNECTOR = new Set([
  ...ORG_KEYWORDS,
  "Minister",
  "Secretary",
  "Chairman",
  "Ambassador",
  "Envoy",
  "Governor",
  "Head",
  "Chief",
  "Director",
  "Commander",
  "Institute",
  "Study",
]);

function isCapitalised(token: Token): boolean {
  return /^\p{Lu}/u.test(token.text);
}

function stripApostrophe(text: string): string {
  return text.replace(/[’']s?$/, "");
}

function isPossessive(text: string): boolean {
  return /[’']s$/.test(text);
}

export function extractEntities(body: string, sentences: Sentence[]): EntityIndex {
  const records = new Map<string, EntityRecord>();
  const mentions: EntityMention[] = [];
  const people: PersonCandidate[] = [];
  const orgCandidates: {
    start: number;
    end: number;
    text: string;
    type: EntityType;
    kind: EntityRecord["kind"];
    /** The name the entity takes when the text written is a short form of it. */
    name?: string;
  }[] = [];

  const addGazetteer = (entry: GazetteerEntry, start: number, end: number) => {
    const record = recordFor(records, `g:${entry.name}`, entry.name, entry.type, entry.kind);
    record.affiliation ??= entry.affiliation ?? null;
    const text = body.slice(start, end);
    if (text !== entry.name) record.aliases.add(text);
    const mention = { start, end, text, entity: record };
    record.mentions.push(mention);
    mentions.push(mention);
  };

  for (const sentence of sentences) {
    const tokens = tokenize(sentence.text, sentence.start);
    let titleOnlyRun: { end: number; text: string } | null = null;
    let i = 0;
    while (i < tokens.length) {
      const token = tokens[i] as Token;
      // Spans start at a capital, or at an ordinal naming a unit ("61st Mechanized Brigade").
      const ordinalStart = /^\d+(?:st|nd|rd|th)$/.test(token.text) && isCapitalised(tokens[i + 1] ?? token);
      if (!isCapitalised(token) && !ordinalStart) {
        i++;
        continue;
      }
      // A dateline in capitals ("KHARTOUM, Sept 18", "EL FASHER, Sudan", "GAO (AFP) -") names a place.
      if (/^\p{Lu}{2,}$/u.test(token.text) && (i === 0 || /^\p{Lu}{4,}$/u.test(token.text))) {
        let k = i;
        while (
          k + 1 < tokens.length &&
          /^\p{Lu}{2,}$/u.test((tokens[k + 1] as Token).text) &&
          (tokens[k + 1] as Token).start - (tokens[k] as Token).end === 1
        )
          k++;
        const last = tokens[k] as Token;
        // Followed by a comma ("KHARTOUM, Sept 18"), a wire credit ("KHARTOUM (Reuters) -"), a dash or a colon.
        const datelineEnd = /^(?:,|\s*\(|\s+[—–-]{1,2}\s|\s*[—–]|:\s)/.test(
          body.slice(last.end, last.end + 4),
        );
        if (datelineEnd && (k > i || token.text.length >= 4)) {
          const written = body.slice(token.start, last.end);
          const titled = written
            .toLowerCase()
            .replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
          const place = lookupSurface(titled);
          if (place) addGazetteer(place, token.start, last.end);
          else if (i === 0 && sentence.start === paragraphStart(body, sentence.start))
            orgCandidates.push({
              start: token.start,
              end: last.end,
              text: titled,
              type: "place",
              kind: "place",
            });
          i = k + 1;
          continue;
        }
      }
      // The gazetteer first, since its names may continue in lower case ("Kursk region").
      const hit = matchGazetteer(body, tokens, i);
      // "The Israeli military": an alias that continues in lower case after a capitalised article.
      if (!hit && /^(?:The|A|An)$/.test(token.text)) {
        const inner = matchGazetteer(body, tokens, i + 1);
        if (inner && inner.next > buildSpan(body, tokens, i)) {
          addGazetteer(inner.entry, inner.start, inner.end);
          i = inner.next;
          continue;
        }
      }
      const spanEnd = buildSpan(body, tokens, i);
      if (hit && hit.next >= spanEnd) {
        addGazetteer(hit.entry, hit.start, hit.end);
        // "the Defence Intelligence of Ukraine" also mentions Ukraine.
        if (hit.entry.type === "organization") {
          for (let k = i + 1; k < hit.next; k++) {
            const inner = matchGazetteer(body, tokens.slice(0, hit.next), k);
            if (inner?.entry.type === "place") {
              addGazetteer(inner.entry, inner.start, inner.end);
              k = inner.next - 1;
            }
          }
        }
        i = hit.next;
        continue;
      }
      const span = tokens.slice(i, spanEnd);
      const sentenceInitial = i === 0 || /^[“"‘(—–-]$/.test(tokens[i - 1]?.text ?? "");
      const result = analyseSpan(body, span, sentenceInitial, sentence.headline);
      for (const g of result.gazetteer) addGazetteer(g.entry, g.start, g.end);
      for (const o of result.orgs) {
        // "The Ministry of Defence of Ukraine", "the Ministry of Health in Gaza": the country or territory
        // it belongs to is part of the organisation's name, not a fragment beside it.
        const owner =
          o.type === "organization" &&
          /^(?:Ministry|Office|Department|Directorate|Council|Command)\b/.test(o.text)
            ? /^\s+(?:of|in)\s+(?:the\s+)?((?:\p{Lu}[\p{L}’'.-]*)(?:\s+\p{Lu}[\p{L}’'.-]*){0,2})/u.exec(
                body.slice(o.end, o.end + 60),
              )
            : null;
        // "the Health Ministry in Gaza", "the Gaza-based Health Ministry": a territory's ministry.
        const territorial = o.type === "organization" ? territorialMinistry(body, o) : null;
        if (territorial) {
          orgCandidates.push({ ...o, name: territorial });
          continue;
        }
        const place = owner?.[1] ? lookupSurface(owner[1]) : undefined;
        if (owner?.[1] && place?.type === "place") {
          const end = o.end + owner[0].length;
          orgCandidates.push({ ...o, end, text: body.slice(o.start, end) });
          continue;
        }
        orgCandidates.push(o);
      }
      // "around El Fasher, the capital of …", "the town of Alamata": a name in a place's position is a place.
      if (
        result.person &&
        !result.person.role &&
        !result.person.titled &&
        inPlacePosition(body, sentence.start, result.person)
      ) {
        orgCandidates.push({
          start: result.person.start,
          end: result.person.end,
          text: result.person.text,
          type: "place",
          kind: "place",
        });
        result.person = null;
      }
      if (result.person) {
        let role = result.person.role;
        // "French Ambassador to Chad, Paul Renard, …": the title stands before a comma.
        if (!role && titleOnlyRun && /^,\s+$/.test(body.slice(titleOnlyRun.end, result.person.start))) {
          role = titleOnlyRun.text;
        }
        role ??= lowercaseTitleBefore(body, sentence.start, result.person.start);
        role ??= appositiveRole(body, result.person.end, sentence.end);
        people.push({ ...result.person, role });
      }
      titleOnlyRun = result.titleOnly;
      i = spanEnd;
    }
  }

  linkPeople(body, people, records, mentions);

  for (const org of orgCandidates) {
    const name = org.name ?? org.text;
    const key = `${org.type}:${normalizeName(name)}`;
    const record = recordFor(records, key, name, org.type, org.kind);
    if (org.text !== name) record.aliases.add(org.text);
    const mention = { start: org.start, end: org.end, text: org.text, entity: record };
    record.mentions.push(mention);
    mentions.push(mention);
  }

  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return { entities: [...records.values()], mentions };
}

const PORTFOLIO = "health|defen[cs]e|interior|foreign|information|education|agriculture|social affairs";
const TERRITORY = "(\\p{Lu}[\\p{L}’'.-]*(?:\\s+\\p{Lu}[\\p{L}’'.-]*){0,2})";
// "Hamas-run Gaza", "rebel-held Idlib": who runs a territory is not part of its name.
const RUN_BY = "(?:[\\p{L}]+-(?:run|controlled|held|led)\\s+)?";
const MINISTRY_OF_TERRITORY = new RegExp(
  `^(?:the\\s+)?(?:(?:${RUN_BY}${TERRITORY}(?:-based|[’']s))\\s+)?(${PORTFOLIO})\\s+ministry(?:\\s+(?:in|of)\\s+(?:the\\s+)?${RUN_BY}${TERRITORY})?$`,
  "iu",
);

/**
 * A ministry that names no country, written with the territory it serves ("the Health Ministry in Gaza",
 * "the Gaza-based Health Ministry", "Hamas-run Gaza's health ministry"), is that territory's ministry:
 * "Gaza Health Ministry". Null when no known place qualifies it.
 */
export function territorialMinistryName(text: string): string | null {
  const m = MINISTRY_OF_TERRITORY.exec(text.trim());
  const place = m?.[1] ?? m?.[3];
  const portfolio = m?.[2];
  if (!place || !portfolio || (m?.[1] && m?.[3])) return null;
  // A country's ministry is named as the country names it; this is for territories that have no state.
  const entry = lookupSurface(place);
  if (entry?.type !== "place" || entry.kind === "country") return null;
  const title = portfolio.replace(/(^|\s)(\p{L})/gu, (_x, a: string, b: string) => a + b.toUpperCase());
  return `${place} ${title} Ministry`;
}

function territorialMinistry(body: string, o: { start: number; end: number; text: string }): string | null {
  const after =
    /^ +(?:in|of) +(?:the +)?(?:[\p{L}]+-(?:run|controlled|held|led) +)?\p{Lu}[\p{L}’'-]*(?: +\p{Lu}[\p{L}’'-]*){0,2}/u.exec(
      body.slice(o.end, o.end + 60),
    )?.[0];
  const before = /(?:[\p{L}]+-(?:run|controlled|held|led)\s+)?\p{Lu}[\p{L}.-]*[’']s\s+$/u.exec(
    body.slice(Math.max(0, o.start - 40), o.start),
  )?.[0];
  const tail = after?.replace(/\.+$/, "");
  for (const text of [o.text, tail ? o.text + tail : null, before ? before + o.text : null]) {
    if (!text) continue;
    // The longest reading that still names a known place wins ("… in Gaza" over the bare name).
    const name = territorialMinistryName(text);
    if (name) return name;
  }
  return null;
}

function paragraphStart(body: string, at: number): number {
  const nl = body.lastIndexOf("\n", at - 1);
  return nl < 0 ? 0 : nl + 1 + (/^\s*/.exec(body.slice(nl + 1, at))?.[0].length ?? 0);
}

const PLACE_BEFORE =
  /(?:\bthe\s+(?:[\p{Ll}-]+\s+){0,2}?(?:town|city|village|capital|port|province|region|district|camp|enclave|county|municipality|settlement|locality)\s+of|\b(?:[Nn]ear|[Aa]round|[Oo]utside|[Ii]nto|[Tt]owards?|[Aa]cross|[Ii]nside|[Tt]hroughout))\s+$/u;
const PLACE_AFTER =
  /^(?:,\s+(?:the|a)\s+(?:[\p{L}-]+\s+){0,2}(?:capital|city|town|village|port|seat|stronghold)\b|\s+(?:province|region|state|governorate|district|county|prefecture|township|oblast|town|village|camp|municipality)\b)/u;

function inPlacePosition(
  body: string,
  sentenceStart: number,
  span: { start: number; end: number; text: string },
): boolean {
  const first = span.text.split(/\s+/)[0] ?? "";
  const before = body.slice(Math.max(sentenceStart, span.start - 50), span.start);
  const after = body.slice(span.end, span.end + 50);
  if (
    PLACE_AFTER.test(after) ||
    /\bthe\s+(?:[\p{Ll}-]+\s+){0,2}?(?:town|city|village|capital|port|province|region|district|camp)\s+of\s+$/u.test(
      before,
    )
  )
    return true;
  return PLACE_BEFORE.test(before) && !isKnownFirstName(first) && !/[’']s$/.test(span.text);
}

function recordFor(
  records: Map<string, EntityRecord>,
  key: string,
  name: string,
  type: EntityType,
  kind: EntityRecord["kind"],
): EntityRecord {
  let record = records.get(key);
  if (!record) {
    record = { key, name, type, kind, aliases: new Set(), role: null, affiliation: null, mentions: [] };
    records.set(key, record);
  }
  return record;
}

interface GazetteerHit {
  entry: GazetteerEntry;
  start: number;
  end: number;
  /** Index of the first token after the match. */
  next: number;
}

/** Longest gazetteer alias starting at token `i`, over tokens separated by single spaces. */
export function matchGazetteer(body: string, tokens: Token[], i: number): GazetteerHit | null {
  const first = tokens[i];
  if (!first || !/^[\p{Lu}\d]/u.test(first.text)) return null;
  let words = "";
  const keys: { key: string; n: number }[] = [];
  for (let n = 1; n <= MAX_ALIAS_TOKENS && i + n - 1 < tokens.length; n++) {
    const token = tokens[i + n - 1] as Token;
    if (n > 1) {
      const gap = body.slice((tokens[i + n - 2] as Token).end, token.start);
      if (gap !== " " && gap !== "\u00a0") break;
    }
    if (/^[^\p{L}\d]$/u.test(token.text)) break;
    words = n === 1 ? token.text : `${words} ${token.text}`;
    if (!startsSurface(words) && !startsSurface(stripApostrophe(words))) break;
    keys.push({ key: words, n });
  }
  for (let k = keys.length - 1; k >= 0; k--) {
    const { key, n } = keys[k] as { key: string; n: number };
    const last = tokens[i + n - 1] as Token;
    let entry = lookupSurface(key);
    let end = last.end;
    // "Russia’s", "Zvezda’": the possessive or closing mark is not part of the name.
    if (!entry && /[’']s?$/.test(last.text)) {
      entry = lookupSurface(stripApostrophe(key));
      end = last.end - (last.text.length - stripApostrophe(last.text).length);
    }
    if (entry) return { entry, start: first.start, end, next: i + n };
  }
  return null;
}

/** End index (exclusive) of the capitalised run starting at `i`, with "of"/"for" inside organisation names. */
function buildSpan(body: string, tokens: Token[], i: number): number {
  let j = i + 1;
  if (isPossessive((tokens[i] as Token).text) && lookupSurface(stripApostrophe((tokens[i] as Token).text)))
    return j;
  while (j < tokens.length) {
    const prev = tokens[j - 1] as Token;
    const token = tokens[j] as Token;
    const gap = body.slice(prev.end, token.start);
    if (gap !== " " && gap !== "\u00a0") break;
    if (
      isCapitalised(token) ||
      (/^\d+(?:st|nd|rd|th)$/.test(token.text) && isCapitalised(tokens[j + 1] ?? token))
    ) {
      // A place's or person's possessive ends the name: "Russia’s Kursk region", "Ukraine’s 61st Brigade".
      if (isPossessive(prev.text) && lookupSurface(stripApostrophe(prev.text))) break;
      j++;
      if (isPossessive(token.text) && lookupSurface(stripApostrophe(token.text))) break;
      continue;
    }
    // Only after a capitalised word that is not an organisation's keyword: "Abdel Fattah al-Burhan".
    const particles = ORG_KEYWORDS.has(stripApostrophe(prev.text)) ? 0 : isNameParticle(tokens, j);
    if (particles && !isPossessive(prev.text)) {
      j += particles;
      if (JOINED_PARTICLE.test(token.text)) continue;
      j++;
      continue;
    }
    if (CONNECTORS.has(token.text) && ROLE_HEAD_FOR_CONNECTOR.has(stripApostrophe(prev.text))) {
      let k = j + 1;
      if (tokens[k]?.text === "the") k++;
      const next = tokens[k];
      if (next && isCapitalised(next) && body.slice(token.end, next.start).length <= 5) {
        j = k + 1;
        continue;
      }
    }
    break;
  }
  return j;
}

interface SpanAnalysis {
  gazetteer: { entry: GazetteerEntry; start: number; end: number }[];
  orgs: { start: number; end: number; text: string; type: EntityType; kind: EntityRecord["kind"] }[];
  person: Omit<PersonCandidate, "role"> & { role: string | null };
  titleOnly: { end: number; text: string } | null;
}

function isTitleWord(text: string): boolean {
  return TITLE_WORDS.has(text.toLowerCase());
}

function analyseSpan(
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
    (sentenceInitial ? isCommonWord((tokens[0] as Token).text) : isFunctionWord((tokens[0] as Token).text)) &&
    !isTitleWord((tokens[0] as Token).text)
  ) {
    if (matchGazetteer(body, tokens, 0)) break;
    // "North Korean …", "South Korean …": a demonym's first word is not a stray capital.
    const pair = tokens[1]
      ? `${(tokens[0] as Token).text} ${stripApostrophe((tokens[1] as Token).text)}`
      : "";
    if (pair && countryOfDemonym(pair)) break;
    tokens = tokens.slice(1);
  }
  if (!tokens.length) return out;
  const lastText = stripApostrophe((tokens[tokens.length - 1] as Token).text);

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
    // Only a head title ("Deputy Chairman of the …") is a person's; "National Intelligence Service" keeps its words.
    const prefix = tokens.slice(0, from).map((t) => t.text.toLowerCase());
    if (!prefix.some((w) => HEAD_TITLE_WORDS.has(w))) from = 0;
    const rest = tokens.slice(from);
    emitNamed(body, rest, out);
    return out;
  }

  // "Ministry of Health", "Office of the President": a keyword followed by "of" opens an organisation's name.
  if (tokens.length >= 3 && ORG_KEYWORDS.has((tokens[0] as Token).text) && tokens[1]?.text === "of") {
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
    // "Health Minister", "Interior Minister": the portfolio before a title belongs to the title.
    const nextToken = tokens[k + 1];
    if (
      nextToken &&
      HEAD_TITLE_WORDS.has(nextToken.text.toLowerCase()) &&
      !isKnownFirstName(token.text) &&
      !isKnownName(token.text)
    ) {
      k++;
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
    out.orgs.push({
      start: first.start,
      end: nameEnd,
      text: nameText,
      type: "organization",
      kind: "organization",
    });
    return out;
  }
  if (rest.length === 1) {
    if (isCommonWord(first.text)) return out;
    // A lone unknown word explained in brackets ("Vostokgrad (a volunteer unit …)") names an organisation.
    if (/^\s*\(/.test(body.slice(nameEnd, nameEnd + 3)) && !isKnownName(first.text)) {
      out.orgs.push({
        start: first.start,
        end: nameEnd,
        text: nameText,
        type: "organization",
        kind: "organization",
      });
      return out;
    }
    out.person = {
      start: first.start,
      end: nameEnd,
      text: nameText,
      role: null,
      titled: null,
      single: true,
      // Sentence-initial or unknown lone words survive only as the surname of a person named in full.
      tentative: !isKnownName(first.text),
    };
    return out;
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
  out.person = {
    start: first.start,
    end: nameEnd,
    text: nameText,
    role: null,
    titled: null,
    single: false,
    tentative: false,
  };
  return out;
}

/** Emits a keyword-ended name, splitting "X of the Y" when both are organisations. */
function emitNamed(body: string, tokens: Token[], out: Omit<SpanAnalysis, "person">): void {
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

const LOWER_TITLE =
  /((?:(?:\p{Lu}[\p{L}.’'-]*|of|the)\s+){0,4})((?:former|deputy|vice|chief|top|senior|acting|retired|defen[cs]e|foreign|prime|press|supreme|military|state)\s+)*(leader|governor|president|minister|spokesman|spokeswoman|spokesperson|lawmaker|ambassador|envoy|general|colonel|commander|chief|official|analyst|secretary|chairman|director|head|mayor|lieutenant|captain|sergeant)\s+$/u;

function lowercaseTitleBefore(body: string, sentenceStart: number, start: number): string | null {
  const before = body.slice(Math.max(sentenceStart, start - 80), start);
  const m = LOWER_TITLE.exec(before);
  if (!m) return null;
  return m[0].trim() || null;
}

const APPOSITIVE = /^,\s+(?:(?:a|an|the)\s+)?([^,.;()"“”]{3,90}?)(?=,|\.|;|\s+who\b|\s+and\s+(?:a|the)\b|$)/u;

function appositiveRole(body: string, end: number, sentenceEnd: number): string | null {
  const after = body.slice(end, Math.min(sentenceEnd, end + 120));
  const m = APPOSITIVE.exec(after);
  if (!m?.[1]) return null;
  const words = m[1].split(/\s+/).map((w) => w.toLowerCase().replace(/[’']s$/, ""));
  // Only a phrase headed by a title is a role ("Governor of Kursk", "a former British defense attaché").
  if (!words.some((w) => HEAD_TITLE_WORDS.has(w) || w === "colonel" || w === "chief")) return null;
  if (words.length > 12) return null;
  return m[1].trim();
}

const SURNAME_PARTICLE = /^(?:al|el|ad|ash|as|at|ar|an|az|abu|ben|bin|ibn)\s+(?=\S)/;

/** Full names become entities; lone surnames join the person they abbreviate. */
function linkPeople(
  body: string,
  people: PersonCandidate[],
  records: Map<string, EntityRecord>,
  mentions: EntityMention[],
): void {
  const full = people.filter((p) => !p.single);
  const bySurname = new Map<string, EntityRecord>();
  const add = (candidate: PersonCandidate, record: EntityRecord) => {
    const mention = { start: candidate.start, end: candidate.end, text: candidate.text, entity: record };
    record.mentions.push(mention);
    mentions.push(mention);
    if (candidate.text !== record.name) record.aliases.add(candidate.text);
    if (candidate.titled && candidate.titled !== record.name) record.aliases.add(candidate.titled);
    if (candidate.role && !record.role) record.role = candidate.role;
  };
  const byTokens = new Map<string, EntityRecord>();
  for (const candidate of full) {
    const normalized = normalizeName(candidate.text);
    const key = `person:${normalized}`;
    // "Goremykin Viktor" and "Viktor Goremykin" in one article: one person, named first name first.
    const tokens = normalized.split(" ").sort().join(" ");
    const same = records.has(key) ? undefined : byTokens.get(tokens);
    if (same) {
      const firstOf = (name: string) => name.split(/\s+/)[0] ?? "";
      if (isKnownFirstName(firstOf(candidate.text)) && !isKnownFirstName(firstOf(same.name))) {
        same.aliases.add(same.name);
        same.name = candidate.text;
      }
      add(candidate, same);
      continue;
    }
    const record = recordFor(records, key, candidate.text, "person", "person");
    byTokens.set(tokens, record);
    add(candidate, record);
    const parts = normalizeName(candidate.text).split(" ");
    const surname = parts[parts.length - 1];
    if (surname && !bySurname.has(surname)) bySurname.set(surname, record);
    // Korean order puts the family name first ("Park Min-ho" → "Park").
    const family = parts[0];
    if (family && parts.length >= 2 && /[-]/.test(candidate.text) && !bySurname.has(family))
      bySurname.set(family, record);
  }
  for (const candidate of people.filter((p) => p.single)) {
    const key = normalizeName(candidate.text);
    // "Al-Abed" after "Firas Al-Abed": a surname written with its particle.
    const linked = bySurname.get(key) ?? bySurname.get(key.replace(SURNAME_PARTICLE, ""));
    if (linked) {
      add(candidate, linked);
      continue;
    }
    if (candidate.tentative) continue;
    const record = recordFor(records, `person:${key}`, candidate.text, "person", "person");
    add(candidate, record);
  }
  void body;
}

/** The entity mentioned at or inside [start, end), by priority person > organisation > group > place. */
export function entityIn(index: EntityIndex, start: number, end: number): EntityRecord | null {
  const rank: Record<EntityType, number> = { person: 4, organization: 3, group: 2, place: 1 };
  let best: EntityRecord | null = null;
  for (const mention of index.mentions) {
    if (mention.start >= end) break;
    if (mention.start < start || mention.end > end) continue;
    if (!best || rank[mention.entity.type] > rank[best.type]) best = mention.entity;
  }
  return best;
}
