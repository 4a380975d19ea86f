/**
 * Scores packages/extract against hand labels, split by split, reading texts and labels at run time:
 *  - seeds:   ../shared/gold/seeds.json on ../shared/seeds (or HEADCOUNT_GOLD / HEADCOUNT_SEEDS);
 *  - dev:     tests/extraction/dev-a, dev-b and dev-c, real reporting the extractor is tuned against;
 *  - heldout: tests/extraction/heldout, real reporting never tuned against (its misses are listed only with
 *             --details, so that reading the report does not become tuning).
 * `npm run eval:extract [-- --split seeds|dev|heldout ...] [--details]`; LABELLING.md gives the labelling rules.
 *
 * Matching: an extracted claim overlaps a gold claim when its span overlaps the gold quote (or one of its
 * `alsoAt` quotes) in the body; the gold claim is found when, in addition, the intervals agree. Optional gold
 * claims are neither required nor penalised. An extracted claim marked `duplicateOf` a claim it repeats is an
 * appearance, not a new claim; a second, unlinked claim for one gold claim's other appearance counts against
 * precision (the figure would be counted twice). Field accuracies are over found claims.
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
  alsoAt?: string[];
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
  refersFrom?: GoldDate | null;
  refersTo?: GoldDate | null;
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
/** One folder of texts with its labels and manifest. */
interface LabelledFolder {
  gold: string;
  texts: string;
}
interface Split {
  name: string;
  description: string;
  folders: LabelledFolder[];
  /** Print each miss and false positive (off for the held-out split unless asked). */
  details: boolean;
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const here = dirname(fileURLToPath(import.meta.url));
// Evaluation-only settings (not build inputs, so turbo need not know them).
const { HEADCOUNT_GOLD: goldSetting, HEADCOUNT_SEEDS: seedsSetting } = process.env;
const seedGold = goldSetting ?? join(root, "../shared/gold/seeds.json");
const args = process.argv.slice(2);
const wanted = args.flatMap((a, i) => (args[i - 1] === "--split" ? [a] : []));
const showAll = args.includes("--details");

const folder = (name: string): LabelledFolder => ({
  gold: join(here, name, "gold.json"),
  texts: join(here, name),
});
const splits: Split[] = [
  {
    name: "seeds",
    description: "the five seed articles",
    folders: [{ gold: seedGold, texts: seedsSetting ?? join(dirname(dirname(seedGold)), "seeds") }],
    details: true,
  },
  {
    name: "dev",
    description: "real reporting, tuned against",
    folders: [folder("dev-a"), folder("dev-b"), folder("dev-c")],
    details: true,
  },
  {
    name: "heldout",
    description: "real reporting, never tuned against",
    folders: [folder("heldout")],
    details: showAll,
  },
];

for (const split of splits) {
  if (wanted.length && !wanted.includes(split.name)) continue;
  const present = split.folders.filter((f) => existsSync(f.gold));
  if (!present.length) {
    console.log(`Split ${split.name}: no labels found (${split.folders.map((f) => f.gold).join(", ")})\n`);
    continue;
  }
  evaluateSplit({ ...split, folders: present });
  console.log("");
}

type Tally = { ok: number; n: number };

function evaluateSplit(split: Split): void {
  const tally = (): Tally => ({ ok: 0, n: 0 });
  const fields = {
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
  };
  let goldRequired = 0;
  let found = 0;
  let extractedCounted = 0;
  let truePositives = 0;
  const appearances = tally();
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
  let articles = 0;
  const started = performance.now();

  for (const labelled of split.folders) {
    const gold = JSON.parse(readFileSync(labelled.gold, "utf8")) as { articles: GoldArticle[] };
    const manifestPath = join(labelled.texts, "manifest.json");
    const manifest: ManifestEntry[] = existsSync(manifestPath)
      ? (JSON.parse(readFileSync(manifestPath, "utf8")) as { articles: ManifestEntry[] }).articles
      : [];
    for (const article of gold.articles) {
      articles++;
      scoreArticle(article, labelled, manifest);
    }
  }

  function scoreArticle(article: GoldArticle, labelled: LabelledFolder, manifest: ManifestEntry[]): void {
    const meta = manifest.find((m) => m.file === article.file);
    const text = readFileSync(join(labelled.texts, article.file), "utf8");
    const result = extractArticle(text, {
      publishedAt: meta?.publishedAt ?? null,
      precision: (meta?.precision as ExtractedArticle["precision"]) ?? null,
      outlet: meta?.outlet ?? null,
      url: meta?.url ?? null,
    });
    perArticle.push({ file: article.file, entities: result.entities, gold: article });
    const body = result.body;
    const rootOf = (i: number): number => {
      let at = i;
      for (let hops = 0; hops < result.claims.length; hops++) {
        const next = result.claims[at]?.duplicateOf;
        if (next === null || next === undefined) break;
        at = next;
      }
      return at;
    };

    titles.n++;
    if ((result.title || null) === (article.title ?? null)) titles.ok++;

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
      if (!g.optional) goldRequired++;
      const span = locate(body, g.quote);
      const otherSpans = (g.alsoAt ?? []).map((q) => ({ quote: q, span: locate(body, q) }));
      if (!span) {
        if (!g.optional) misses.push(`${article.file}: gold quote not in body: "${g.quote}"`);
        continue;
      }
      const agree = (c: ExtractedClaim) => c.valueLow === g.valueLow && c.valueHigh === g.valueHigh;
      const overlapping = (s: { start: number; end: number }) =>
        result.claims
          .map((c, i) => ({ c, i }))
          .filter(({ c, i }) => !used.has(i) && c.start < s.end && s.start < c.end);
      const candidates = overlapping(span);
      const spanned = otherSpans.flatMap(({ span: s }) => (s ? overlapping(s) : []));
      const agreeing = candidates.filter(({ c }) => agree(c));
      const agreeingElsewhere = spanned.filter(({ c }) => agree(c));
      const pick =
        agreeing.find(({ c }) => c.duplicateOf === null) ??
        agreeing[0] ??
        agreeingElsewhere.find(({ c }) => c.duplicateOf === null) ??
        agreeingElsewhere[0] ??
        candidates[0];
      if (!pick) {
        if (!g.optional) misses.push(`${article.file}: missed "${g.quote}"`);
        continue;
      }
      used.add(pick.i);
      if (g.optional) {
        if (agree(pick.c)) matchedGold.set(pick.i, g);
        continue;
      }
      fields.interval.n++;
      if (!agree(pick.c)) {
        misses.push(
          `${article.file}: interval [${pick.c.valueLow}, ${pick.c.valueHigh}] ≠ gold [${g.valueLow}, ${g.valueHigh}] for "${g.quote}"`,
        );
        used.delete(pick.i);
        continue;
      }
      fields.interval.ok++;
      found++;
      matchedGold.set(pick.i, g);
      scoreFields(article, g, pick.c, result.entities);

      // Other appearances of the same claim: found, and linked to the same claim rather than counted anew.
      for (const { quote, span: s } of [{ quote: g.quote, span }, ...otherSpans]) {
        if (quote !== g.quote) appearances.n++;
        if (!s) {
          if (quote !== g.quote)
            fieldErrors.push(`${article.file}: appearance quote not in body: "${quote}"`);
          continue;
        }
        const here = result.claims
          .map((c, i) => ({ c, i }))
          .filter(
            ({ c, i }) => i !== pick.i && !used.has(i) && c.start < s.end && s.start < c.end && agree(c),
          );
        for (const { i } of here) otherAppearance.set(i, pick.i);
        if (quote === g.quote) continue;
        const inside = pick.c.start < s.end && s.start < pick.c.end;
        const linked = here.find(({ i }) => rootOf(i) === rootOf(pick.i));
        if (inside || linked) appearances.ok++;
        else
          fieldErrors.push(
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
        if (target && targetGold && target.valueLow === c.valueLow && target.valueHigh === c.valueHigh)
          return;
      }
      extractedCounted++;
      if (g) {
        truePositives++;
        confidence.tp.push(c.confidence);
      } else {
        confidence.fp.push(c.confidence);
        falsePositives.push(
          `${article.file}: "${c.quote}" [${c.valueLow}, ${c.valueHigh}] ${c.metric}${sameAs !== undefined ? " (a second claim for one figure)" : ""} conf ${c.confidence}`,
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
        else fieldErrors.push(`${article.file}: entity type ${match.type} ≠ ${ge.type} for ${ge.name}`);
      } else fieldErrors.push(`${article.file}: entity not recalled: ${ge.name} (${ge.type})`);
    }
  }

  function scoreFields(
    article: GoldArticle,
    g: GoldClaim,
    c: ExtractedClaim,
    entities: ExtractedEntity[],
  ): void {
    const check = (name: keyof typeof fields, ok: boolean, detail: string) => {
      fields[name].n++;
      if (ok) fields[name].ok++;
      else fieldErrors.push(`${article.file}: ${name} ${detail} for "${g.quote}"`);
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

  // Cross-article variants: entities of one gold name seen in several articles must land in one group.
  const all = perArticle.flatMap((a) => a.entities.map((e) => ({ entity: e, file: a.file })));
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
  for (const a of perArticle) {
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
  let falseMerges = 0;
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
  const row = (name: string, t: Tally, goal?: number): [string, string, string, string] => [
    name,
    fmt(pct(t)),
    `${t.ok}/${t.n}`,
    goal === undefined ? "" : target(pct(t), goal),
  ];
  const rows: [string, string, string, string][] = [
    ["claim precision", fmt(precision), `${truePositives}/${extractedCounted}`, target(precision, 0.95)],
    ["claim recall", fmt(recall), `${found}/${goldRequired}`, target(recall, 0.95)],
    ["claim F1", fmt(f1), "", target(f1, 0.95)],
    row("interval (overlapping)", fields.interval, 0.98),
    row("qualifier", fields.qualifier),
    row("metric", fields.metric, 0.9),
    row("rate", fields.rate),
    row("speaker (source, strict)", fields.source, 0.8),
    row("speaker or relay", fields.sourceOrRelay),
    row("attributed when gold has one", fields.attributed),
    row("via (last relay)", fields.via),
    row("location", fields.location),
    row("statedOn", fields.statedOn),
    row("period (from, to)", fields.period),
    row("period, where labelled", fields.periodLabelled),
    row("appearances linked", appearances),
    row("negatives rejected", negatives, 1),
    row("boilerplate removed", boilerplate),
    row("title", titles),
    row("entity recall", entityRecall),
    row("entity type (recalled)", entityType),
    row("cross-article variants grouped", variantGroups),
    row("cross-article entities grouped", crossGroups),
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
  console.log(
    `Split ${split.name} (${split.description}) — ${articles} articles, ${goldRequired} labelled claims; ${split.folders
      .map((f) => f.gold.replace(`${root}/`, ""))
      .join(", ")}`,
  );
  console.log(line(["measure", "value", "count", "target"]));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log(`(${(elapsed / Math.max(articles, 1)).toFixed(1)} ms per article including start-up)`);
  const details = [...misses, ...falsePositives.map((f) => `false positive ${f}`), ...fieldErrors];
  if (!split.details) {
    console.log(
      `(${details.length} details withheld: this split is not tuned against; --details shows them)`,
    );
    return;
  }
  if (details.length) {
    console.log("\nDetails:");
    for (const d of details) console.log(`- ${d}`);
  }
  if (variantDetails.length) {
    console.log("\nVariant groups:");
    for (const d of variantDetails) console.log(`- ${d}`);
  }
}

function target(value: number, goal: number): string {
  return value >= goal ? "met" : "MISSED";
}

function locate(body: string, quote: string): { start: number; end: number } | null {
  const at = body.indexOf(quote);
  if (at >= 0) return { start: at, end: at + quote.length };
  // Tolerate quote-mark differences between the label and the cleaned body.
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

/**
 * One entity under two spellings: the label's name or aliases, or the aliases the extractor itself gathered
 * for the entity it names (it read "AFP" in the text and filed it under "Agence France-Presse").
 */
function sameEntity(
  article: GoldArticle,
  ours: string | null,
  theirs: string | null,
  entities: ExtractedEntity[] = [],
): boolean {
  if (ours === null || theirs === null) return ours === theirs;
  const a = normalizeName(ours);
  const b = normalizeName(theirs);
  if (a === b) return true;
  const ge = article.entities.find((e) => normalizeName(e.name) === b);
  const goldNames = new Set([theirs, ...(ge ? [ge.name, ...ge.aliases] : [])].map(normalizeName));
  if (goldNames.has(a)) return true;
  const mine = entities.find((e) => normalizeName(e.name) === a);
  return !!mine && mine.aliases.some((n) => goldNames.has(normalizeName(n)));
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
