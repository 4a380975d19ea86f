/**
 * Scores the extractor against hand labels, split by split, reading texts and labels at run time:
 *  - seeds:   ../shared/gold/seeds.json on ../shared/seeds (or HEADCOUNT_GOLD / HEADCOUNT_SEEDS);
 *  - dev:     tests/extraction/dev-a … dev-l, real reporting the extractor is tuned against;
 *  - heldout: tests/extraction/heldout, real reporting never tuned against (its misses are listed only with
 *             --details, so that reading the report does not become tuning).
 * `npm run eval:extract [-- --split seeds|dev|heldout ...] [--details]`; `--folder dev-k` scores one folder of
 * tests/extraction on its own (a new folder's blind score, say). tests/extraction/LABELLING.md gives the labelling
 * rules, score.ts the matching rules.
 * Exit code is non-zero only on a crash: targets met or missed are printed in the table.
 */
import { existsSync } from "node:fs";
import { folder, labelledArticles, ROOT, type Split, splits } from "./gold.ts";
import { printReport } from "./report.ts";
import { newScores, scoreArticle, scoreVariants } from "./score.ts";

const args = process.argv.slice(2);
const wanted = args.flatMap((a, i) => (args[i - 1] === "--split" ? [a] : []));
const folders = args.flatMap((a, i) => (args[i - 1] === "--folder" ? [a] : []));
const details = args.includes("--details");
const chosen: Split[] = folders.length
  ? folders.map((name) => ({
      name,
      description: `the folder tests/extraction/${name} on its own`,
      folders: [folder(name)],
      // The held-out folder's misses stay hidden unless asked for, as in its split.
      details: name !== "heldout" || details,
    }))
  : splits(details);

for (const split of chosen) {
  if (wanted.length && !wanted.includes(split.name)) continue;
  const present = split.folders.filter((f) => existsSync(f.gold));
  if (!present.length) {
    console.log(`Split ${split.name}: no labels found (${split.folders.map((f) => f.gold).join(", ")})\n`);
    continue;
  }
  evaluateSplit({ ...split, folders: present });
  console.log("");
}

function evaluateSplit(split: Split): void {
  const started = performance.now();
  const scores = newScores();
  for (const folder of split.folders) {
    for (const article of labelledArticles(folder)) scoreArticle(scores, article);
  }
  const variants = scoreVariants(scores);
  printReport(split, scores, variants, performance.now() - started, ROOT);
}
