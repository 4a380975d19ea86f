import type { EntityIndex, EntityMention } from "./entities.ts";
import { countryOfDemonym, lookupSurface, ORG_KEYWORDS, TITLE_WORDS } from "./gazetteer.ts";
import { isKnownFirstName } from "./lexicon.ts";
import { firstFrom } from "./mention-lookup.ts";

/**
 * The place a number refers to: a place named after it in its clause ("to the Kursk region", "in eastern
 * Russia", "on the eastern front"), "the area" resolved to the last region named, or a place the clause
 * opens with ("In Kursk, …"). Inheritance from earlier claims and sentences is decided by the caller.
 */

export interface FoundLocation {
  name: string;
  start: number;
  end: number;
  /** Recognised from the construction only (not in the gazetteer): less certain. */
  inferred?: boolean;
}

// A place the gazetteer does not know, recognised from how news copy names places: "around El Fasher",
// "near the town of Alamata", "into North Kivu province", "El Fasher, the capital of North Darfur".
const PLACE_WORD = "(?:(?:al|el|as|ad|an|ar|ash)-)?\\p{Lu}[\\p{Ll}\\p{Lu}’'-]*[\\p{Ll}]";
const PLACE_NAME = `${PLACE_WORD}(?:\\s+(?:(?:al|el|de|du|la|le|sur)\\s+)?${PLACE_WORD}){0,3}`;
const SETTLEMENT =
  "(?:town|city|village|capital|port|province|region|state|district|camp|area|enclave|county|municipality|settlement|locality|hamlet|outskirts|neighbou?rhood|suburb|governorate|oblast)";
const UNKNOWN_PLACE = new RegExp(
  `\\b([Ii]n|[Nn]ear|[Aa]round|[Oo]utside|[Ii]nto|[Tt]oward|[Tt]owards|[Aa]cross|[Aa]t|[Ff]rom|[Ii]nside|[Tt]hroughout|[Oo]f)\\s+(?:the\\s+(?:[\\p{Ll}-]+\\s+){0,2}?(${SETTLEMENT})\\s+of\\s+)?(${PLACE_NAME})(\\s+(?:[Pp]rovince|[Rr]egion|[Ss]tate|[Oo]blast|[Gg]overnorate|[Dd]istrict|[Cc]ounty|[Pp]refecture|[Tt]ownship))?(?![\\p{L}’'])`,
  "gu",
);
const NOT_PLACE =
  /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Christmas|Easter|Ramadan|Eid|English|Arabic|The|This|That|It|Its|They|He|She|We|I|A|An|All|Some|Many|Most|One|First|Last|Total|Western|Eastern|Northern|Southern|Central|Operation|Exercise|Mr|Mrs|Ms|Dr)$/;

function unknownPlaceAt(
  body: string,
  index: EntityIndex,
  m: RegExpExecArray,
  offset: number,
): FoundLocation | null {
  const preposition = (m[1] ?? "").toLowerCase();
  const settlement = m[2] ?? null;
  let name = m[3] ?? "";
  const suffix = m[4] ?? "";
  const start = offset + m.index + m[0].length - suffix.length - name.length;
  // "of" only introduces a place after "the town of"; a bare "of X" is usually a name or an organisation.
  if (preposition === "of" && !settlement) return null;
  const words = name.split(/\s+/);
  // Trailing connectors are not part of the name.
  name = words.join(" ");
  const end = start + name.length;
  const after = body.slice(end + suffix.length, end + suffix.length + 40);
  const strong =
    settlement !== null ||
    suffix !== "" ||
    /^,\s+(?:the|a)\s+(?:[\p{L}-]+\s+){0,2}(?:capital|city|town|village|port|seat|province|region|stronghold)\b/iu.test(
      after,
    );
  if (words.some((w) => NOT_PLACE.test(w.replace(/[’']s$/, "")))) return null;
  // "Smith's unit": a possessive is a person's or an organisation's more often than a place's.
  if (/[’']s$/.test(name)) return null;
  if (/^[’']s\b/.test(after) && !strong) return null;
  if (TITLE_WORDS.has((words[0] as string).toLowerCase())) return null;
  if (ORG_KEYWORDS.has(words[words.length - 1] as string)) return null;
  if (words.length === 1 && countryOfDemonym(name)) return null;
  const known = lookupSurface(name);
  if (known && known.type !== "place") return null;
  // From the first mention that could reach the name (a name is far shorter than 200 characters), not from
  // the article's first: an article of thousands of places stays linear.
  for (let i = firstFrom(index.mentions, start - 200); i < index.mentions.length; i++) {
    const mention = index.mentions[i] as EntityMention;
    if (mention.end <= start) continue;
    if (mention.start >= end) break;
    const entity = mention.entity;
    if (entity.type === "organization" || entity.type === "group") return null;
    if (entity.type === "person" && !strong) {
      // A person named elsewhere, with a role or a known first name, is not a place.
      if (entity.role || isKnownFirstName(entity.name.split(/\s+/)[0] ?? "") || entity.mentions.length > 1)
        return null;
    }
  }
  if (known) return { name: known.name, start, end };
  const full = suffix ? `${name}${suffix.replace(/^\s+/, " ")}` : name;
  return { name: full, start, end: end + suffix.length, inferred: true };
}

/** Places not in the gazetteer named in body[from, to). */
export function unknownPlaces(body: string, index: EntityIndex, from: number, to: number): FoundLocation[] {
  const text = body.slice(from, to);
  const found: FoundLocation[] = [];
  UNKNOWN_PLACE.lastIndex = 0;
  for (let m = UNKNOWN_PLACE.exec(text); m; m = UNKNOWN_PLACE.exec(text)) {
    const place = unknownPlaceAt(body, index, m, from);
    if (place) found.push(place);
  }
  return found;
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
  // Mentions are in text order: start at the first one inside by halving, stop after the end.
  const out: EntityMention[] = [];
  const mentions = index.mentions;
  for (let i = firstFrom(mentions, start); i < mentions.length; i++) {
    const m = mentions[i] as EntityMention;
    if (m.start > end) break;
    if (m.entity.type === "place" && m.end <= end) out.push(m);
  }
  return out;
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
  const guessed = unknownPlaces(body, index, subjectEnd, clauseEnd)[0];
  if (
    guessed &&
    guessed.start < frontAt &&
    (!chosen ||
      guessed.start < chosen.start ||
      (guessed.start === chosen.start && !chosen.entity.key.startsWith("g:")))
  )
    return guessed;
  if (chosen && chosen.start < frontAt)
    return {
      name: placeName(body, chosen),
      start: chosen.start,
      end: chosen.end,
      inferred: !chosen.entity.key.startsWith("g:"),
    };
  if (front?.[1]) return { name: front[1].toLowerCase(), start: frontAt, end: frontAt + front[0].length };

  // "killed in the city since May": the last town or city named before.
  const settlement =
    /\b(?:in|to|into|at|near|inside|around|outside)\s+the\s+(city|town|village|camp)\b/i.exec(after);
  if (settlement) {
    const at = subjectEnd + settlement.index;
    const cities = index.mentions.filter(
      (m) => m.entity.type === "place" && m.entity.kind === "city" && m.end <= at,
    );
    const lastCity = cities[cities.length - 1];
    const guesses = unknownPlaces(body, index, Math.max(0, at - 3000), at);
    const lastGuess = guesses[guesses.length - 1];
    if (lastGuess && (!lastCity || lastGuess.start > lastCity.start)) return lastGuess;
    if (lastCity) return { name: lastCity.entity.name, start: lastCity.start, end: lastCity.end };
  }
  const area = AREA.exec(after);
  if (area?.[1]) {
    const wantCountry = /country/i.test(area[1]);
    const earlier = index.mentions.filter(
      (m) => m.entity.type === "place" && m.end <= subjectEnd + area.index,
    );
    const at = subjectEnd + area.index;
    const lastGuess = wantCountry ? undefined : unknownPlaces(body, index, Math.max(0, at - 3000), at).pop();
    const lastKnown = [...earlier].reverse().find((m) => wantCountry === (m.entity.kind === "country"));
    if (lastGuess && (!lastKnown || lastGuess.start > lastKnown.start)) return lastGuess;
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
  // The sentence's opening and the clause, each read on its own: a figure late in a long sentence does not
  // read the whole sentence again.
  const openingGuess = [
    ...(sentenceStart < clauseStart
      ? unknownPlaces(
          body,
          index,
          sentenceStart,
          Math.min(quantityStart, clauseStart, sentenceStart + 160),
        ).filter((p) => p.start - sentenceStart < 40)
      : []),
    ...unknownPlaces(body, index, clauseStart, quantityStart).filter(
      (p) => p.start >= clauseStart || p.start - sentenceStart < 40,
    ),
  ].pop();
  const lastOpening = opening[opening.length - 1];
  if (openingGuess && (!lastOpening || openingGuess.start > lastOpening.start)) {
    const before = body.slice(
      Math.max(Math.min(clauseStart, sentenceStart), openingGuess.start - 40),
      openingGuess.start,
    );
    if (
      /\b(?:in|at|near|inside|across|within|around|outside)\s+(?:the\s+(?:[\p{L}-]+\s+){0,3})?$/iu.test(
        before,
      )
    )
      return openingGuess;
  }
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
