/**
 * Cheap tests before costly patterns: the words without one of which a pattern cannot match, tested first so
 * that a text holding none of them is not read by the pattern (one pass, where the pattern tries every
 * position). Each list is its pattern's own alternatives, read with that pattern's flags so that case folds
 * exactly as it does there. A pattern given a new alternative needs its word here too, or the new alternative
 * is never tried: the guard is looked up next to each pattern it guards (`guarded`, `*_GUARD.test`).
 */

function anyOf(words: readonly string[], flags: string): RegExp {
  return new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), flags);
}

/** Whether `pattern` matches `text`, read only when `guard` does. */
export function guarded(guard: RegExp, pattern: RegExp, text: string): boolean {
  return guard.test(text) && pattern.test(text);
}

// speaker-phrase.ts, resolveNP: people at a place, a nation's body, a statement, an owned body, a title before
// a name, a member of a body, a place a body is based in.
export const LOCATED_GUARD = anyOf(
  "official|source|doctor|medic|nurse|resident|witness|worker|activist|authorities|staff|police|personnel|professional|practitioner|diplomat|analyst|observer|monitor|investigator|journalist|correspondent|commander|officer|spokes|ministry|Ministry|hospital|Hospital".split(
    "|",
  ),
  "u",
);
export const NATIONAL_GUARD = anyOf(["nation", "country", "kingdom", "republic"], "u");
export const ISSUED_GUARD = anyOf(
  "statement|figures|toll|data|count|tally|communiqu|update|release".split("|"),
  "iu",
);
export const OWNED_GUARD = anyOf(
  "Union|Fund|Council|Committee|Network|Association|Syndicate|Federation|Agency|Program|Commission|Observatory|Office|Mission".split(
    "|",
  ),
  "u",
);
export const TITLED_GUARD = anyOf(
  "spokes|minister|secretary|commander|governor|director|chief|head|official|coordinator|envoy|adviser|advisor|ambassador|president|general|colonel|lawmaker|senator".split(
    "|",
  ),
  "u",
);
export const MEMBER_GUARD = anyOf(
  "source|official|member|resident|officer|employee|worker|doctor|medic|nurse|spokes".split("|"),
  "iu",
);
export const BACKED_GUARD = anyOf(["-based", "-backed", "-aligned", "-allied"], "iu");

// entities.ts: a territory's ministry; a possessive before a name.
export const MINISTRY_GUARD = anyOf(["ministry"], "iu");
export const POSSESSIVE_GUARD = /[’']/u;

// metric-cues.ts, findMetric: dead people, the fallen, a toll, bodies, a force's size.
export const DEAD_GUARD = anyOf(["bodies", "corpses", "remains", "fallen", "deceased", "dead"], "iu");
export const FALLEN_GUARD = anyOf(["fallen"], "iu");
export const TOLL_GUARD = anyOf(["toll"], "i");
export const BODIES_GUARD = anyOf(["bodies", "corpses", "remains"], "iu");
export const FORCE_GUARD = anyOf(
  "army|armed forces|military|navy|force|attackers|assailants|gunmen|militants|fighters|insurgents|rebels|bandits|jihadists|terrorists|raiders|militiamen|group|militia".split(
    "|",
  ),
  "i",
);

// claim-clauses.ts: an aside before a harm; a part of the figure before; a sentence opening on a part; a
// threshold in a definition.
export const HARM_GUARD = anyOf(["kill", "wound", "injur", "dead", "abduct", "kidnap", "died"], "iu");
export const SUBSET_GUARD = anyOf(
  ["including", "included", "include", "includes", "among", "of whom", "of them"],
  "iu",
);
export const OPENING_GUARD = /of\s+(?:the|those|these|its|their)\s|among|includ/iu;
export const DEFINED_GUARD = anyOf(["defined as", "definition of"], "i");
