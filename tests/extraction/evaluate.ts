/**
 * Scores packages/extract against hand labels (default ../shared/gold/seeds.json, or HEADCOUNT_GOLD) on the
 * texts they label (default ../shared/seeds, or HEADCOUNT_SEEDS), reading both at run time.
 *
 * Matching: an extracted claim overlaps a gold claim when their quotes overlap in the body; the gold claim is
 * found when, in addition, the intervals agree (valueLow and valueHigh equal). Optional gold claims are
 * neither required nor penalised. An extracted claim marked `duplicateOf` an earlier claim that only repeats
 * a figure is not a new claim: it counts against precision only when the figure it repeats is not a found
 * gold claim with the same interval (or an optional one). Field accuracies are over found claims.
 * Exit code is non-zero only on a crash: targets met or missed are printed in the table.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ExtractedArticle,
  type ExtractedClaim,
  type ExtractedEntity,
  extractArticle,
  groupEntityVariants,
  normalizeName,
} from "../../packages/extract/src/index.ts";

interface GoldDate {
  date: string;
  precision: string;
}
interface GoldClaim {
  quote: string;
  valueLow: number | null;
  valueHigh: number | null;
  qualifier: string;
  subject: string;
  metric: string;
  rate: string | null;
  location: string | null;
  source: string | null;
  via: string | null;
  statedOn: GoldDate | null;
  optional?: boolean;
}
interface GoldEntity {
  name: string;
  type: string;
  aliases: string[];
}
interface GoldArticle {
  file: string;
  title: string | null;
  outlet: string | null;
  claims: GoldClaim[];
  negatives?: string[];
  boilerplate?: string[];
  entities: GoldEntity[];
}
interface ManifestEntry {
  file: string;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  precision: string | null;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
// Evaluation-only settings (not build inputs, so turbo need not know them).
const { HEADCOUNT_GOLD: goldSetting, HEADCOUNT_SEEDS: seedsSetting } = process.env;
const goldPath = goldSetting ?? join(root, "../shared/gold/seeds.json");
const seedsDir = seedsSetting ?? join(dirname(dirname(goldPath)), "seeds");

const gold = JSON.parse(readFileSync(goldPath, "utf8")) as { articles: GoldArticle[] };
const manifestPath = join(seedsDir, "manifest.json");
const manifest: ManifestEntry[] = existsSync(manifestPath)
  ? (JSON.parse(readFileSync(manifestPath, "utf8")) as { articles: ManifestEntry[] }).articles
  : [];

type Tally = { ok: number; n: number };
const tally = (): Tally => ({ ok: 0, n: 0 });
const fields = {
  interval: tally(),
  qualifier: tally(),
  metric: tally(),
  rate: tally(),
  source: tally(),
  via: tally(),
  location: tally(),
  statedOn: tally(),
};
let goldRequired = 0;
let found = 0;
let extractedCounted = 0;
let truePositives = 0;
const negatives = tally();
const entityRecall = tally();
const entityType = tally();
const boilerplate = tally();
const titles = tally();
const confidence = { tp: [] as number[], fp: [] as number[] };
const misses: string[] = [];
const falsePositives: string[] = [];
const fieldErrors: string[] = [];

const perArticle: { file: string; entities: ExtractedEntity[]; gold: GoldArticle }[] = [];
const started = performance.now();

for (const article of gold.articles) {
  const meta = manifest.find((m) => m.file === article.file);
  const text = readFileSync(join(seedsDir, article.file), "utf8");
  const result = extractArticle(text, {
    publishedAt: meta?.publishedAt ?? null,
    precision: (meta?.precision as ExtractedArticle["precision"]) ?? null,
    outlet: meta?.outlet ?? null,
    url: meta?.url ?? null,
  });
  perArticle.push({ file: article.file, entities: result.entities, gold: article });
  const body = result.body;

  titles.n++;
  if ((result.title || null) === (article.title ?? null)) titles.ok++;

  // Claims: pair each gold claim with the extracted claim whose quote overlaps it best.
  const used = new Set<number>();
  const matchedGold = new Map<number, GoldClaim>();
  const goldSpans = article.claims.map((g) => locate(body, g.quote));
  const order = article.claims
    .map((_, i) => i)
    .sort(
      (a, b) => Number(article.claims[a]?.optional ?? false) - Number(article.claims[b]?.optional ?? false),
    );
  for (const gi of order) {
    const g = article.claims[gi] as GoldClaim;
    const span = goldSpans[gi];
    if (!g.optional) goldRequired++;
    if (!span) {
      if (!g.optional) misses.push(`${article.file}: gold quote not in body: "${g.quote}"`);
      continue;
    }
    const candidates = result.claims
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => !used.has(i) && c.start < span.end && span.start < c.end);
    const agreeing = candidates.filter(({ c }) => c.valueLow === g.valueLow && c.valueHigh === g.valueHigh);
    const pick = agreeing.find(({ c }) => c.duplicateOf === null) ?? agreeing[0] ?? candidates[0];
    if (!pick) {
      if (!g.optional) misses.push(`${article.file}: missed "${g.quote}"`);
      continue;
    }
    used.add(pick.i);
    if (g.optional) {
      if (agreeing.length) matchedGold.set(pick.i, g);
      continue;
    }
    fields.interval.n++;
    const intervalOk = pick.c.valueLow === g.valueLow && pick.c.valueHigh === g.valueHigh;
    if (!intervalOk) {
      misses.push(
        `${article.file}: interval [${pick.c.valueLow}, ${pick.c.valueHigh}] ≠ gold [${g.valueLow}, ${g.valueHigh}] for "${g.quote}"`,
      );
      used.delete(pick.i);
      continue;
    }
    fields.interval.ok++;
    found++;
    matchedGold.set(pick.i, g);
    scoreFields(article, g, pick.c);
  }

  // Precision over what the engine asserts as new claims.
  result.claims.forEach((c, i) => {
    const g = matchedGold.get(i);
    if (g?.optional) return;
    if (c.duplicateOf !== null && !g) {
      const target = result.claims[c.duplicateOf];
      const targetGold = matchedGold.get(c.duplicateOf);
      if (target && targetGold && target.valueLow === c.valueLow && target.valueHigh === c.valueHigh) return;
    }
    extractedCounted++;
    if (g) {
      truePositives++;
      confidence.tp.push(c.confidence);
    } else {
      confidence.fp.push(c.confidence);
      falsePositives.push(
        `${article.file}: "${c.quote}" [${c.valueLow}, ${c.valueHigh}] ${c.metric} conf ${c.confidence}`,
      );
    }
  });

  // Negatives: a number that is not a claim must not be read as one where it stands.
  for (const negative of article.negatives ?? []) {
    negatives.n++;
    const value = Number((/\d[\d,]*/.exec(negative)?.[0] ?? "").replace(/,/g, ""));
    let at = body.indexOf(negative);
    let rejected = true;
    while (at >= 0) {
      const end = at + negative.length;
      if (
        result.claims.some(
          (c) => c.start < end && at < c.end && (c.valueLow === value || c.valueHigh === value),
        )
      )
        rejected = false;
      at = body.indexOf(negative, end);
    }
    if (rejected) negatives.ok++;
    else fieldErrors.push(`${article.file}: negative read as a claim: "${negative}"`);
  }
  for (const line of article.boilerplate ?? []) {
    boilerplate.n++;
    if (!body.includes(line)) boilerplate.ok++;
    else fieldErrors.push(`${article.file}: boilerplate left in body: "${line}"`);
  }

  // Entities: a gold entity is recalled when an extracted entity carries its name or one of its aliases.
  for (const ge of article.entities) {
    entityRecall.n++;
    const match = matchEntity(result.entities, ge);
    if (match) {
      entityRecall.ok++;
      entityType.n++;
      if (match.type === ge.type) entityType.ok++;
    } else fieldErrors.push(`${article.file}: entity not recalled: ${ge.name} (${ge.type})`);
  }
}

// Cross-article variants: entities of one gold name seen in several articles must land in one group.
const all = perArticle.flatMap((a) => a.entities.map((e) => ({ entity: e, file: a.file })));
const groups = groupEntityVariants(all.map((x) => x.entity));
const groupOf = new Map<ExtractedEntity, number>();
groups.forEach((g, i) => {
  for (const m of g.members) groupOf.set(m, i);
});
const byGoldName = new Map<
  string,
  { gold: GoldEntity; entities: ExtractedEntity[]; surfaces: Set<string> }
>();
for (const a of perArticle) {
  for (const ge of a.gold.entities) {
    const match = matchEntity(a.entities, ge);
    const key = normalizeName(ge.name);
    const entry = byGoldName.get(key) ?? { gold: ge, entities: [], surfaces: new Set<string>() };
    if (match) {
      entry.entities.push(match);
      entry.surfaces.add(normalizeName(match.name));
    } else entry.entities.push(null as unknown as ExtractedEntity);
    byGoldName.set(key, entry);
  }
}
const crossGroups = tally();
const variantGroups = tally();
const variantDetails: string[] = [];
for (const [, entry] of byGoldName) {
  if (entry.entities.length < 2) continue;
  const present = entry.entities.filter(Boolean);
  const grouped =
    present.length === entry.entities.length && new Set(present.map((e) => groupOf.get(e))).size === 1;
  crossGroups.n++;
  if (grouped) crossGroups.ok++;
  else if (!(entry.surfaces.size > 1))
    variantDetails.push(
      `SPLIT    ${entry.gold.name} (same spelling): ${present.map((e) => e.name).join(" / ")}`,
    );
  const spellings = new Set(entry.gold.aliases.concat(entry.gold.name).map(normalizeName));
  const isVariant = entry.surfaces.size > 1 || (present.length < entry.entities.length && spellings.size > 1);
  if (isVariant) {
    variantGroups.n++;
    if (grouped) variantGroups.ok++;
    variantDetails.push(
      `${grouped ? "grouped " : "SPLIT   "} ${entry.gold.name}: ${present.map((e) => e.name).join(" / ") || "(not extracted)"}`,
    );
  }
}
let falseMerges = 0;
const goldOfEntity = new Map<ExtractedEntity, string>();
for (const a of perArticle) {
  for (const ge of a.gold.entities) {
    const m = matchEntity(a.entities, ge);
    if (m) goldOfEntity.set(m, normalizeName(ge.name));
  }
}
for (const g of groups) {
  const names = new Set(g.members.map((m) => goldOfEntity.get(m)).filter(Boolean));
  if (names.size > 1) {
    falseMerges++;
    variantDetails.push(`MERGED  ${[...names].join(" + ")}`);
  }
}
const elapsed = performance.now() - started;

// Report.
const pct = (t: Tally) => (t.n ? t.ok / t.n : 1);
const fmt = (x: number) => `${(x * 100).toFixed(1)} %`;
const precision = extractedCounted ? truePositives / extractedCounted : 1;
const recall = goldRequired ? found / goldRequired : 1;
const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
const rows: [string, string, string, string][] = [
  ["claim precision", fmt(precision), `${truePositives}/${extractedCounted}`, target(precision, 0.95)],
  ["claim recall", fmt(recall), `${found}/${goldRequired}`, target(recall, 0.95)],
  ["claim F1", fmt(f1), "", ""],
  [
    "interval (overlapping)",
    fmt(pct(fields.interval)),
    `${fields.interval.ok}/${fields.interval.n}`,
    target(pct(fields.interval), 1),
  ],
  [
    "qualifier",
    fmt(pct(fields.qualifier)),
    `${fields.qualifier.ok}/${fields.qualifier.n}`,
    target(pct(fields.qualifier), 1),
  ],
  ["metric", fmt(pct(fields.metric)), `${fields.metric.ok}/${fields.metric.n}`, ""],
  ["rate", fmt(pct(fields.rate)), `${fields.rate.ok}/${fields.rate.n}`, ""],
  [
    "source",
    fmt(pct(fields.source)),
    `${fields.source.ok}/${fields.source.n}`,
    target(pct(fields.source), 0.9),
  ],
  ["via", fmt(pct(fields.via)), `${fields.via.ok}/${fields.via.n}`, ""],
  ["location", fmt(pct(fields.location)), `${fields.location.ok}/${fields.location.n}`, ""],
  ["statedOn", fmt(pct(fields.statedOn)), `${fields.statedOn.ok}/${fields.statedOn.n}`, ""],
  ["negatives rejected", fmt(pct(negatives)), `${negatives.ok}/${negatives.n}`, target(pct(negatives), 1)],
  ["boilerplate removed", fmt(pct(boilerplate)), `${boilerplate.ok}/${boilerplate.n}`, ""],
  ["title", fmt(pct(titles)), `${titles.ok}/${titles.n}`, ""],
  ["entity recall", fmt(pct(entityRecall)), `${entityRecall.ok}/${entityRecall.n}`, ""],
  ["entity type (recalled)", fmt(pct(entityType)), `${entityType.ok}/${entityType.n}`, ""],
  [
    "cross-article variants grouped",
    fmt(pct(variantGroups)),
    `${variantGroups.ok}/${variantGroups.n}`,
    target(pct(variantGroups), 1),
  ],
  ["cross-article entities grouped", fmt(pct(crossGroups)), `${crossGroups.ok}/${crossGroups.n}`, ""],
  ["false merges", String(falseMerges), "", falseMerges === 0 ? "met" : "MISSED"],
  [
    "confidence TP / FP (mean)",
    `${mean(confidence.tp).toFixed(2)} / ${Number.isNaN(mean(confidence.fp)) ? "–" : mean(confidence.fp).toFixed(2)}`,
    "",
    "",
  ],
];
const widths = [32, 9, 9, 8];
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 8)).join(" | ")} |`;
console.log(`Extraction evaluation — ${gold.articles.length} articles, gold ${goldPath}`);
console.log(line(["measure", "value", "count", "target"]));
console.log(line(widths.map((w) => "-".repeat(w))));
for (const row of rows) console.log(line(row));
console.log(`(${(elapsed / gold.articles.length).toFixed(1)} ms per article including start-up)`);
const details = [...misses, ...falsePositives.map((f) => `false positive ${f}`), ...fieldErrors];
if (details.length) {
  console.log("\nDetails:");
  for (const d of details) console.log(`- ${d}`);
}
if (variantDetails.length) {
  console.log("\nVariant groups:");
  for (const d of variantDetails) console.log(`- ${d}`);
}

function target(value: number, goal: number): string {
  return value >= goal ? "met" : "MISSED";
}

function locate(body: string, quote: string): { start: number; end: number } | null {
  const at = body.indexOf(quote);
  if (at >= 0) return { start: at, end: at + quote.length };
  // Tolerate whitespace and quote-mark differences between the label and the cleaned body.
  const squash = (s: string) => s.replace(/[‘’]/g, "'").replace(/[“”]/g, '"');
  const at2 = squash(body).indexOf(squash(quote));
  return at2 >= 0 ? { start: at2, end: at2 + quote.length } : null;
}

function matchEntity(entities: ExtractedEntity[], ge: GoldEntity): ExtractedEntity | null {
  const names = new Set([ge.name, ...ge.aliases].map(normalizeName));
  return (
    entities.find((e) => names.has(normalizeName(e.name))) ??
    entities.find((e) => e.aliases.some((a) => names.has(normalizeName(a)))) ??
    null
  );
}

function sameEntity(article: GoldArticle, ours: string | null, theirs: string | null): boolean {
  if (ours === null || theirs === null) return ours === theirs;
  const a = normalizeName(ours);
  const b = normalizeName(theirs);
  if (a === b) return true;
  const ge = article.entities.find((e) => normalizeName(e.name) === b);
  return !!ge && [ge.name, ...ge.aliases].some((n) => normalizeName(n) === a);
}

function sameDate(ours: ExtractedClaim["statedOn"], theirs: GoldDate | null): boolean {
  if (!ours || !theirs) return ours === theirs;
  const rank: Record<string, number> = { day: 0, week: 1, month: 2, year: 3, unknown: 4 };
  // Ours may be finer than the label, never coarser; they must agree at the label's precision.
  if ((rank[ours.precision] ?? 4) > (rank[theirs.precision] ?? 4)) return false;
  const g =
    theirs.date.length === 7
      ? `${theirs.date}-01`
      : theirs.date.length === 4
        ? `${theirs.date}-01-01`
        : theirs.date;
  switch (theirs.precision) {
    case "day":
      return ours.date === g;
    case "week":
      return isoWeek(ours.date) === isoWeek(g);
    case "month":
      return ours.date.slice(0, 7) === g.slice(0, 7);
    case "year":
      return ours.date.slice(0, 4) === g.slice(0, 4);
    default:
      return true;
  }
}

function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const monday = new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000);
  return monday.toISOString().slice(0, 10);
}

function scoreFields(article: GoldArticle, g: GoldClaim, c: ExtractedClaim): void {
  const check = (name: keyof typeof fields, ok: boolean, detail: string) => {
    fields[name].n++;
    if (ok) fields[name].ok++;
    else fieldErrors.push(`${article.file}: ${name} ${detail} for "${g.quote}"`);
  };
  check("qualifier", c.qualifier === g.qualifier, `${c.qualifier} ≠ ${g.qualifier}`);
  check("metric", c.metric === g.metric, `${c.metric} ≠ ${g.metric}`);
  check("rate", c.rate === (g.rate ?? "total"), `${c.rate} ≠ ${g.rate ?? "total"}`);
  check("source", sameEntity(article, c.source, g.source), `${c.source} ≠ ${g.source}`);
  const via = c.via[c.via.length - 1]?.name ?? null;
  check("via", sameEntity(article, via, g.via), `${via} ≠ ${g.via}`);
  check("location", sameEntity(article, c.location, g.location), `${c.location} ≠ ${g.location}`);
  check(
    "statedOn",
    sameDate(c.statedOn, g.statedOn),
    `${JSON.stringify(c.statedOn)} ≠ ${JSON.stringify(g.statedOn)}`,
  );
}
