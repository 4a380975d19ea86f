/**
 * `npm run extract -- FILE_OR_DIR... [--json]`: claims and entities of text files, no database needed.
 * Publication metadata comes from a `manifest.json` beside the files and from `Source:` / `Date:` headers.
 * A file that cannot be read is reported on stderr by name; the others are still processed (exit 1).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Precision } from "@headcount/shared";
import { type ExtractedArticle, type ExtractedClaim, extractArticle } from "./index.ts";

interface ManifestEntry {
  file: string;
  outlet?: string | null;
  url?: string | null;
  publishedAt?: string | null;
  precision?: Precision | null;
}

const args = process.argv.slice(2);
const json = args.includes("--json");
const inputs = args.filter((a) => !a.startsWith("--"));
if (!inputs.length) {
  process.stderr.write("usage: npm run extract -- FILE_OR_DIR... [--json]\n");
  process.exit(2);
}

const manifests = new Map<string, ManifestEntry[]>();
function manifestFor(dir: string): ManifestEntry[] {
  let entries = manifests.get(dir);
  if (entries) return entries;
  entries = [];
  const path = join(dir, "manifest.json");
  if (existsSync(path)) {
    try {
      const parsed = JSON.parse(readFileSync(path, "utf8")) as { articles?: ManifestEntry[] };
      entries = Array.isArray(parsed.articles) ? parsed.articles : [];
    } catch (error) {
      process.stderr.write(`${path}: ignored, not valid JSON (${(error as Error).message})\n`);
    }
  }
  manifests.set(dir, entries);
  return entries;
}

let failed = false;
const files: string[] = [];
for (const input of inputs) {
  if (!existsSync(input)) {
    process.stderr.write(`${input}: no such file or directory\n`);
    failed = true;
    continue;
  }
  if (statSync(input).isDirectory()) {
    const found = readdirSync(input)
      .filter((name) => /\.(?:txt|md)$/i.test(name))
      .sort()
      .map((name) => join(input, name));
    if (!found.length) process.stderr.write(`${input}: no .txt or .md files\n`);
    files.push(...found);
  } else files.push(input);
}

const results: Record<string, unknown>[] = [];
for (const file of files) {
  let text: string;
  try {
    const buffer = readFileSync(file);
    if (buffer.includes(0)) throw new Error("binary file, not text");
    text = buffer.toString("utf8");
    if (!text.trim()) throw new Error("empty file");
  } catch (error) {
    process.stderr.write(
      `${file}: ${(error as NodeJS.ErrnoException).code ?? ""} ${(error as Error).message}\n`.replace(
        /: {2}/,
        ": ",
      ),
    );
    failed = true;
    continue;
  }
  const meta = manifestFor(dirname(file)).find((m) => m.file === basename(file));
  try {
    const article = extractArticle(text, {
      publishedAt: meta?.publishedAt ?? null,
      precision: meta?.precision ?? null,
      outlet: meta?.outlet ?? null,
      url: meta?.url ?? null,
    });
    results.push(summarise(file, article));
    if (!json) printHuman(file, article);
  } catch (error) {
    process.stderr.write(`${file}: extraction failed: ${(error as Error).message}\n`);
    failed = true;
  }
}
if (json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
process.exitCode = failed ? 1 : 0;

function summarise(file: string, article: ExtractedArticle): Record<string, unknown> {
  return {
    file,
    title: article.title || null,
    publishedAt: article.publishedAt,
    precision: article.precision,
    outlet: article.outlet,
    extractorVersion: article.extractorVersion,
    claims: article.claims.map((c) => ({
      quote: c.quote,
      start: c.start,
      end: c.end,
      valueLow: c.valueLow,
      valueHigh: c.valueHigh,
      valueBest: c.valueBest,
      qualifier: c.qualifier,
      hedge: c.hedge,
      metric: c.metric,
      rate: c.rate,
      subject: c.subject,
      location: c.location,
      source: c.source,
      via: c.via.map((v) => v.name),
      statedOn: c.statedOn,
      refersFrom: c.refersFrom,
      refersTo: c.refersTo,
      confidence: c.confidence,
      duplicateOf: c.duplicateOf,
    })),
    entities: article.entities.map((e) => ({ name: e.name, type: e.type, aliases: e.aliases })),
  };
}

function value(c: ExtractedClaim): string {
  const n = (x: number | null) => (x === null ? "?" : x.toLocaleString("en-US"));
  const rate =
    c.rate === "per_day" ? " a day" : c.rate === "per_week" ? " a week" : c.rate === "percent" ? " %" : "";
  switch (c.qualifier) {
    case "exact":
      return `${n(c.valueBest)}${rate}`;
    case "approximate":
      return `~${n(c.valueBest)}${rate}`;
    case "up_to":
    case "at_most":
      return `≤ ${n(c.valueHigh)}${rate}`;
    case "more_than":
    case "at_least":
      return `≥ ${n(c.valueLow)}${rate}`;
    default:
      return `${n(c.valueLow)}–${n(c.valueHigh)}${rate}`;
  }
}

function printHuman(file: string, article: ExtractedArticle): void {
  const lines = [
    `${file}`,
    `  title:     ${article.title || "(none)"}`,
    `  published: ${article.publishedAt ?? "unknown"} (${article.precision})${article.outlet ? `  outlet: ${article.outlet}` : ""}`,
    `  claims:    ${article.claims.length}`,
  ];
  article.claims.forEach((c, i) => {
    const who = c.source
      ? `${c.source}${c.via.length ? ` via ${c.via.map((v) => v.name).join(" → ")}` : ""}`
      : "unattributed";
    const when = c.statedOn ? `${c.statedOn.date} (${c.statedOn.precision})` : "date unknown";
    const dup = c.duplicateOf !== null ? `  [repeats #${c.duplicateOf + 1}]` : "";
    lines.push(
      `   ${i + 1}. ${value(c)} ${c.subject} — ${c.metric}${c.location ? ` in ${c.location}` : ""}; ${who}; ${when}; confidence ${c.confidence.toFixed(2)}${dup}`,
      `      “${c.quote}”`,
    );
  });
  const people = article.entities.filter((e) => e.type === "person").map((e) => e.name);
  const orgs = article.entities.filter((e) => e.type === "organization").map((e) => e.name);
  const places = article.entities.filter((e) => e.type === "place").map((e) => e.name);
  if (people.length) lines.push(`  people:    ${people.join(", ")}`);
  if (orgs.length) lines.push(`  orgs:      ${orgs.join(", ")}`);
  if (places.length) lines.push(`  places:    ${places.join(", ")}`);
  process.stdout.write(`${lines.join("\n")}\n\n`);
}
