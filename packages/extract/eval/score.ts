/**
 * Scoring one split: each labelled article's claims, fields, negatives, boilerplate and entities, then the
 * grouping of entities across articles.
 *
 * Matching: an extracted claim overlaps a gold claim when its span overlaps the gold quote (or one of its
 * `alsoAt` quotes) in the body; the gold claim is found when, in addition, the intervals agree. Optional gold
 * claims are neither required nor penalised. An extracted claim marked `duplicateOf` a claim it repeats is an
 * appearance, not a new claim; a second, unlinked claim for one gold claim's other appearance counts against
 * precision (the figure would be counted twice). Field accuracies are over found claims.
 */
import {
  type ExtractedArticle,
  type ExtractedClaim,
  type ExtractedEntity,
  extractArticle,
  groupEntityVariants,
  normalizeName,
} from "../src/index.ts";
import type { GoldArticle, GoldClaim, GoldEntity, LabelledArticle } from "./gold.ts";
import { locate, matchEntity, overlaps, sameDate, sameEntity } from "./match.ts";
import { loadIdentities, type MergeScores, scoreAutomaticMerges } from "./merges.ts";

export type Tally = { ok: number; n: number };

const tally = (): Tally => ({ ok: 0, n: 0 });

/** What a split's articles add up to. */
export function newScores() {
  return {
    fields: {
      interval: tally(),
      qualifier: tally(),
      metric: tally(),
      rate: tally(),
      source: tally(),
      sourceOrRelay: tally(),
      attributed: tally(),
      via: tally(),
      location: tally(),
      statedOn: tally(),
      period: tally(),
      periodLabelled: tally(),
    },
    articles: 0,
    goldRequired: 0,
    found: 0,
    extractedCounted: 0,
    truePositives: 0,
    appearances: tally(),
    negatives: tally(),
    entityRecall: tally(),
    entityType: tally(),
    boilerplate: tally(),
    titles: tally(),
    confidence: { tp: [] as number[], fp: [] as number[] },
    misses: [] as string[],
    falsePositives: [] as string[],
    fieldErrors: [] as string[],
    perArticle: [] as { file: string; entities: ExtractedEntity[]; gold: GoldArticle }[],
  };
}

export type Scores = ReturnType<typeof newScores>;

/** Extracts one labelled article and adds what it got right and wrong to the scores. */
export function scoreArticle(s: Scores, { gold: article, text, meta }: LabelledArticle): void {
  s.articles++;
  const result = extractArticle(text, {
    publishedAt: meta?.publishedAt ?? null,
    precision: (meta?.precision as ExtractedArticle["precision"]) ?? null,
    outlet: meta?.outlet ?? null,
    url: meta?.url ?? null,
  });
  s.perArticle.push({ file: article.file, entities: result.entities, gold: article });
  s.titles.n++;
  if ((result.title || null) === (article.title ?? null)) s.titles.ok++;
  scoreClaims(s, article, result);
  scoreNegatives(s, article, result);
  scoreEntities(s, article, result.entities);
}

function scoreClaims(s: Scores, article: GoldArticle, result: ExtractedArticle): void {
  const rootOf = (i: number): number => {
    let at = i;
    for (let hops = 0; hops < result.claims.length; hops++) {
      const next = result.claims[at]?.duplicateOf;
      if (next === null || next === undefined) break;
      at = next;
    }
    return at;
  };

  // Claims: pair each gold claim with the extracted claim whose span overlaps its quote best.
  const used = new Set<number>();
  const matchedGold = new Map<number, GoldClaim>();
  /** Extracted claims that are another appearance of a found gold claim, with the gold claim's pick. */
  const otherAppearance = new Map<number, number>();
  const order = article.claims
    .map((_, i) => i)
    .sort(
      (a, b) => Number(article.claims[a]?.optional ?? false) - Number(article.claims[b]?.optional ?? false),
    );
  for (const gi of order) {
    const g = article.claims[gi] as GoldClaim;
    if (!g.optional) s.goldRequired++;
    const span = locate(result, g.quote);
    const otherSpans = (g.alsoAt ?? []).map((q) => ({ quote: q, span: locate(result, q) }));
    if (!span) {
      if (!g.optional) s.misses.push(`${article.file}: gold quote not in the text: "${g.quote}"`);
      continue;
    }
    const agree = (c: ExtractedClaim) => c.valueLow === g.valueLow && c.valueHigh === g.valueHigh;
    const overlapping = (at: { start: number; end: number }) =>
      result.claims.map((c, i) => ({ c, i })).filter(({ c, i }) => !used.has(i) && overlaps(c, at));
    const candidates = overlapping(span);
    const spanned = otherSpans.flatMap(({ span: at }) => (at ? overlapping(at) : []));
    const agreeing = candidates.filter(({ c }) => agree(c));
    const agreeingElsewhere = spanned.filter(({ c }) => agree(c));
    const pick =
      agreeing.find(({ c }) => c.duplicateOf === null) ??
      agreeing[0] ??
      agreeingElsewhere.find(({ c }) => c.duplicateOf === null) ??
      agreeingElsewhere[0] ??
      candidates[0];
    if (!pick) {
      if (!g.optional) s.misses.push(`${article.file}: missed "${g.quote}"`);
      continue;
    }
    used.add(pick.i);
    if (g.optional) {
      if (agree(pick.c)) matchedGold.set(pick.i, g);
      continue;
    }
    s.fields.interval.n++;
    if (!agree(pick.c)) {
      s.misses.push(
        `${article.file}: interval [${pick.c.valueLow}, ${pick.c.valueHigh}] ≠ gold [${g.valueLow}, ${g.valueHigh}] for "${g.quote}"`,
      );
      used.delete(pick.i);
      continue;
    }
    s.fields.interval.ok++;
    s.found++;
    matchedGold.set(pick.i, g);
    scoreFields(s, article, g, pick.c, result.entities);

    // Other appearances of the same claim: found, and linked to the same claim rather than counted anew.
    for (const { quote, span: at } of [{ quote: g.quote, span }, ...otherSpans]) {
      if (quote !== g.quote) s.appearances.n++;
      if (!at) {
        if (quote !== g.quote)
          s.fieldErrors.push(`${article.file}: appearance quote not in the text: "${quote}"`);
        continue;
      }
      const here = result.claims
        .map((c, i) => ({ c, i }))
        // A repeat the extractor linked to the claim is that claim's appearance even where it prints the figure
        // without the hedge ("at least 14 … leaving 14 dead"); an unlinked one must print the same interval.
        .filter(
          ({ c, i }) =>
            i !== pick.i && !used.has(i) && overlaps(c, at) && (agree(c) || rootOf(i) === rootOf(pick.i)),
        );
      for (const { i } of here) otherAppearance.set(i, pick.i);
      if (quote === g.quote) continue;
      const inside = overlaps(pick.c, at);
      const linked = here.find(({ i }) => rootOf(i) === rootOf(pick.i));
      if (inside || linked) s.appearances.ok++;
      else
        s.fieldErrors.push(
          `${article.file}: appearance ${here.length ? "counted as a separate claim" : "not found"}: "${quote}"`,
        );
    }
  }

  // Precision over what the engine asserts as new claims.
  result.claims.forEach((c, i) => {
    const g = matchedGold.get(i);
    if (g?.optional) return;
    const sameAs = otherAppearance.get(i);
    if (!g && sameAs !== undefined && rootOf(i) === rootOf(sameAs)) return;
    if (c.duplicateOf !== null && !g && sameAs === undefined) {
      const target = result.claims[c.duplicateOf];
      const targetGold = matchedGold.get(c.duplicateOf);
      if (target && targetGold && target.valueLow === c.valueLow && target.valueHigh === c.valueHigh) return;
    }
    s.extractedCounted++;
    if (g) {
      s.truePositives++;
      s.confidence.tp.push(c.confidence);
    } else {
      s.confidence.fp.push(c.confidence);
      s.falsePositives.push(
        `${article.file}: "${c.quote}" [${c.valueLow}, ${c.valueHigh}] ${c.metric}${sameAs !== undefined ? " (a second claim for one figure)" : ""} conf ${c.confidence}`,
      );
    }
  });
}

function scoreFields(
  s: Scores,
  article: GoldArticle,
  g: GoldClaim,
  c: ExtractedClaim,
  entities: ExtractedEntity[],
): void {
  const { fields } = s;
  const check = (name: keyof Scores["fields"], ok: boolean, detail: string) => {
    fields[name].n++;
    if (ok) fields[name].ok++;
    else s.fieldErrors.push(`${article.file}: ${name} ${detail} for "${g.quote}"`);
  };
  check("qualifier", c.qualifier === g.qualifier, `${c.qualifier} ≠ ${g.qualifier}`);
  check("metric", c.metric === g.metric, `${c.metric} ≠ ${g.metric}`);
  check("rate", c.rate === (g.rate ?? "total"), `${c.rate} ≠ ${g.rate ?? "total"}`);
  const sourceOk = sameEntity(article, c.source, g.source, entities);
  check("source", sourceOk, `${c.source} ≠ ${g.source}`);
  const relays = c.via.map((v) => v.name);
  fields.sourceOrRelay.n++;
  if (sourceOk || (g.source !== null && relays.some((r) => sameEntity(article, r, g.source, entities))))
    fields.sourceOrRelay.ok++;
  if (g.source !== null) {
    fields.attributed.n++;
    if (c.source !== null) fields.attributed.ok++;
  }
  const via = relays[relays.length - 1] ?? null;
  check("via", sameEntity(article, via, g.via, entities), `${via} ≠ ${g.via}`);
  check("location", sameEntity(article, c.location, g.location), `${c.location} ≠ ${g.location}`);
  check(
    "statedOn",
    sameDate(c.statedOn, g.statedOn),
    `${JSON.stringify(c.statedOn)} ≠ ${JSON.stringify(g.statedOn)}`,
  );
  // A label gives the ends the text states: "since April 2023" has only a start, a point in time ("last
  // October") may be labelled as its end alone. The ends the label gives must agree; with neither, the
  // extraction must state no period either.
  const gFrom = g.refersFrom ?? null;
  const gTo = g.refersTo ?? null;
  const periodOk =
    gFrom === null && gTo === null
      ? c.refersFrom === null && c.refersTo === null
      : (gFrom === null || sameDate(c.refersFrom, gFrom)) && (gTo === null || sameDate(c.refersTo, gTo));
  check(
    "period",
    periodOk,
    `${JSON.stringify([c.refersFrom, c.refersTo])} ≠ ${JSON.stringify([g.refersFrom ?? null, g.refersTo ?? null])}`,
  );
  if (g.refersFrom || g.refersTo) {
    fields.periodLabelled.n++;
    if (periodOk) fields.periodLabelled.ok++;
  }
}

/** Negatives: a number that is not a claim must not be read as one where it stands; boilerplate must go. */
function scoreNegatives(s: Scores, article: GoldArticle, result: ExtractedArticle): void {
  const body = result.body;
  for (const negative of article.negatives ?? []) {
    s.negatives.n++;
    const value = Number((/\d[\d,]*/.exec(negative)?.[0] ?? "").replace(/,/g, ""));
    let at = body.indexOf(negative);
    let rejected = true;
    while (at >= 0) {
      const end = at + negative.length;
      const span = { start: at, end };
      if (result.claims.some((c) => overlaps(c, span) && (c.valueLow === value || c.valueHigh === value)))
        rejected = false;
      at = body.indexOf(negative, end);
    }
    if (rejected) s.negatives.ok++;
    else s.fieldErrors.push(`${article.file}: negative read as a claim: "${negative}"`);
  }
  for (const line of article.boilerplate ?? []) {
    s.boilerplate.n++;
    if (!body.includes(line)) s.boilerplate.ok++;
    else s.fieldErrors.push(`${article.file}: boilerplate left in body: "${line}"`);
  }
}

/** Entities: a gold entity is recalled when an extracted entity carries its name or one of its aliases. */
function scoreEntities(s: Scores, article: GoldArticle, entities: ExtractedEntity[]): void {
  for (const ge of article.entities) {
    s.entityRecall.n++;
    const match = matchEntity(entities, ge);
    if (match) {
      s.entityRecall.ok++;
      s.entityType.n++;
      if (match.type === ge.type) s.entityType.ok++;
      else s.fieldErrors.push(`${article.file}: entity type ${match.type} ≠ ${ge.type} for ${ge.name}`);
    } else s.fieldErrors.push(`${article.file}: entity not recalled: ${ge.name} (${ge.type})`);
  }
}

export interface VariantScores {
  crossGroups: Tally;
  variantGroups: Tally;
  /** Groups of suggested variants (single linkage at the suggestion threshold) holding two entities. */
  mixedSuggestions: number;
  automaticMerges: MergeScores;
  variantDetails: string[];
}

/** Cross-article variants: entities of one gold name seen in several articles must land in one group. */
export function scoreVariants(s: Scores): VariantScores {
  const all = s.perArticle.flatMap((a) => a.entities.map((e) => ({ entity: e, file: a.file })));
  const groups = groupEntityVariants(all.map((x) => x.entity));
  const groupOf = new Map<ExtractedEntity, number>();
  groups.forEach((g, i) => {
    for (const m of g.members) groupOf.set(m, i);
  });
  const byGoldName = new Map<
    string,
    { gold: GoldEntity; entities: (ExtractedEntity | null)[]; surfaces: Set<string> }
  >();
  const goldOfEntity = new Map<ExtractedEntity, string>();
  for (const a of s.perArticle) {
    for (const ge of a.gold.entities) {
      const match = matchEntity(a.entities, ge);
      const key = normalizeName(ge.name);
      const entry = byGoldName.get(key) ?? { gold: ge, entities: [], surfaces: new Set<string>() };
      entry.entities.push(match);
      if (match) {
        entry.surfaces.add(normalizeName(match.name));
        goldOfEntity.set(match, key);
      }
      byGoldName.set(key, entry);
    }
  }
  const crossGroups = tally();
  const variantGroups = tally();
  const variantDetails: string[] = [];
  for (const [, entry] of byGoldName) {
    if (entry.entities.length < 2) continue;
    const present = entry.entities.filter((e): e is ExtractedEntity => e !== null);
    const grouped =
      present.length === entry.entities.length && new Set(present.map((e) => groupOf.get(e))).size === 1;
    crossGroups.n++;
    if (grouped) crossGroups.ok++;
    else if (!(entry.surfaces.size > 1))
      variantDetails.push(
        `SPLIT    ${entry.gold.name} (same spelling): ${present.map((e) => e.name).join(" / ")}`,
      );
    const spellings = new Set(entry.gold.aliases.concat(entry.gold.name).map(normalizeName));
    const isVariant =
      entry.surfaces.size > 1 || (present.length < entry.entities.length && spellings.size > 1);
    if (isVariant) {
      variantGroups.n++;
      if (grouped) variantGroups.ok++;
      variantDetails.push(
        `${grouped ? "grouped " : "SPLIT   "} ${entry.gold.name}: ${present.map((e) => e.name).join(" / ") || "(not extracted)"}`,
      );
    }
  }
  const identityOf = loadIdentities();
  let mixedSuggestions = 0;
  for (const g of groups) {
    const names = new Set(
      g.members.map((m) => goldOfEntity.get(m)).flatMap((name) => (name ? [identityOf(name)] : [])),
    );
    if (names.size > 1) {
      mixedSuggestions++;
      variantDetails.push(`MIXED   ${[...names].join(" + ")}`);
    }
  }
  const automaticMerges = scoreAutomaticMerges(
    s.perArticle.map((a) => {
      const goldOf = new Map<ExtractedEntity, string>();
      for (const ge of a.gold.entities) {
        const match = matchEntity(a.entities, ge);
        if (match && !goldOf.has(match)) goldOf.set(match, ge.name);
      }
      return { entities: a.entities, goldName: (e: ExtractedEntity) => goldOf.get(e) ?? null };
    }),
  );
  variantDetails.push(...automaticMerges.details);
  return { crossGroups, variantGroups, mixedSuggestions, automaticMerges, variantDetails };
}
