/**
 * Automatic merges across a split's articles, replayed as ingest makes them: articles in order, each new
 * person or body (a name no earlier article used) against the most similar entity seen before it; the pair
 * is merged when automaticMergeScore allows it. A merge is right when both sides denote one entity: their
 * labelled names (or, for an entity the labels do not list, its extracted name) are equal after
 * normalisation or are grouped in tests/extraction/entity-identities.json.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ExtractedEntity } from "../src/index.ts";
import { automaticMergeScore, nameVariantScore, normalizeName } from "../src/variants.ts";
import { ROOT } from "./gold.ts";

const SUGGESTED = 0.75;

/** Normalised name → the name of its identity group (itself when it has none). */
export function loadIdentities(): (key: string) => string {
  const file = join(ROOT, "tests/extraction/entity-identities.json");
  const groups: string[][] = existsSync(file) ? JSON.parse(readFileSync(file, "utf8")).identities : [];
  const identity = new Map<string, string>();
  for (const group of groups) {
    const head = normalizeName(group[0] as string);
    for (const name of group) identity.set(normalizeName(name), head);
  }
  return (key) => identity.get(key) ?? key;
}

export interface MergeScores {
  correct: number;
  made: number;
  details: string[];
}

interface Seen {
  entity: ExtractedEntity;
  identity: string;
  prefixes: string[];
}

const prefixesOf = (name: string) =>
  normalizeName(name)
    .split(" ")
    .filter((t) => t.length >= 3)
    .map((t) => t.slice(0, 3));

/** `articles`: each article's entities with the labelled name each stands for (null when unlabelled). */
export function scoreAutomaticMerges(
  articles: { entities: ExtractedEntity[]; goldName: (e: ExtractedEntity) => string | null }[],
): MergeScores {
  const identityOf = loadIdentities();
  const seen: Seen[] = [];
  const known = new Set<string>();
  const scores: MergeScores = { correct: 0, made: 0, details: [] };
  for (const article of articles) {
    const added: Seen[] = [];
    for (const entity of article.entities) {
      if (entity.type === "place") continue;
      const names = [entity.name, ...entity.aliases].map((n) => `${entity.type}:${normalizeName(n)}`);
      if (names.some((key) => known.has(key))) continue;
      const mine: Seen = {
        entity,
        identity: identityOf(normalizeName(article.goldName(entity) ?? entity.name)),
        prefixes: prefixesOf(entity.name),
      };
      let best: { score: number; other: Seen } | null = null;
      for (const other of seen) {
        if (other.entity.type !== entity.type || !other.prefixes.some((p) => mine.prefixes.includes(p)))
          continue;
        const score = nameVariantScore(entity, other.entity);
        if (score >= SUGGESTED && (!best || score > best.score)) best = { score, other };
      }
      added.push(mine);
      if (!best || automaticMergeScore(entity, best.other.entity) === null) continue;
      const right = best.other.identity === mine.identity;
      scores.made++;
      if (right) scores.correct++;
      scores.details.push(
        `${right ? "merged  " : "WRONG   "} ${best.score.toFixed(3)} ${entity.name} → ${best.other.entity.name}`,
      );
    }
    for (const item of added) {
      seen.push(item);
      for (const n of [item.entity.name, ...item.entity.aliases])
        known.add(`${item.entity.type}:${normalizeName(n)}`);
    }
  }
  return scores;
}
