import type { EntityType, Metric, Precision, Qualifier, Rate } from "@headcount/shared";
import { extractClaims } from "./claims.ts";
import { inferPublished, parsePublished, type ResolvedDate } from "./dates.ts";
import { type EntityRecord, extractEntities } from "./entities.ts";
import { cleanArticle } from "./furniture.ts";
import { countryOfDemonym, lookupName, lookupSurface } from "./gazetteer.ts";
import { qualifyBareMinistries } from "./ministry-owner.ts";
import { splitSentences } from "./segment.ts";
import { groupVariants, nameVariantScore, normaliseRole, normalizeName } from "./variants.ts";

/** Bump when the output for the same input changes. */
export { EXTRACTOR_VERSION } from "./version.ts";

import { EXTRACTOR_VERSION } from "./version.ts";

export interface ExtractOptions {
  publishedAt?: string | Date | null;
  precision?: Precision | null;
  outlet?: string | null;
  url?: string | null;
  title?: string | null;
}

export interface ExtractedDate {
  /** YYYY-MM-DD, or YYYY-MM-01 for month precision. */
  date: string;
  precision: Precision;
}

export interface ExtractedVia {
  name: string;
  type: EntityType;
}

export interface ExtractedClaim {
  quote: string;
  start: number;
  end: number;
  prefix: string;
  suffix: string;
  valueLow: number | null;
  valueHigh: number | null;
  valueBest: number | null;
  qualifier: Qualifier;
  hedge: string | null;
  additional: boolean;
  metric: Metric;
  rate: Rate;
  subject: string;
  subjectEntity: string | null;
  location: string | null;
  source: string | null;
  sourceType: EntityType | null;
  via: ExtractedVia[];
  statedOn: ExtractedDate | null;
  refersFrom: ExtractedDate | null;
  refersTo: ExtractedDate | null;
  confidence: number;
  /** Index of the claim this one repeats (always an earlier one), or null for a claim of its own. */
  duplicateOf: number | null;
  /** Printed in the headline: start, end, prefix and suffix are offsets into the title, not the body. */
  inTitle: boolean;
}

export interface ExtractedMention {
  start: number;
  end: number;
  text: string;
}

export interface ExtractedEntity {
  name: string;
  type: EntityType;
  aliases: string[];
  role: string | null;
  affiliation: string | null;
  mentions: ExtractedMention[];
}

export interface ExtractedArticle {
  title: string;
  body: string;
  publishedAt: string | null;
  precision: Precision;
  outlet: string | null;
  claims: ExtractedClaim[];
  entities: ExtractedEntity[];
  extractorVersion: string;
}

export { cleanArticleText } from "./furniture.ts";
export { nameVariantScore, normalizeName } from "./variants.ts";

/** Text in (headline, optional `Source:`/`Date:` lines, body), claims and entities out. Pure and deterministic. */
export function extractArticle(text: string, options: ExtractOptions = {}): ExtractedArticle {
  const cleaned = cleanArticle(text);
  const body = cleaned.body;
  const title = options.title?.trim() || cleaned.title;
  const outlet = options.outlet?.trim() || cleaned.headers.source || cleaned.outlet || null;
  const published: ResolvedDate | null =
    parsePublished(options.publishedAt ?? null, options.precision ?? null) ??
    parsePublished(cleaned.headers.date ?? null, null) ??
    inferPublished(body);

  // The headline is read with the body (its figures are claims too, its names help resolve the body's), then
  // every offset is mapped back to the part it falls in.
  const shift = title ? title.length + 2 : 0;
  const full = title ? `${title}\n\n${body}` : body;
  const sentences = splitSentences(full);
  const index = extractEntities(full, sentences);
  qualifyBareMinistries(index, sentences, title.length);
  const found = extractClaims(full, sentences, index, published, title.length);
  const claims = inParts(found.claims, title, body, shift);
  const sources = found.sources.filter((s) => s.start >= shift);

  const entities = index.entities.map((e) => toExtractedEntity(e, shift));
  // Described speakers ("South Korean media", "a senior U.S. official") are entities too, of type group or person.
  for (const source of sources) {
    if (source.entity) continue;
    let entity = entities.find((e) => e.name === source.name && e.type === source.type);
    if (!entity) {
      const known = lookupName(source.name);
      entity = {
        name: source.name,
        type: source.type,
        aliases: [],
        role: null,
        affiliation: known?.affiliation ?? (source.type !== "place" ? affiliationInName(source.name) : null),
        mentions: [],
      };
      entities.push(entity);
    }
    const start = source.start - shift;
    const end = source.end - shift;
    const written = body.slice(start, end);
    if (!entity.mentions.some((m) => m.start === start)) entity.mentions.push({ start, end, text: written });
    if (written !== entity.name && !entity.aliases.includes(written)) entity.aliases.push(written);
  }
  for (const credit of cleaned.credits) {
    const known = entities.find((e) => e.name === credit.name);
    if (known) {
      if (credit.written !== known.name && !known.aliases.includes(credit.written))
        known.aliases.push(credit.written);
      continue;
    }
    entities.push({
      name: credit.name,
      type: "organization",
      aliases: credit.written === credit.name ? [] : [credit.written],
      role: "credit",
      affiliation: lookupName(credit.name)?.affiliation ?? null,
      mentions: [],
    });
  }
  if (outlet && !entities.some((e) => normalizeName(e.name) === normalizeName(outlet))) {
    entities.push({
      name: outlet,
      type: "organization",
      aliases: [],
      role: "outlet",
      affiliation: null,
      mentions: [],
    });
  }
  for (const entity of entities) {
    entity.mentions.sort((a, b) => a.start - b.start);
    entity.aliases.sort();
  }
  entities.sort(
    (a, b) =>
      (a.mentions[0]?.start ?? Number.MAX_SAFE_INTEGER) - (b.mentions[0]?.start ?? Number.MAX_SAFE_INTEGER) ||
      a.name.localeCompare(b.name),
  );

  return {
    title,
    body,
    publishedAt: published?.date ?? null,
    precision: published?.precision ?? "unknown",
    outlet,
    claims,
    entities,
    extractorVersion: EXTRACTOR_VERSION,
  };
}

/**
 * The side a name speaks for when the name itself says it: "U.S. Secretary of State" → United States,
 * "Ministry of Defence of Ukraine" → Ukraine, "Sudanese army spokesman" → Sudan.
 */
function affiliationInName(name: string): string | null {
  const owner = /\b(?:of|in)\s+(?:the\s+)?([\p{Lu}][\p{L}’'.-]*(?:\s+[\p{Lu}][\p{L}’'.-]*){0,2})$/u.exec(
    name,
  );
  const leading = /^(?:the\s+)?([\p{Lu}][\p{L}’'.-]*(?:\s+[\p{Lu}][\p{L}’'.-]*)?)/u.exec(name);
  for (const candidate of [owner?.[1], leading?.[1], leading?.[1]?.split(/\s+/)[0]]) {
    if (!candidate) continue;
    const bare = candidate.replace(/[’']s$/, "");
    const demonym = countryOfDemonym(bare);
    if (demonym) return demonym;
    const entry = lookupSurface(bare);
    if (entry?.kind === "country") return entry.name;
    if (entry?.type === "place" && entry.affiliation) return entry.affiliation;
  }
  return null;
}

function toExtractedEntity(record: EntityRecord, shift: number): ExtractedEntity {
  let affiliation = record.affiliation;
  if (!affiliation && record.role) {
    const places = [...normaliseRole(record.role).places];
    affiliation = places[0] ?? null;
  }
  if (!affiliation && record.type !== "place") affiliation = affiliationInName(record.name);
  return {
    name: record.name,
    type: record.type,
    aliases: [...record.aliases].filter((a) => a !== record.name),
    role: record.role,
    affiliation,
    mentions: record.mentions
      .filter((m) => m.start >= shift)
      .map((m) => ({ start: m.start - shift, end: m.end - shift, text: m.text })),
  };
}

/** Metrics a headline may word differently from its text ("surround the border" for troops stationed there). */
const HEADLINE_KIN: Metric[][] = [
  ["deployed", "present", "planned_deployment"],
  ["killed", "casualties"],
];

/**
 * The body's claim a headline figure restates: the same number counting the same thing, else a kindred
 * thing (the lede's, when several), else the only claim with that number.
 */
/** "Five killed" in a headline is not the body's "five wounded": two harms are two figures. */
const HARMS = new Set(["killed", "wounded", "captured", "missing"]);
const distinctHarms = (a: string, b: string): boolean => a !== b && HARMS.has(a) && HARMS.has(b);

function bodyRepeat(c: ExtractedClaim, bodyRoots: ExtractedClaim[]): ExtractedClaim | null {
  const value = c.valueLow ?? c.valueHigh;
  if (value === null) return null;
  // A rate is not compared: "27 killed in 24 hours" is a day's toll in a headline and a total in the text.
  // "Six more are missing" in the text is still the headline's "six missing".
  // "Up to 15,000 dead" over "10,000 to 15,000 people killed": a range's end quoted alone is another figure.
  const same = bodyRoots.filter(
    (b) =>
      (b.valueLow === value || b.valueHigh === value) &&
      !(b.qualifier === "range" && (b.valueLow !== c.valueLow || b.valueHigh !== c.valueHigh)) &&
      (c.valueHigh === null ||
        c.valueLow === null ||
        b.valueLow === c.valueLow ||
        b.valueHigh === c.valueHigh),
  );
  const kin = HEADLINE_KIN.find((group) => group.includes(c.metric)) ?? [c.metric];
  return (
    same.find((b) => b.metric === c.metric) ??
    same.find((b) => kin.includes(b.metric)) ??
    (same.length === 1 && !distinctHarms(c.metric, (same[0] as ExtractedClaim).metric)
      ? (same[0] as ExtractedClaim)
      : null)
  );
}

/**
 * Claims found in `title + "\n\n" + body` (the body's first, the headline's after them), with offsets into
 * the part each is printed in. A headline figure the body gives too is that claim's headline appearance.
 */
function inParts(claims: ExtractedClaim[], title: string, body: string, shift: number): ExtractedClaim[] {
  if (!shift) return claims;
  const bodyRoots = claims.filter((c) => !c.inTitle && c.duplicateOf === null);
  return claims.map((c) => {
    if (!c.inTitle) {
      const start = c.start - shift;
      const end = c.end - shift;
      return {
        ...c,
        start,
        end,
        prefix: body.slice(Math.max(0, start - 32), start),
        suffix: body.slice(end, end + 32),
      };
    }
    // "… Kill 11 Civilians" over "at least 11 civilians were killed": the headline shortens the lede, and
    // the claim keeps the body's interval, hedge and speaker.
    const repeats = c.duplicateOf === null ? bodyRepeat(c, bodyRoots) : null;
    const located = {
      ...c,
      prefix: title.slice(Math.max(0, c.start - 32), c.start),
      suffix: title.slice(c.end, c.end + 32),
    };
    // "Lebanon reports five killed" over "Lebanon's health ministry said …": the country's body that speaks.
    const official = c.sourceType === "place" && c.source ? countryBody(c.source, bodyRoots) : null;
    if (official)
      Object.assign(located, { source: official.source, sourceType: official.sourceType, via: official.via });
    if (!repeats) return located;
    // "Over 50 killed" over "fifty people have been killed": the hedge the headline prints is its own.
    const ownHedge = c.qualifier !== "exact" && repeats.qualifier === "exact";
    return {
      ...located,
      ...(ownHedge
        ? {}
        : {
            valueLow: repeats.valueLow,
            valueHigh: repeats.valueHigh,
            valueBest: repeats.valueBest,
            qualifier: repeats.qualifier,
            hedge: repeats.hedge,
          }),
      // A headline that names no speaker prints the body's claim, said by whoever the body says.
      ...(c.source === null
        ? { source: repeats.source, sourceType: repeats.sourceType, via: repeats.via }
        : {}),
      duplicateOf: claims.indexOf(repeats),
    };
  });
}

/** The first body claim said by a body of `country` ("Lebanon's health ministry", "the Lebanese army"). */
function countryBody(country: string, body: ExtractedClaim[]): ExtractedClaim | null {
  return (
    body.find((b) => {
      if (!b.source || (b.sourceType !== "organization" && b.sourceType !== "group")) return false;
      const owner =
        /^(?:the\s+)?(\p{Lu}[\p{L}-]*(?:\s+\p{Lu}[\p{L}-]*)?)(?:[’']s)?\s/u.exec(b.source)?.[1] ?? "";
      return owner === country || countryOfDemonym(owner) === country;
    }) ?? null
  );
}

/** Groups entities (e.g. from many articles) whose names are variants of one another. */
export function groupEntityVariants(
  entities: ExtractedEntity[],
  threshold = 0.75,
): { canonical: ExtractedEntity; members: ExtractedEntity[]; score: number }[] {
  return groupVariants(entities, threshold);
}

void nameVariantScore;
