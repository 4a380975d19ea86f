import type { EntityIndex, EntityMention } from "./entities.ts";

/**
 * The place a number refers to: a place named after it in its clause ("to the Kursk region", "in eastern
 * Russia", "on the eastern front"), "the area" resolved to the last region named, or a place the clause
 * opens with ("In Kursk, …"). Inheritance from earlier claims and sentences is decided by the caller.
 */

export interface FoundLocation {
  name: string;
  start: number;
  end: number;
}

const DIRECTION =
  "(?:north|south|east|west|central|north-?eastern|north-?western|south-?eastern|south-?western|northern|southern|eastern|western|far[- ]eastern)";
const FRONT = new RegExp(
  `\\b(?:on|at|along|to|near|toward|towards|across)\\s+the\\s+(${DIRECTION}\\s+front(?:[- ]?lines?)?)\\b`,
  "i",
);
const DIRECTION_BEFORE = new RegExp(`\\b(${DIRECTION})\\s+$`, "i");
const PREPOSITION_BEFORE =
  /\b(?:in|into|to|toward|towards|at|near|inside|across|within|from|of|on|along|throughout)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}$/iu;
const AREA =
  /\b(?:in|to|into|at|near|inside|across)\s+(the area|the region|the territory|the province|the oblast|the country|there)\b/i;

function placeName(body: string, mention: EntityMention): string {
  const before = body.slice(Math.max(0, mention.start - 20), mention.start);
  const direction = DIRECTION_BEFORE.exec(before);
  // "eastern Russia" is narrower than Russia; a direction before a region's own name adds nothing.
  if (direction?.[1] && mention.entity.kind === "country")
    return `${direction[1].toLowerCase()} ${mention.entity.name}`;
  return mention.entity.name;
}

function placesIn(index: EntityIndex, start: number, end: number): EntityMention[] {
  return index.mentions.filter((m) => m.entity.type === "place" && m.start >= start && m.end <= end);
}

export function findLocation(
  body: string,
  index: EntityIndex,
  clauseStart: number,
  clauseEnd: number,
  subjectEnd: number,
  quantityStart: number,
  sentenceStart: number = clauseStart,
): FoundLocation | null {
  const after = body.slice(subjectEnd, clauseEnd);
  const front = FRONT.exec(after);
  const places = placesIn(index, subjectEnd, clauseEnd);
  const frontAt = front ? subjectEnd + front.index : Number.POSITIVE_INFINITY;
  let chosen: EntityMention | undefined;
  for (let i = 0; i < places.length; i++) {
    const place = places[i] as EntityMention;
    if (!PREPOSITION_BEFORE.test(body.slice(Math.max(clauseStart, place.start - 40), place.start))) continue;
    // "to Russia’s Kursk region": the possessed place is the narrower one.
    const next = places[i + 1];
    if (/^[’']s\s/.test(body.slice(place.end, place.end + 3)) && next && next.start - place.end <= 6) {
      chosen = next;
      break;
    }
    chosen = place;
    break;
  }
  if (chosen && chosen.start < frontAt)
    return { name: placeName(body, chosen), start: chosen.start, end: chosen.end };
  if (front?.[1]) return { name: front[1].toLowerCase(), start: frontAt, end: frontAt + front[0].length };

  const area = AREA.exec(after);
  if (area?.[1]) {
    const wantCountry = /country/i.test(area[1]);
    const earlier = index.mentions.filter(
      (m) => m.entity.type === "place" && m.end <= subjectEnd + area.index,
    );
    for (let i = earlier.length - 1; i >= 0; i--) {
      const m = earlier[i] as EntityMention;
      if (wantCountry === (m.entity.kind === "country"))
        return { name: m.entity.name, start: m.start, end: m.end };
    }
  }

  // "In the Kursk region, 500 troops …": a place the clause or the sentence opens with.
  const opening = placesIn(index, Math.min(clauseStart, sentenceStart), quantityStart).filter(
    (p) => p.start >= clauseStart || p.start - sentenceStart < 40,
  );
  for (let i = opening.length - 1; i >= 0; i--) {
    const place = opening[i] as EntityMention;
    const before = body.slice(Math.max(Math.min(clauseStart, sentenceStart), place.start - 30), place.start);
    if (/\b(?:in|at|near|inside|across|within)\s+(?:the\s+)?(?:[\p{L}-]+\s+){0,2}$/iu.test(before)) {
      return { name: placeName(body, place), start: place.start, end: place.end };
    }
  }
  return null;
}

/** The last place a sentence sends people to or puts them in: a fallback for claims that name none. */
export function lastDestination(body: string, index: EntityIndex, start: number, end: number): string | null {
  const places = placesIn(index, start, end);
  for (let i = places.length - 1; i >= 0; i--) {
    const place = places[i] as EntityMention;
    if (/^[’']s\b/.test(body.slice(place.end, place.end + 2))) continue;
    if (PREPOSITION_BEFORE.test(body.slice(Math.max(start, place.start - 40), place.start)))
      return placeName(body, place);
  }
  return null;
}
