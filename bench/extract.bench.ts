/**
 * Extraction throughput: articles per second on one core for ~4 KB articles.
 * Run: `npx tsx bench/extract.bench.ts` (pin to a core with `taskset -c 0` for a one-core figure).
 * The corpus is built from sentences written for this benchmark by a fixed-seed generator, so every run
 * extracts the same articles. Reports the median of several timed runs after a warm-up.
 */
import { extractArticle } from "../packages/extract/src/index.ts";
import { seededRandom } from "./random.ts";

const ARTICLES = Number(process.argv[2] ?? 200);
const RUNS = Number(process.argv[3] ?? 7);

const PEOPLE = [
  "Marta Kowalski",
  "Idris Bello",
  "Henrik Sand",
  "Lucia Ferraro",
  "Tomasz Nowak",
  "Amara Diallo",
];
const TITLES = ["Defence Minister", "Army spokesman", "Foreign Minister", "Governor", "General"];
const PLACES = [
  "the Kharkiv region",
  "eastern Ukraine",
  "the Belgorod region",
  "Crimea",
  "the border",
  "Donetsk",
];
const SOURCES = [
  "the Pentagon",
  "Reuters",
  "the Kremlin",
  "NATO",
  "local officials",
  "the Institute for the Study of War",
];
const SUBJECTS = [
  "troops",
  "soldiers",
  "North Korean soldiers",
  "mercenaries",
  "conscripts",
  "Russian paratroopers",
];
const HEDGES = ["about", "more than", "as many as", "nearly", "at least", "some", "up to", ""];
const DAYS = ["on Monday", "on Tuesday", "last week", "on October 12", "earlier this month", ""];

const TEMPLATES: ((p: (xs: string[]) => string, n: () => string) => string)[] = [
  (p, n) =>
    `${cap(p(SOURCES))} said ${p(DAYS)} that ${p(HEDGES)} ${n()} ${p(SUBJECTS)} had been deployed to ${p(PLACES)}.`,
  (p, n) =>
    `${cap(p(HEDGES))} ${n()} ${p(SUBJECTS)} were killed or wounded in ${p(PLACES)}, according to ${p(SOURCES)}.`,
  (p, n) =>
    `${p(TITLES)} ${p(PEOPLE)} told reporters ${p(DAYS)} that ${n()} more ${p(SUBJECTS)} would arrive within weeks.`,
  (p, n) =>
    `“We estimate that ${p(HEDGES)} ${n()} ${p(SUBJECTS)} are now in ${p(PLACES)},” ${p(PEOPLE)} said.`,
  () =>
    `The talks, held in Geneva on the 80th anniversary of the treaty, lasted 14 hours and covered $250 million in aid.`,
  (p) => `Residents of ${p(PLACES)} described long queues for fuel and bread as winter approached.`,
  (p, n) => `Losses ran at ${n()} ${p(SUBJECTS)} a day during the offensive, ${p(SOURCES)} reported.`,
  (p) =>
    `The 47th Mechanized Brigade held its positions for a third week despite heavy shelling near ${p(PLACES)}.`,
  () => `Analysts said the deployment reflected a shift in strategy rather than a sign of strength.`,
  (p, n) =>
    `Thousands of ${p(SUBJECTS)} have been sent to ${p(PLACES)} since October, while another ${n()} are being trained.`,
  (p) => `${p(PEOPLE)}, a former ${p(TITLES).toLowerCase()}, said the offensive had stalled in ${p(PLACES)}.`,
];

function cap(s: string): string {
  return s ? s[0]?.toUpperCase() + s.slice(1) : s;
}

function buildArticle(seed: number): string {
  const random = seededRandom(seed);
  const pick = (xs: string[]) => xs[Math.floor(random() * xs.length)] ?? "";
  const number = () => (Math.floor(random() * 190) * 100 + 200).toLocaleString("en-US");
  const lines = [`Fighting intensifies as troops move toward ${pick(PLACES)}`, ""];
  let size = 0;
  while (size < 4000) {
    const paragraph: string[] = [];
    for (let i = 0; i < 3; i++) {
      const template = TEMPLATES[Math.floor(random() * TEMPLATES.length)];
      if (template) paragraph.push(template(pick, number).replace(/\s{2,}/g, " "));
    }
    const text = paragraph.join(" ");
    lines.push(text, "");
    size += text.length + 2;
  }
  return lines.join("\n");
}

const corpus = Array.from({ length: ARTICLES }, (_, i) => buildArticle(1000 + i));
const meanBytes = corpus.reduce((s, a) => s + Buffer.byteLength(a), 0) / corpus.length;

// Warm-up: module loading, lexicon tables, JIT.
for (const article of corpus.slice(0, 20))
  extractArticle(article, { publishedAt: "2024-11-05", precision: "day" });

const rates: number[] = [];
// CPU time as well as wall time: on a shared machine the wall clock also counts time spent waiting for the core.
const cpuRates: number[] = [];
let claims = 0;
for (let run = 0; run < RUNS; run++) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  claims = 0;
  for (const article of corpus)
    claims += extractArticle(article, { publishedAt: "2024-11-05", precision: "day" }).claims.length;
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  rates.push(corpus.length / seconds);
  cpuRates.push(corpus.length / ((cpu.user + cpu.system) / 1e6));
}
rates.sort((a, b) => a - b);
cpuRates.sort((a, b) => a - b);
const median = rates[Math.floor(rates.length / 2)] ?? 0;
const cpuMedian = cpuRates[Math.floor(cpuRates.length / 2)] ?? 0;
console.log(
  JSON.stringify(
    {
      articles: corpus.length,
      meanArticleBytes: Math.round(meanBytes),
      runs: RUNS,
      claimsPerRun: claims,
      articlesPerSecond: {
        median: Math.round(median),
        min: Math.round(rates[0] ?? 0),
        max: Math.round(rates[rates.length - 1] ?? 0),
      },
      articlesPerCpuSecond: {
        median: Math.round(cpuMedian),
        min: Math.round(cpuRates[0] ?? 0),
        max: Math.round(cpuRates[cpuRates.length - 1] ?? 0),
      },
      msPerArticle: Number((1000 / median).toFixed(2)),
      node: process.version,
    },
    null,
    2,
  ),
);
