/**
 * Finds the numeric expressions of a text: digits with separators, decimals with scale words, number
 * words, hybrids ("47-hundred", "four-thousand-100"), ranges and vague quantities ("thousands of").
 * Whether a number counts people is decided later (metrics.ts); this module only reads numbers.
 */

export type QuantityKind = "number" | "range" | "vague";

export interface Quantity {
  start: number;
  end: number;
  text: string;
  kind: QuantityKind;
  low: number | null;
  high: number | null;
  /** The single figure written, for plain numbers. */
  value: number | null;
  percent: boolean;
  /** A four-digit number that reads like a year ("2024") unless a noun of people follows directly. */
  yearLike: boolean;
  /** For vague quantities, the words as written ("thousands of", "several hundred"). */
  vagueWords: string | null;
  /** A range was introduced by "between … and …" or "from … to …": that word is part of the hedge. */
  rangeIntro: string | null;
}

const ONES: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = {
  hundred: 100,
  thousand: 1000,
  million: 1_000_000,
  billion: 1_000_000_000,
  trillion: 1_000_000_000_000,
  quadrillion: 1_000_000_000_000_000,
};

const WORD_ATOM = `${Object.keys(ONES).join("|")}|${Object.keys(TENS).join("|")}|${Object.keys(SCALES).join("|")}|dozen`;
// Digits: "10,000", "10 000" (with any space), "10.000" (dot thousands), "1.5", "15".
const DIGIT_ATOM =
  "\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d{1,3}(?:[\\u00a0\\u202f\\u2009 ]\\d{3})+(?!\\d|[,.]\\d)|\\d{1,3}(?:\\.\\d{3})+(?![\\d.])|\\d+(?:\\.\\d+)?";
const ATOM = new RegExp(`(?:${DIGIT_ATOM})|\\b(?:${WORD_ATOM}|a|an)\\b`, "giy");
const ATOM_START = new RegExp(
  `(?:${DIGIT_ATOM})|\\b(?:${WORD_ATOM})\\b|\\ba(?=[\\s-]+(?:hundred|thousand|million|dozen)\\b)`,
  "gi",
);

const BARE_VAGUE_VERBS =
  "killed|wounded|injured|hurt|died|dead|perished|captured|detained|abducted|arrested|missing|lost their lives";
const VAGUE_OBJECT_VERBS =
  "killing|killed|kill|kills|wounding|wounded|injuring|injured|capturing|captured|detaining|detained|abducting|abducted";

// Vague quantities: interval = what the words allow; "thousands" is at least two thousand and below ten.
// Every form begins with one of the letters a, d, h, s, t: other positions are passed over at once.
const VAGUE = new RegExp(
  `(?=[adhst])(?:${[
    "\\b(tens|hundreds)\\s+of\\s+thousands\\b(?:\\s+of\\b)?",
    "\\b(several|a\\s+few|a\\s+couple\\s+of|some)\\s+(hundred|thousand|dozen)(?:s(?<=several\\s+\\w+))?\\b(?:\\s+of\\b)?",
    // 'killed "dozens" of militants': a quoted word is still the figure.
    '\\b(hundreds|thousands|dozens|scores)\\b["”’]?(?=\\s+(?:of|more)\\b)(?:\\s+of\\b)?',
    // A bare plural as the subject or object of what people undergo: "dozens were killed", "killing dozens".
    `\\b(hundreds|thousands|dozens|scores)\\b(?=\\s+(?:(?:more|others|people)\\s+)?(?:(?:were|have been|had been|have|had|are|was)\\s+)?(?:${BARE_VAGUE_VERBS})\\b)`,
    // The word is looked for before the verbs behind it: the lookbehind alone would run at every position.
    `(?=hundreds|thousands|dozens|scores)(?<=\\b(?:${VAGUE_OBJECT_VERBS})\\s{1,4})(hundreds|thousands|dozens|scores)\\b(?![\\s-]+(?:of|more)\\b)`,
  ].join("|")})`,
  "gi",
);

interface Atom {
  start: number;
  end: number;
  word: string | null;
  digits: number | null;
}

const SCALE_SUFFIX = /^(?:k|bn|tn)(?![\p{L}\d])/iu;

function readAtom(text: string, at: number): Atom | null {
  ATOM.lastIndex = at;
  const m = ATOM.exec(text);
  if (!m) return null;
  const raw = m[0];
  const lower = raw.toLowerCase();
  if (/^\d/.test(raw)) {
    const digits = parseDigits(raw);
    // "518k", "2.5bn", "4tn": a scale suffix written on the figure (not "km").
    const next = text.charCodeAt(at + raw.length) | 0x20;
    // "1.5m people": a decimal with "m" is millions ("500m" stays a distance).
    if (
      next === 0x6d &&
      raw.includes(".") &&
      /^m(?![\p{L}\d])/u.test(text.slice(at + raw.length, at + raw.length + 2))
    )
      return { start: at, end: at + raw.length + 1, word: null, digits: digits * 1_000_000 };
    if (next === 0x6b || next === 0x62 || next === 0x74) {
      const suffix = SCALE_SUFFIX.exec(text.slice(at + raw.length, at + raw.length + 3))?.[0].toLowerCase();
      const scale = suffix === "k" ? 1000 : suffix === "bn" ? 1_000_000_000 : suffix === "tn" ? 1e12 : 0;
      if (suffix && scale && (scale > 1000 || digits < 1000))
        return { start: at, end: at + raw.length + suffix.length, word: null, digits: digits * scale };
    }
    return { start: at, end: at + raw.length, word: null, digits };
  }
  return { start: at, end: at + raw.length, word: lower, digits: null };
}

/** "10,000" → 10000, "10 000" → 10000, "10.000" → 10000, "1.5" → 1.5. */
export function parseDigits(raw: string): number {
  if (/^\d{1,3}(?:\.\d{3})+$/.test(raw)) return Number(raw.replace(/\./g, ""));
  return Number(raw.replace(/[,\u00a0\u202f\u2009 ]/g, ""));
}

function atomKind(atom: Atom): "digits" | "ones" | "tens" | "scale" | "dozen" | "a" {
  if (atom.digits !== null) return "digits";
  const w = atom.word ?? "";
  if (w in ONES) return "ones";
  if (w in TENS) return "tens";
  if (w === "dozen") return "dozen";
  if (w === "a" || w === "an") return "a";
  return "scale";
}

/** May `next` continue a number phrase after `prev`? ("twelve hundred", "four-thousand-100", "47-hundred"). */
function composes(prev: Atom, next: Atom): boolean {
  const p = atomKind(prev);
  const n = atomKind(next);
  if (n === "a") return false;
  switch (p) {
    case "digits":
      return n === "scale";
    case "a":
      return n === "scale" || n === "dozen";
    case "ones":
      return n === "scale" || n === "dozen";
    case "tens":
      return n === "ones" || n === "scale" || n === "dozen";
    case "scale":
      return n === "ones" || n === "tens" || n === "digits" || (n === "scale" && prev.word === "hundred");
    case "dozen":
      return false;
  }
}

function largerScaleThanBefore(atoms: Atom[], next: Atom): boolean {
  const value = SCALES[next.word ?? ""] ?? 0;
  return atoms.some(
    (a) => atomKind(a) === "scale" && a.word !== "hundred" && (SCALES[a.word ?? ""] ?? 0) <= value,
  );
}

function phraseValue(atoms: Atom[]): number {
  let total = 0;
  let current = 0;
  for (const atom of atoms) {
    const kind = atomKind(atom);
    if (kind === "digits") current += atom.digits ?? 0;
    else if (kind === "ones") current += ONES[atom.word ?? ""] ?? 0;
    else if (kind === "tens") current += TENS[atom.word ?? ""] ?? 0;
    else if (kind === "a") current += 1;
    else if (kind === "dozen") current = (current || 1) * 12;
    else {
      const scale = SCALES[atom.word ?? ""] ?? 1;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
    }
  }
  return Math.round((total + current) * 1000) / 1000;
}

const SEPARATOR = /(?:\s*-\s*|\s+and\s+|\s+)/y;

interface Phrase {
  start: number;
  end: number;
  value: number;
  atoms: Atom[];
}

function readPhrase(text: string, at: number): Phrase | null {
  const first = readAtom(text, at);
  if (!first) return null;
  const atoms = [first];
  let end = first.end;
  for (;;) {
    SEPARATOR.lastIndex = end;
    const sep = SEPARATOR.exec(text);
    if (!sep) break;
    const last = atoms[atoms.length - 1] as Atom;
    // "and" joins only after a scale word ("one hundred and fifty").
    if (/and/.test(sep[0]) && atomKind(last) !== "scale") break;
    const next = readAtom(text, end + sep[0].length);
    if (!next || !composes(last, next)) break;
    // "2 billion and 5 trillion": a scale above one already read starts another figure.
    if (atomKind(next) === "scale" && next.word !== "hundred" && largerScaleThanBefore(atoms, next)) {
      if (atomKind(last) !== "scale") {
        atoms.pop();
        end = atoms[atoms.length - 1]?.end ?? end;
      }
      break;
    }
    atoms.push(next);
    end = next.end;
  }
  // A lone article is not a number.
  if (atoms.length === 1 && atomKind(first) === "a") return null;
  return { start: first.start, end, value: phraseValue(atoms), atoms };
}

const CURRENCY_BEFORE = /(?:[$€£¥₩]|US\$|USD|EUR)\s*$/;
const CURRENCY_AFTER =
  /^\s*(?:(?:hundred|thousand|million|billion|[mbk]n?)\s+)?(?:dollars?|euros?|won|rubles?|roubles?|yuan|pounds?|hryvnias?|USD|EUR)\b/i;

/** All quantities in `text`, in order, with offsets relative to `text` plus `offset`. */
export function findQuantities(text: string, offset = 0): Quantity[] {
  const found: Quantity[] = [];
  const taken: [number, number][] = [];

  VAGUE.lastIndex = 0;
  for (let m = VAGUE.exec(text); m; m = VAGUE.exec(text)) {
    const interval = vagueInterval(m);
    if (!interval) continue;
    // "thousands of" keeps its "of" in the hedge as written; the quantity span is the same words.
    const words = m[0].replace(/\s+/g, " ");
    found.push({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      text: m[0],
      kind: "vague",
      low: interval[0],
      high: interval[1],
      value: null,
      percent: false,
      yearLike: false,
      vagueWords: words,
      rangeIntro: null,
    });
    taken.push([m.index, m.index + m[0].length]);
  }

  // "half a million", "a quarter of a million", "a third of a million": a fraction of a scale word.
  const FRACTION =
    /\b(?:(half)|(?:(?:a|one)\s+)?(quarter|third)\s+of)\s+a\s+(million|billion|thousand|dozen)\b/gi;
  for (let m = FRACTION.exec(text); m; m = FRACTION.exec(text)) {
    const unit = (m[3] ?? "").toLowerCase();
    const part = m[1] ? 2 : m[2]?.toLowerCase() === "quarter" ? 4 : 3;
    const value = Math.round((unit === "dozen" ? 12 : (SCALES[unit] ?? 0)) / part);
    found.push({
      start: offset + m.index,
      end: offset + m.index + m[0].length,
      text: m[0],
      kind: "number",
      low: value,
      high: value,
      value,
      percent: false,
      yearLike: false,
      vagueWords: null,
      rangeIntro: null,
    });
    taken.push([m.index, m.index + m[0].length]);
  }

  const phrases: Phrase[] = [];
  ATOM_START.lastIndex = 0;
  for (let m = ATOM_START.exec(text); m; m = ATOM_START.exec(text)) {
    const at = m.index;
    if (taken.some(([s, e]) => at >= s && at < e)) continue;
    if (phrases.length && at < (phrases[phrases.length - 1] as Phrase).end) continue;
    const before = text.slice(Math.max(0, at - 6), at);
    // Part of a word or code ("F-16", "Su-34", "K2"), a list number, or the tail of a decimal.
    if (/^\d/.test(m[0]) && /(?:\p{L}-?|[\d.,#:]|No\.\s?)$/u.test(before)) continue;
    // "on Dec 4", "September 17": a day of a month.
    if (
      /^\d{1,2}$/.test(m[0]) &&
      /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)\.?\s+$/.test(
        text.slice(Math.max(0, at - 12), at),
      )
    )
      continue;
    const phrase = readPhrase(text, at);
    if (!phrase) continue;
    ATOM_START.lastIndex = phrase.end;
    const after = text.slice(phrase.end, phrase.end + 24);
    // Ordinals and decades ("61st", "1950s", "22nd"), times ("10:30"), money.
    if (/^\d/.test(m[0]) && /^(?:st|nd|rd|th|s)\b/i.test(after)) continue;
    if (/^:\d/.test(after)) continue;
    // "at 0600 GMT", "1500 hours": a time of day written as four digits.
    if (
      /^[0-2]\d[0-5]\d$/.test(m[0] + text.slice(at + m[0].length, phrase.end)) &&
      /^\s*(?:GMT|UTC|Z\b|hours\b|hrs\b|local time\b)/.test(after)
    )
      continue;
    if (CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) continue;
    phrases.push(phrase);
  }

  for (let i = 0; i < phrases.length; i++) {
    const first = phrases[i] as Phrase;
    const second = phrases[i + 1];
    let quantity = plainQuantity(text, first, offset);
    if (second) {
      const between = text.slice(first.end, second.start);
      const intro = /\b(between|from)\s+$/i.exec(text.slice(Math.max(0, first.start - 9), first.start));
      // "the toll climbed from 558 to 569": a change of one figure, not a range; the earlier value is gone.
      if (
        intro?.[1]?.toLowerCase() === "from" &&
        /^\s+to\s+$/i.test(between) &&
        /\b(?:rose|risen|rising|climbed|climbing|jumped|increased|grew|went up|gone up|raised|revised|up|fell|dropped)\s+from\s+$/i.test(
          text.slice(Math.max(0, first.start - 24), first.start),
        )
      )
        continue;
      // "12 or 13 people", "two or three soldiers": close alternatives are the range between them.
      const alternatives =
        (/^\s+or\s+$/i.test(between) &&
          second.value > first.value &&
          second.value <= first.value * 1.5 + 1) ||
        // "at least 20 and possibly 40": a low figure and a high one the speaker allows.
        (/^\s+(?:and|or)\s+(?:possibly|perhaps|maybe|even|potentially)\s+(?:as many as\s+)?$/i.test(
          between,
        ) &&
          second.value > first.value);
      // "the toll rose by 14 to 230": the rise and the new figure, two numbers and no range.
      const changeBy =
        /^\s+to\s+$/i.test(between) &&
        /\b(?:rose|risen|rising|climbed|jumped|increased|grew|went up|gone up|fell|dropped|up|down)\s+by\s+$/i.test(
          text.slice(Math.max(0, first.start - 24), first.start),
        );
      const joins =
        /^\s*[-–—]\s*$/.test(between) ||
        (/^\s+to\s+$/i.test(between) && !changeBy) ||
        alternatives ||
        (/^\s+and\s+$/i.test(between) && intro?.[1]?.toLowerCase() === "between");
      let low = first.value;
      const high = second.value;
      // "between 10 and 12 thousand": the scale written once applies to both ends.
      const lastAtom = second.atoms[second.atoms.length - 1];
      if (lastAtom && atomKind(lastAtom) === "scale" && first.atoms.every((a) => atomKind(a) !== "scale")) {
        const scale = SCALES[lastAtom.word ?? ""] ?? 1;
        if (low * scale <= high && low * scale * 10 > high) low *= scale;
      }
      if (joins && low < high && !isYearLike(text, first) && !isYearLike(text, second)) {
        const start = intro ? first.start - intro[0].length : first.start;
        const end = withPercent(text, second.end).end;
        quantity = {
          start: offset + start,
          end: offset + end,
          text: text.slice(start, end),
          kind: "range",
          low,
          high,
          value: null,
          percent: withPercent(text, second.end).percent,
          yearLike: false,
          vagueWords: null,
          rangeIntro: intro ? (intro[1] ?? null) : null,
        };
        i++;
      }
    }
    found.push(quantity);
  }
  return found.sort((a, b) => a.start - b.start);
}

function withPercent(text: string, end: number): { end: number; percent: boolean } {
  const m = /^\s*(?:%|percent\b|per\s+cent\b)/i.exec(text.slice(end, end + 10));
  return m ? { end: end + m[0].length, percent: true } : { end, percent: false };
}

function isYearLike(text: string, phrase: Phrase): boolean {
  const raw = text.slice(phrase.start, phrase.end);
  return /^\d{4}$/.test(raw) && phrase.value >= 1800 && phrase.value <= 2100;
}

function plainQuantity(text: string, phrase: Phrase, offset: number): Quantity {
  const pct = withPercent(text, phrase.end);
  // "50-odd villagers", "a dozen or so civilians": the approximation written after the figure is part of it.
  const odd = pct.percent
    ? null
    : /^(?:-odd\b|\s+or\s+so(?=\s+\p{L}))/u.exec(text.slice(pct.end, pct.end + 8));
  let end = pct.end + (odd?.[0].length ?? 0);
  let start = phrase.start;
  // "rose to (31) people, while (103) others were injured": a figure bracketed in running text (as some
  // translated copy writes them) is read with its brackets.
  if (
    text.charCodeAt(start - 1) === 40 &&
    /(?:^|\s)\p{Ll}+\s\($/u.test(text.slice(Math.max(0, start - 16), start)) &&
    /^\)\s+\p{L}/u.test(text.slice(end, end + 4))
  ) {
    start--;
    end++;
  }
  return {
    start: offset + start,
    end: offset + end,
    text: text.slice(start, end),
    kind: "number",
    low: phrase.value,
    high: phrase.value,
    value: phrase.value,
    percent: pct.percent,
    yearLike: isYearLike(text, phrase),
    vagueWords: null,
    rangeIntro: null,
  };
}

const UNIT: Record<string, number> = { hundred: 100, thousand: 1000, dozen: 12, score: 20 };

/**
 * The interval vague words allow. A plural of a unit ("thousands") means at least two and fewer than ten
 * of it; "several" three to nine; "a few" two to five; "a couple of" two to three.
 */
function vagueInterval(m: RegExpExecArray): [number, number] | null {
  if (m[1]) {
    return m[1].toLowerCase() === "tens" ? [20_000, 99_999] : [200_000, 999_999];
  }
  if (m[2] && m[3]) {
    const unit = UNIT[m[3].toLowerCase()] ?? 1;
    const quantifier = m[2].toLowerCase().replace(/\s+/g, " ");
    if (quantifier === "several") return [3 * unit, 9 * unit];
    if (quantifier === "a few") return [2 * unit, 5 * unit];
    if (quantifier === "a couple of") return [2 * unit, 3 * unit];
    return [2 * unit, 10 * unit - 1];
  }
  const plural = m[4] ?? m[5] ?? m[6];
  if (plural) {
    const word = plural.toLowerCase();
    const unit = UNIT[word.replace(/s$/, "")] ?? 1;
    return [2 * unit, 10 * unit - 1];
  }
  return null;
}
