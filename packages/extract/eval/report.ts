/** The printed report of one split: a table of measures against their targets, then the details. */
import type { Split } from "./gold.ts";
import type { Scores, Tally, VariantScores } from "./score.ts";

type Row = [string, string, string, string];

const pct = (t: Tally) => (t.n ? t.ok / t.n : 1);
const fmt = (x: number) => `${(x * 100).toFixed(1)} %`;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);

function target(value: number, goal: number): string {
  return value >= goal ? "met" : "MISSED";
}

function row(name: string, t: Tally, goal?: number): Row {
  return [name, fmt(pct(t)), `${t.ok}/${t.n}`, goal === undefined ? "" : target(pct(t), goal)];
}

/** The table's rows: claim precision and recall, field accuracies, entities and their grouping. */
export function measures(s: Scores, v: VariantScores): Row[] {
  const precision = s.extractedCounted ? s.truePositives / s.extractedCounted : 1;
  const recall = s.goldRequired ? s.found / s.goldRequired : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const { fields, confidence } = s;
  return [
    ["claim precision", fmt(precision), `${s.truePositives}/${s.extractedCounted}`, target(precision, 0.95)],
    ["claim recall", fmt(recall), `${s.found}/${s.goldRequired}`, target(recall, 0.95)],
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
    row("appearances linked", s.appearances),
    row("negatives rejected", s.negatives, 1),
    row("boilerplate removed", s.boilerplate),
    row("title", s.titles),
    row("entity recall", s.entityRecall),
    row("entity type (recalled)", s.entityType),
    row("cross-article variants grouped", v.variantGroups),
    row("cross-article entities grouped", v.crossGroups),
    ["suggested groups mixing two", String(v.mixedSuggestions), "", ""],
    v.automaticMerges.made === 0
      ? ["automatic merges right", "–", "0/0", "none made"]
      : row("automatic merges right", { ok: v.automaticMerges.correct, n: v.automaticMerges.made }, 0.98),
    [
      "confidence TP / FP (mean)",
      `${mean(confidence.tp).toFixed(2)} / ${Number.isNaN(mean(confidence.fp)) ? "–" : mean(confidence.fp).toFixed(2)}`,
      "",
      "",
    ],
  ];
}

/** Prints a split's report; its misses only where the split allows them to be read. */
export function printReport(split: Split, s: Scores, v: VariantScores, elapsed: number, root: string): void {
  const widths = [32, 9, 9, 8];
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 8)).join(" | ")} |`;
  console.log(
    `Split ${split.name} (${split.description}) — ${s.articles} articles, ${s.goldRequired} labelled claims; ${split.folders
      .map((f) => f.gold.replace(`${root}/`, ""))
      .join(", ")}`,
  );
  console.log(line(["measure", "value", "count", "target"]));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of measures(s, v)) console.log(line(r));
  console.log(`(${(elapsed / Math.max(s.articles, 1)).toFixed(1)} ms per article including start-up)`);
  const details = [...s.misses, ...s.falsePositives.map((f) => `false positive ${f}`), ...s.fieldErrors];
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
  if (v.variantDetails.length) {
    console.log("\nVariant groups:");
    for (const d of v.variantDetails) console.log(`- ${d}`);
  }
}
