import type { EntityType } from "@headcount/shared";

/**
 * General world knowledge the extractor may rely on: countries, capitals and regions, agencies, armed
 * forces, news agencies and titles. Nothing here is specific to one article or one story; people are
 * never listed (they are recognised from capitalisation, titles and context instead).
 */

export type GazetteerKind =
  | "country"
  | "region"
  | "city"
  | "agency"
  | "military"
  | "armed"
  | "news"
  | "intl"
  | "party";

export interface GazetteerEntry {
  name: string;
  type: EntityType;
  kind: GazetteerKind;
  aliases: string[];
  /** The country or side the entity speaks for (Pentagon → United States). */
  affiliation?: string;
  demonyms?: string[];
}

import { MORE_COUNTRIES } from "./gazetteer-countries.ts";
import { ORGANIZATIONS } from "./gazetteer-organisations.ts";
import { CITIES, COUNTRIES as LISTED_COUNTRIES, OBLASTS, REGIONS } from "./gazetteer-places.ts";

const COUNTRIES = [...LISTED_COUNTRIES, ...MORE_COUNTRIES];

import { isSpaceCode } from "./segment.ts";

export const GAZETTEER: GazetteerEntry[] = buildGazetteer();

function buildGazetteer(): GazetteerEntry[] {
  const entries: GazetteerEntry[] = [];
  for (const [name, aliases, demonyms, capital] of COUNTRIES) {
    entries.push({ name, type: "place", kind: "country", aliases, demonyms });
    if (capital) entries.push({ name: capital, type: "place", kind: "city", aliases: [], affiliation: name });
  }
  for (const [base, country] of OBLASTS) {
    entries.push({
      name: `${base} Oblast`,
      type: "place",
      kind: "region",
      affiliation: country,
      aliases: [
        base,
        `${base} oblast`,
        `${base} region`,
        `${base} Region`,
        `${base} province`,
        `${base} Province`,
      ],
    });
  }
  for (const [name, aliases, country] of REGIONS) {
    entries.push({ name, type: "place", kind: "region", aliases, affiliation: country });
  }
  for (const [name, aliases, country] of CITIES) {
    entries.push({ name, type: "place", kind: "city", aliases, affiliation: country });
  }
  for (const [name, aliases, affiliation, kind] of ORGANIZATIONS) {
    const entry: GazetteerEntry = { name, type: "organization", kind, aliases };
    if (affiliation) entry.affiliation = affiliation;
    entries.push(entry);
  }
  return entries;
}

/**
 * Whether a surface needs rewriting: a curly quote or backtick, a space other than " ", two spaces in a
 * row, or a space at either end (a character loop: this runs for every word that might start a name).
 */
function isOddSurface(text: string): boolean {
  const last = text.length - 1;
  let previousSpace = false;
  for (let i = 0; i <= last; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2019 || code === 0x2018 || code === 0x60) return true;
    const space = isSpaceCode(code);
    if (space && (code !== 32 || previousSpace || i === 0 || i === last)) return true;
    previousSpace = space;
  }
  return false;
}

/** Normalises a surface form for lookups: curly apostrophes straightened, spaces collapsed. */
export function surfaceKey(text: string): string {
  // Most names are already in key form: skip the rewrites then.
  if (!isOddSurface(text)) return text;
  return text.replace(/[’‘`]/g, "'").replace(/\s+/g, " ").trim();
}

const BY_SURFACE = new Map<string, GazetteerEntry>();
const BY_SURFACE_LOWER = new Map<string, GazetteerEntry>();
const BY_NAME = new Map<string, GazetteerEntry>();
const DEMONYMS = new Map<string, string>();
/** Every leading run of words of every name, in lower case: a longer name cannot start where none does. */
const SURFACE_PREFIXES = new Set<string>();
let maxAliasTokens = 1;
for (const entry of GAZETTEER) {
  BY_NAME.set(entry.name.toLowerCase(), entry);
  for (const surface of [entry.name, ...entry.aliases]) {
    const key = surfaceKey(surface);
    if (!BY_SURFACE.has(key)) BY_SURFACE.set(key, entry);
    if (!BY_SURFACE_LOWER.has(key.toLowerCase())) BY_SURFACE_LOWER.set(key.toLowerCase(), entry);
    // Articles write "The Pentagon", "the Kremlin": the determiner is not part of the name.
    const words = key.toLowerCase().split(" ");
    maxAliasTokens = Math.max(maxAliasTokens, words.length);
    for (let n = 1; n <= words.length; n++) SURFACE_PREFIXES.add(words.slice(0, n).join(" "));
  }
  for (const demonym of entry.demonyms ?? []) DEMONYMS.set(demonym, entry.name);
}

export const MAX_ALIAS_TOKENS = maxAliasTokens;

/**
 * The gazetteer entry written this way, if any. Case matters for one word ("US" is not "us"); names of
 * several words also match in any case ("Russia's defence ministry").
 */
export function lookupSurface(text: string): GazetteerEntry | undefined {
  const key = surfaceKey(text);
  const exact = BY_SURFACE.get(key);
  // "Al-Shabab said …": a joined particle capitalised at the start of a sentence is the name written "al-Shabab".
  if (!exact && /^(?:Al|El|Ad|Ash|As|At|Ar|An|Az)[-‑]\p{Lu}/u.test(key)) {
    const particle = BY_SURFACE.get(key.charAt(0).toLowerCase() + key.slice(1));
    if (particle) return particle;
  }
  if (exact || !key.includes(" ") || !/^\p{Lu}/u.test(key)) return exact;
  return BY_SURFACE_LOWER.get(key.toLowerCase());
}

/** Whether some gazetteer name begins with these words (any case), so that reading on may still match. */
export function startsSurface(words: string): boolean {
  return SURFACE_PREFIXES.has(surfaceKey(words).toLowerCase());
}

/** The gazetteer entry with this canonical name (case-insensitive). */
export function lookupName(name: string): GazetteerEntry | undefined {
  return BY_NAME.get(name.toLowerCase());
}

const CAPITALS = new Set(COUNTRIES.flatMap(([, , , capital]) => (capital ? [capital.toLowerCase()] : [])));

/**
 * A place that can speak: a country, or the capital that stands for its government ("Kyiv said",
 * "Washington says"). A town, region or province reports nothing itself.
 */
export function speaksForGovernment(name: string): boolean {
  const entry = lookupName(name);
  if (entry?.type !== "place") return false;
  return entry.kind === "country" || (entry.kind === "city" && CAPITALS.has(entry.name.toLowerCase()));
}

/** "North Korean" → "North Korea". */
export function countryOfDemonym(word: string): string | undefined {
  return DEMONYMS.get(word);
}

export const DEMONYM_LIST: string[] = [...DEMONYMS.keys()].sort((a, b) => b.length - a.length);

/** Title words that on their own make a role (the rest only qualify one: "Defense", "Foreign"…). */
export const HEAD_TITLE_WORDS = new Set([
  "president",
  "minister",
  "secretary",
  "secretary-general",
  "commander-in-chief",
  "general",
  "gen.",
  "col.",
  "colonel",
  "maj.",
  "major",
  "capt.",
  "captain",
  "admiral",
  "adm.",
  "sergeant",
  "sgt.",
  "commander",
  "cmdr.",
  "chief",
  "chairman",
  "chairwoman",
  "director",
  "leader",
  "governor",
  "gov.",
  "ambassador",
  "envoy",
  "spokesman",
  "spokeswoman",
  "spokesperson",
  "senator",
  "sen.",
  "rep.",
  "representative",
  "lawmaker",
  "mayor",
  "chancellor",
  "premier",
  "marshal",
  "brigadier",
  "head",
  "king",
  "queen",
  "prince",
  "dr.",
  "mr.",
  "mrs.",
  "ms.",
  "prof.",
  "commissioner",
  "attaché",
  "attache",
  "officer",
  "official",
  "analyst",
  "adviser",
  "advisor",
  "undersecretary",
]);

/**
 * Titles and ranks that precede or follow a person's name: the head titles, and the words that only qualify
 * one. Multi-word titles are matched token by token, so "Deputy Minister of Defense" and "Defense Minister"
 * are both recognised.
 */
export const TITLE_WORDS = new Set([
  ...HEAD_TITLE_WORDS,
  "vice",
  "prime",
  "ministers",
  "lt.",
  "lieutenant",
  "asp",
  "dsp",
  "csp",
  "acp",
  "dcp",
  "superintendent",
  "inspector",
  "insp.",
  "chair",
  "deputy",
  "press",
  "field",
  "foreign",
  "defense",
  "defence",
  "interior",
  "state",
  "national",
  "security",
  "army",
  "intelligence",
  "former",
  "acting",
  "senior",
  "top",
  "first",
  "assistant",
  "staff",
  "under",
  "affairs",
  "retired",
]);

/** Last words that make a capitalised name an organisation. */
export const ORG_KEYWORDS = new Set([
  "Agency",
  "Ministry",
  "Council",
  "Party",
  "Army",
  "Brigade",
  "Battalion",
  "Regiment",
  "Division",
  "Corps",
  "Service",
  "Services",
  "Conference",
  "Directorate",
  "Department",
  "Committee",
  "Command",
  "Headquarters",
  "Forces",
  "Force",
  "Guard",
  "Guards",
  "Office",
  "Institute",
  "University",
  "Union",
  "Organization",
  "Organisation",
  "Administration",
  "Commission",
  "Mission",
  "Bureau",
  "Staff",
  "Navy",
  "Fleet",
  "Group",
  "Assembly",
  "Parliament",
  "Congress",
  "Senate",
  "Government",
  "Cabinet",
  "Center",
  "Centre",
  "Foundation",
  "Association",
  "Federation",
  "Company",
  "News",
  "Times",
  "Post",
  "Daily",
  "Herald",
  "Journal",
  "Press",
  "Television",
  "Radio",
  "Network",
]);

/** Last words that make a capitalised name a place. */
export const PLACE_KEYWORDS = new Set([
  "River",
  "Region",
  "Oblast",
  "Province",
  "Peninsula",
  "Sea",
  "Mountains",
  "Island",
  "Islands",
  "Strait",
  "Bay",
  "City",
  "District",
  "Valley",
  "Lake",
  "Krai",
  "Ocean",
  "Airport",
  "Square",
  "Border",
  "Governorate",
  "County",
  "Prefecture",
  "Municipality",
  "Township",
]);
