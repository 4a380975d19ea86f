import type { EntityType } from "@headcount/shared";
import { type GazetteerEntry, type GazetteerKind, lookupSurface } from "./gazetteer.ts";
import { MINISTRY_GUARD, POSSESSIVE_GUARD } from "./guard-words.ts";
import { isKnownFirstName } from "./lexicon.ts";
import { buildSpan, isCapitalised, matchGazetteer } from "./name-runs.ts";
import { analyseSpan, appositiveRole, lowercaseTitleBefore, type PersonCandidate } from "./name-spans.ts";
import type { Sentence, Token } from "./segment.ts";
import { tokenize } from "./segment.ts";
import { normalizeName, skeleton } from "./variants.ts";

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
      const lead = token.text.charCodeAt(0);
      const ordinalStart =
        lead >= 48 &&
        lead <= 57 &&
        /^\d+(?:st|nd|rd|th)$/.test(token.text) &&
        isCapitalised(tokens[i + 1] ?? token);
      if (!isCapitalised(token) && !ordinalStart) {
        i++;
        continue;
      }
      // A dateline in capitals ("KHARTOUM, Sept 18", "EL FASHER, Sudan", "GAO (AFP) -") names a place.
      // Within a sentence only a word in capitals after no lower-case word can be one: "according to PICSS, …"
      // names a body in running text.
      if (
        /^\p{Lu}{2,}$/u.test(token.text) &&
        (i === 0 || (/^\p{Lu}{4,}$/u.test(token.text) && !/^\p{Ll}/u.test((tokens[i - 1] as Token).text)))
      ) {
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
      // A dateline in title case opening a paragraph ("Addis Abeba – A drone strike …") names a place too.
      const titled = i === 0 ? titleCaseDateline(body, tokens, sentence.start) : 0;
      if (titled > 0) {
        const last = tokens[titled - 1] as Token;
        const text = body.slice(token.start, last.end);
        const known = lookupSurface(text);
        if (known?.type === "place") addGazetteer(known, token.start, last.end);
        else if (!known)
          orgCandidates.push({ start: token.start, end: last.end, text, type: "place", kind: "place" });
        if (!known || known.type === "place") {
          i = titled;
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

  // "the town of Finote Selam … a doctor at Finote Selam Hospital": a name the article placed is a place.
  const placed = new Set(orgCandidates.filter((o) => o.type === "place").map((o) => normalizeName(o.text)));
  for (const person of placed.size ? people.filter((p) => placed.has(normalizeName(p.text))) : []) {
    orgCandidates.push({
      start: person.start,
      end: person.end,
      text: person.text,
      type: "place",
      kind: "place",
    });
    people.splice(people.indexOf(person), 1);
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
  // Only a ministry is one ("ministry" in any case, folded as the pattern folds it).
  if (!MINISTRY_GUARD.test(text)) return null;
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
  const lead = body.slice(Math.max(0, o.start - 40), o.start);
  const before = !POSSESSIVE_GUARD.test(lead)
    ? undefined
    : /(?:[\p{L}]+-(?:run|controlled|held|led)\s+)?\p{Lu}[\p{L}.-]*[’']s\s+$/u.exec(lead)?.[0];
  const tail = after?.replace(/\.+$/, "");
  for (const text of [o.text, tail ? o.text + tail : null, before ? before + o.text : null]) {
    if (!text) continue;
    // The longest reading that still names a known place wins ("… in Gaza" over the bare name).
    const name = territorialMinistryName(text);
    if (name) return name;
  }
  return null;
}

/**
 * The end (token index) of a dateline in title case: one to three capitalised words that open a paragraph,
 * then a dash and a capital ("Addis Abeba – A drone strike"). 0 when there is none.
 */
function titleCaseDateline(body: string, tokens: Token[], sentenceStart: number): number {
  if (sentenceStart !== paragraphStart(body, sentenceStart)) return 0;
  let k = 0;
  while (k < 3 && tokens[k] && isCapitalised(tokens[k] as Token)) {
    const after = body.slice((tokens[k] as Token).end, (tokens[k] as Token).end + 4);
    if (/^\s[—–-]{1,2}\s\p{Lu}/u.test(after)) return k + 1;
    if (!tokens[k + 1] || body.slice((tokens[k] as Token).end, (tokens[k + 1] as Token).start) !== " ")
      return 0;
    k++;
  }
  return 0;
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
    /(?:\bthe|[’']s)\s+(?:[\p{Ll}-]+\s+){0,2}?(?:town|city|village|capital|port|province|region|district|camp)\s+of\s+$/u.test(
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
  const byInner = new Map<string, EntityRecord | null>();
  const bySkeleton = new Map<string, EntityRecord | null>();
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
    // "Zelensky" after "Volodymyr Zelenskyy": one romanisation for another.
    if (surname && surname.length >= 5) {
      const sk = skeleton(surname);
      bySkeleton.set(sk, bySkeleton.has(sk) && bySkeleton.get(sk) !== record ? null : record);
    }
    // Korean order puts the family name first ("Park Min-ho" → "Park").
    const family = parts[0];
    if (family && parts.length >= 2 && /[-]/.test(candidate.text) && !bySurname.has(family))
      bySurname.set(family, record);
    // "Philip Thon Leek Deng … Leek told Xinhua": a long name's inner part may be the one used alone.
    for (const inner of parts.length >= 3 ? parts.slice(1, -1) : [])
      if (inner.length >= 3 && !SURNAME_PARTICLE.test(`${inner} x`))
        byInner.set(inner, byInner.has(inner) && byInner.get(inner) !== record ? null : record);
  }
  for (const candidate of people.filter((p) => p.single)) {
    const key = normalizeName(candidate.text);
    // "Al-Abed" after "Firas Al-Abed": a surname written with its particle.
    const linked =
      bySurname.get(key) ??
      bySurname.get(key.replace(SURNAME_PARTICLE, "")) ??
      byInner.get(key) ??
      (key.length >= 5 && !key.includes(" ") ? bySkeleton.get(skeleton(key)) : undefined);
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
