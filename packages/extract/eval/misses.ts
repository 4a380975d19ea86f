/**
 * Lists the dev split's extraction errors grouped by kind, so that work on the extractor starts from the most
 * frequent kind: missing claim, extra claim, speaker wrong, interval, metric (and the other fields after).
 * Reads only the dev split (the heldout split is never looked at while changing the extractor).
 * `npx tsx packages/extract/eval/misses.ts [kind ...]` prints the counts, then the lines of the kinds asked for
 * (all kinds when none is given).
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const run = spawnSync(process.execPath, ["--import", "tsx", join(here, "evaluate.ts"), "--split", "dev"], {
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
if (run.status !== 0) {
  process.stderr.write(run.stderr);
  process.exit(run.status ?? 1);
}

const kinds: [string, RegExp][] = [
  ["missing claim", /: (missed "|gold quote not in body)/],
  ["extra claim", /^false positive /],
  ["speaker wrong", /: source /],
  ["interval", /: interval /],
  ["metric", /: metric /],
  ["qualifier", /: qualifier /],
  ["via", /: via /],
  ["period", /: period /],
  ["statedOn", /: statedOn /],
  ["location", /: location /],
  ["appearances", /: appearance /],
  ["entities", /: entity /],
];

const lines = run.stdout
  .split("\n")
  .filter((l) => l.startsWith("- ") && !l.startsWith("- MERGED") && !l.startsWith("- grouped"))
  .map((l) => l.slice(2));
const grouped = new Map<string, string[]>(kinds.map(([k]) => [k, []]));
grouped.set("other", []);
for (const l of lines) {
  const kind = kinds.find(([, re]) => re.test(l))?.[0] ?? "other";
  grouped.get(kind)?.push(l);
}

const asked = process.argv.slice(2);
console.log("Dev split errors by kind:");
for (const [kind, ls] of grouped) console.log(`  ${kind.padEnd(16)} ${ls.length}`);
for (const [kind, ls] of grouped) {
  if (!ls.length || (asked.length && !asked.includes(kind))) continue;
  console.log(`\n## ${kind} (${ls.length})`);
  for (const l of ls) console.log(`- ${l}`);
}
