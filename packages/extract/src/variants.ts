import type { EntityType } from "@headcount/shared";
import { distance } from "fastest-levenshtein";
import { countryOfDemonym, lookupSurface } from "./gazetteer.ts";

/**
 * Spelling variants of one name: transliterations (Shoigu / Shoygu, Zaluzhnyi / Zaluzhny), misspellings
 * across outlets, and the same office held by a differently romanised name. Scores are 0..1 and only
 * cross the grouping threshold when the evidence supports it: similar names, or a similar name with the
 * same role.
 */

const TITLES =
  /\b(?:president|prime minister|minister|secretary|general|gen|lt|col|maj|capt|sgt|admiral|adm|governor|gov|ambassador|mr|mrs|ms|dr|prof|sen|rep|chairman|director|deputy|spokesman|spokeswoman|lawmaker|colonel|lieutenant|commander)\b\.?/g;

const NOT_ASCII = /[\u0080-\uffff]/;

/** Names already normalised: the same people and places are named again and again, within and across articles. */
const normalised = new Map<string, string>();

/** Lowercase, accents stripped, titles and punctuation removed: the key for alias lookups. */
export function normalizeName(name: string): string {
  const known = normalised.get(name);
  if (known !== undefined) return known;
  // Plain ASCII has nothing to decompose and no marks to strip.
  const decomposed = !NOT_ASCII.test(name) ? name : name.normalize("NFKD").replace(/\p{M}/gu, "");
  const key = decomposed
    .toLowerCase()
    .replace(/[’']s\b/g, "")
    .replace(TITLES, " ")
    .replace(/^\s*the\s+/, "")
    .replace(/[^\p{L}\d\s-]/gu, " ")
    .replace(/-/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  // Bounded: a long-running process reads an open-ended stream of names.
  if (normalised.size >= 20_000) normalised.clear();
  normalised.set(name, key);
  return key;
}

/**
 * A rough phonetic skeleton that makes common romanisations of Slavic and Korean names agree:
 * kh/h, y/i, w/v, ts/c, doubled letters.
 */
export function skeleton(word: string): string {
  return word
    .replace(/kh/g, "h")
    .replace(/zh/g, "j")
    .replace(/(?:sch|sh|ch)/g, "s")
    .replace(/ts|tz|cz/g, "c")
    .replace(/ck|q/g, "k")
    .replace(/c(?=[aou]|$)/g, "k")
    .replace(/ph/g, "f")
    .replace(/w/g, "v")
    .replace(/y/g, "i")
    .replace(/ie|ei|ii|iy/g, "i")
    .replace(/(.)\1+/g, "$1");
}

function ratio(a: string, b: string): number {
  if (!a.length && !b.length) return 1;
  return 1 - distance(a, b) / Math.max(a.length, b.length);
}

function tokenSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  return Math.max(ratio(a, b), ratio(skeleton(a), skeleton(b)));
}

/** Similarity of two personal names, surname weighted over given name. */
function personNameSimilarity(a: string[], b: string[]): number {
  if (!a.length || !b.length) return 0;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length === 1) {
    // A lone surname (or Korean family name) against a full name.
    const only = short[0] as string;
    const last = tokenSimilarity(only, long[long.length - 1] as string);
    return last >= 0.85 ? 0.9 * last : 0.5 * last;
  }
  if (short.length === long.length) {
    if (long.length === 2) {
      return (
        0.35 * tokenSimilarity(a[0] as string, b[0] as string) +
        0.65 * tokenSimilarity(a[1] as string, b[1] as string)
      );
    }
    let sum = 0;
    for (let i = 0; i < a.length; i++) sum += tokenSimilarity(a[i] as string, b[i] as string);
    return sum / a.length;
  }
  // Different token counts ("Kim Jong Un" / "Kim Jong-un" already agree after hyphens become spaces).
  const joinedA = skeleton(a.join(""));
  const joinedB = skeleton(b.join(""));
  const first = tokenSimilarity(a[0] as string, b[0] as string);
  const last = tokenSimilarity(a[a.length - 1] as string, b[b.length - 1] as string);
  return Math.max(ratio(joinedA, joinedB) * 0.9, first === 1 && last >= 0.85 ? 0.85 : 0);
}

const RANKS = new Set([
  "general",
  "army",
  "former",
  "acting",
  "retired",
  "senior",
  "top",
  "the",
  "of",
  "to",
  "a",
  "an",
]);
const TITLE_CANON: Record<string, string> = { defence: "defense", gov: "governor", gen: "general" };

interface NormalisedRole {
  titles: Set<string>;
  places: Set<string>;
}

/** "Kursk Governor" and "Governor of Kursk" agree; "Deputy Minister of Defense" and "Deputy Defense Minister" too. */
export function normaliseRole(role: string): NormalisedRole {
  const titles = new Set<string>();
  const places = new Set<string>();
  const words = role
    .replace(/[’']s\b/g, "")
    .split(/[\s,]+/)
    .filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const two = `${words[i]} ${words[i + 1] ?? ""}`;
    const country = countryOfDemonym(two) ?? lookupSurface(two)?.name;
    if (country && words[i + 1]) {
      places.add(country);
      i++;
      continue;
    }
    const word = (words[i] as string).replace(/\.$/, "");
    const place = countryOfDemonym(word) ?? lookupSurface(word)?.name;
    if (place && /^\p{Lu}/u.test(word)) {
      places.add(place);
      continue;
    }
    const lower = word.toLowerCase();
    if (RANKS.has(lower)) continue;
    titles.add(TITLE_CANON[lower] ?? lower);
  }
  return { titles, places };
}

function sameRole(a: string, b: string): boolean | null {
  const ra = normaliseRole(a);
  const rb = normaliseRole(b);
  if (!ra.titles.size || !rb.titles.size) return null;
  const sameTitles = ra.titles.size === rb.titles.size && [...ra.titles].every((t) => rb.titles.has(t));
  if (!sameTitles) return false;
  if (!ra.places.size || !rb.places.size) return true;
  return [...ra.places].some((p) => rb.places.has(p));
}

export interface NamedThing {
  name: string;
  type: EntityType;
  role?: string | null;
}

/** How likely two names denote the same entity, 0..1. */
export function nameVariantScore(a: NamedThing, b: NamedThing): number {
  if (a.type !== b.type) return 0;
  const na = normalizeName(a.name);
  const nb = normalizeName(b.name);
  if (!na || !nb) return 0;
  if (na === nb) return 1;
  if (a.type !== "person") {
    const ga = lookupSurface(a.name)?.name;
    const gb = lookupSurface(b.name)?.name;
    if (ga && gb) return ga === gb ? 1 : 0;
    // Acronyms: "NIS" for "National Intelligence Service".
    if (acronymOf(nb) === na.replace(/\s/g, "") || acronymOf(na) === nb.replace(/\s/g, "")) return 0.9;
    if (distinctBodies(a.name, b.name)) return 0;
    const r = Math.max(ratio(na, nb), ratio(skeleton(na), skeleton(nb)));
    return r >= 0.8 ? r : r * 0.6;
  }
  const ta = na.split(" ");
  const tb = nb.split(" ");
  // "Goremykin Viktor" is "Viktor Goremykin" written surname first, as Russian and Korean lists do.
  const swapped = tb.length === 2 ? personNameSimilarity(ta, [tb[1] as string, tb[0] as string]) * 0.95 : 0;
  const nameScore = Math.max(personNameSimilarity(ta, tb), swapped);
  const roles = a.role && b.role ? sameRole(a.role, b.role) : null;
  if (roles === true) return Math.min(1, 0.45 + 0.55 * nameScore);
  if (roles === false) return nameScore * 0.6;
  return nameScore * 0.9;
}

/** A name's words as written, an acronym's dots dropped ("U.S." is "US"), possessives cut. */
function writtenWords(name: string): string[] {
  return name
    .replace(/\.(?=\p{Lu})/gu, "")
    .replace(/[’']s\b/g, "")
    .split(/[^\p{L}\d]+/u)
    .filter(Boolean);
}

const ACRONYM = /^\p{Lu}{2,8}$/u;

/** The country a word names or describes ("Malian", "Armenia", "UK"), if any. */
function countryWord(word: string): string | undefined {
  return countryOfDemonym(word) ?? (/^\p{Lu}/u.test(word) ? lookupSurface(word)?.name : undefined);
}

/**
 * Two bodies whose names differ where it matters, however alike they look: in a country ("Malian Armed
 * Forces" / "Haitian Armed Forces", "Ministry of Defence of Armenia" / "… of Russia") or in an acronym ("UN
 * officials" / "US officials", "BBC News" / "ABC News"). Spellings of one country ("Sudan" / "Sudanese")
 * and the same acronym written with dots are not a difference.
 */
function distinctBodies(a: string, b: string): boolean {
  const wa = writtenWords(a);
  const wb = writtenWords(b);
  const inB = new Set(wb.map((w) => w.toLowerCase()));
  const inA = new Set(wa.map((w) => w.toLowerCase()));
  const onlyA = wa.filter((w) => !inB.has(w.toLowerCase()));
  const onlyB = wb.filter((w) => !inA.has(w.toLowerCase()));
  if (!onlyA.length || !onlyB.length) return false;
  if (onlyA.some((w) => ACRONYM.test(w)) && onlyB.some((w) => ACRONYM.test(w))) return true;
  const countriesA = new Set(onlyA.map(countryWord).filter(Boolean));
  const countriesB = new Set(onlyB.map(countryWord).filter(Boolean));
  return (
    countriesA.size > 0 && countriesB.size > 0 && ![...countriesA].some((country) => countriesB.has(country))
  );
}

function acronymOf(name: string): string {
  return name
    .split(" ")
    .filter((w) => !["of", "the", "and", "for"].includes(w))
    .map((w) => w[0] ?? "")
    .join("");
}

export interface VariantGroup<T> {
  canonical: T;
  members: T[];
  score: number;
}

/**
 * Groups entities that are variants of one another (single linkage above `threshold`). Each group's score
 * is the weakest link that joined it; the canonical member is the one mentioned most (then the longest name).
 */
export function groupVariants<T extends NamedThing & { mentions?: unknown[] }>(
  entities: T[],
  threshold = 0.75,
): VariantGroup<T>[] {
  const parent = entities.map((_, i) => i);
  const linkScore = entities.map(() => 1);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    return r;
  };
  for (let i = 0; i < entities.length; i++) {
    for (let j = i + 1; j < entities.length; j++) {
      const score = nameVariantScore(entities[i] as T, entities[j] as T);
      if (score < threshold) continue;
      const ri = find(i);
      const rj = find(j);
      if (ri === rj) continue;
      parent[rj] = ri;
      linkScore[ri] = Math.min(linkScore[ri] as number, linkScore[rj] as number, score);
    }
  }
  const groups = new Map<number, T[]>();
  entities.forEach((entity, i) => {
    const root = find(i);
    const list = groups.get(root) ?? [];
    list.push(entity);
    groups.set(root, list);
  });
  const result: VariantGroup<T>[] = [];
  for (const [root, members] of groups) {
    const canonical = [...members].sort(
      (x, y) =>
        (y.mentions?.length ?? 0) - (x.mentions?.length ?? 0) ||
        y.name.length - x.name.length ||
        x.name.localeCompare(y.name),
    )[0] as T;
    result.push({ canonical, members, score: Math.round((linkScore[root] as number) * 1000) / 1000 });
  }
  return result;
}

/**
 * At or above this score two names are merged without asking (persons and bodies, not places), recorded as a
 * machine judgement an editor can undo; below it, down to the suggestion threshold, an editor decides. Chosen
 * on the development set's pairs (tests/extraction/entity-identities.json, `npm run eval:extract`): every
 * pair at or above it is one entity there.
 */
export const AUTO_MERGE_THRESHOLD = 0.85;

/** Words any body's or group's name may be made of; a name of these alone names no one in particular. */
const GENERIC_WORDS = new Set(
  (
    "the of and for in on at to a an s de du la al el " +
    "national federal central state states regional local provincial public people peoples popular joint " +
    "united democratic republic islamic royal special general supreme high higher " +
    "defense defence force forces armed army military navy naval air guard guards border police security " +
    "ministry department office agency service services command headquarters staff council committee " +
    "commission authority authorities government administration bureau directorate unit units division " +
    "health interior foreign affairs emergency emergencies civil protection rescue humanitarian medical " +
    "network union group groups movement front alliance coalition organization organisation institute " +
    "officials official sources source media news press agency spokesperson spokesman spokeswoman " +
    "residents witnesses activists monitors observers doctors medics workers fighters rebels militants " +
    "intelligence operations operation task center centre coordination information"
  ).split(" "),
);

/** Whether a name has a word of its own: a proper name, not only a description ("Defense Forces"). */
function distinctive(name: string): boolean {
  if (!/^\p{Lu}|^\d/u.test(name.trim())) return false;
  return writtenWords(name).some((word) => !GENERIC_WORDS.has(word.toLowerCase()));
}

/**
 * The score at which two entities are merged automatically, or null when an editor must decide: the score
 * reaches AUTO_MERGE_THRESHOLD, neither is a place (the gazetteer's aliases settle those), and both names
 * have a word of their own.
 */
export function automaticMergeScore(a: NamedThing, b: NamedThing): number | null {
  if (a.type === "place" || b.type === "place") return null;
  if (!distinctive(a.name) || !distinctive(b.name)) return null;
  const score = nameVariantScore(a, b);
  return score >= AUTO_MERGE_THRESHOLD ? score : null;
}
