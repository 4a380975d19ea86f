/**
 * A deterministic synthetic corpus of conflict reporting: articles of about 4 KB built from sentences
 * that exercise what the extractor must handle (hedges, ranges, word numbers, rates, percentages,
 * attribution and relay chains, relative dates, places, and numbers that are not claims), with sources,
 * outlets and dates spread over three years. The same seed always gives the same articles.
 *
 *   npx tsx bench/corpus.ts --count 1000 --out /tmp/corpus [--seed 7]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { seededRandom } from "./random.ts";

export interface GeneratedArticle {
  file: string;
  title: string;
  outlet: string;
  publishedAt: string;
  precision: "day";
  text: string;
}

const OUTLETS = [
  "Reuters",
  "Associated Press",
  "Agence France-Presse",
  "Yonhap News Agency",
  "BBC News",
  "The Kyiv Independent",
  "Al Jazeera",
  "The Guardian",
  "Deutsche Welle",
  "NHK World",
  "Radio Free Europe",
  "The New York Times",
];

const SOURCES = [
  { speaker: "the Pentagon", via: null },
  { speaker: "South Korea's National Intelligence Service", via: "lawmaker Park Sun-won" },
  { speaker: "Ukraine's military intelligence agency", via: null },
  { speaker: "NATO Secretary General Mark Rutte", via: null },
  { speaker: "the Russian Defence Ministry", via: "TASS" },
  { speaker: "U.S. Defense Secretary Lloyd Austin", via: null },
  { speaker: "the Institute for the Study of War", via: null },
  { speaker: "a senior U.S. official", via: null },
  { speaker: "Ukrainian President Volodymyr Zelensky", via: null },
  { speaker: "the British Ministry of Defence", via: null },
  { speaker: "South Korean Defence Minister Shin Won-sik", via: "Yonhap" },
  { speaker: "the Ukrainian General Staff", via: null },
];

const FORCES = [
  "North Korean troops",
  "North Korean soldiers",
  "Russian servicemen",
  "Ukrainian soldiers",
  "Wagner mercenaries",
  "conscripts",
  "special forces",
  "military engineers",
  "sappers",
];

const PLACES = [
  "the Kursk region",
  "eastern Ukraine",
  "the Donetsk region",
  "the Zaporizhzhia front",
  "Belgorod",
  "the Russian Far East",
  "Kharkiv",
  "southern Russia",
];

const SAY = ["said", "estimated", "told reporters", "claimed", "confirmed", "warned", "reported"];

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

const FILLER = [
  "The figures could not be independently verified.",
  "Officials did not say how the estimate was reached.",
  "The assessment comes amid intense fighting along the front line.",
  "Analysts cautioned that battlefield numbers are often inflated by both sides.",
  "The 61st Mechanized Brigade said it had repelled several assaults overnight.",
  "The ceremony marked the 80th anniversary of the end of the war.",
  "Aid groups said the conflict has cost more than $100 billion in damage.",
  "The column moved about 30 kilometres in two days, according to satellite images.",
  "Diplomats met in Geneva on the sidelines of the conference.",
  "Moscow has denied the reports and called them provocations.",
  "The talks are expected to resume next month.",
  "The ministry published photographs of destroyed equipment, including 12 tanks.",
];

function pick<T>(next: () => number, items: readonly T[]): T {
  return items[Math.floor(next() * items.length)] as T;
}

function formatNumber(value: number): string {
  return value.toLocaleString("en-US");
}

const WORD_NUMBERS: Record<number, string> = {
  1000: "one thousand",
  2000: "two thousand",
  3000: "three thousand",
  5000: "five thousand",
  1200: "twelve hundred",
};

function claimSentence(next: () => number, weekday: string): string {
  const source = pick(next, SOURCES);
  const force = pick(next, FORCES);
  const place = pick(next, PLACES);
  const verb = pick(next, SAY);
  const n = Math.round((500 + next() * 14_500) / 100) * 100;
  const relay = source.via ? `, according to ${source.via}` : "";
  const speaker = source.speaker.charAt(0).toUpperCase() + source.speaker.slice(1);
  switch (Math.floor(next() * 12)) {
    case 0:
      return `${speaker} ${verb} on ${weekday} that about ${formatNumber(n)} ${force} had been sent to ${place}${relay}.`;
    case 1:
      return `As many as ${formatNumber(n)} ${force} were deployed to ${place}, ${source.speaker} ${verb}.`;
    case 2:
      return `According to ${source.speaker}, more than ${formatNumber(n)} ${force} have been killed or wounded in ${place} since October.`;
    case 3:
      return `${speaker} ${verb} that between ${formatNumber(n)} and ${formatNumber(n + 2_000)} ${force} were stationed in ${place}.`;
    case 4:
      return `${speaker} estimated that ${force} were suffering roughly ${formatNumber(Math.round(n / 10))} casualties a day in ${place}.`;
    case 5:
      return `Thousands of ${force} are expected to arrive in ${place} by December, ${source.speaker} ${verb}.`;
    case 6:
      return `${speaker} ${verb} last week that nearly ${Math.round(10 + next() * 40)}% of the ${force} in ${place} had become casualties.`;
    case 7: {
      const round = pick(next, [1_000, 2_000, 3_000, 5_000, 1_200]);
      return `${speaker} ${verb} that ${WORD_NUMBERS[round]} ${force} had been captured near ${place}.`;
    }
    case 8:
      return `An additional ${formatNumber(Math.round(n / 5))} ${force} will be sent to ${place} in the coming weeks, ${source.speaker} ${verb}.`;
    case 9:
      return `At least ${formatNumber(Math.round(n / 3))} ${force} have died in ${place}, ${source.speaker} ${verb} in a statement on ${weekday}.`;
    case 10:
      return `${speaker} ${verb} that up to ${formatNumber(n)} ${force} could be recruited for the campaign in ${place}.`;
    default:
      return `Some ${formatNumber(n)} ${force} remain in ${place}, ${source.speaker} ${verb}${relay}.`;
  }
}

export function generateArticle(index: number, seed = 7): GeneratedArticle {
  const next = seededRandom(seed * 1_000_003 + index);
  const outlet = pick(next, OUTLETS);
  // Three years of publication dates, from 2023-01-01.
  const day = new Date(Date.UTC(2023, 0, 1) + Math.floor(next() * 3 * 365) * 86_400_000);
  const publishedAt = day.toISOString().slice(0, 10);
  const weekday = pick(next, WEEKDAYS);
  const force = pick(next, FORCES);
  const place = pick(next, PLACES);
  const title = `Report ${index + 1}: ${force.charAt(0).toUpperCase() + force.slice(1)} in ${place.replace(/^the /, "")}`;
  const paragraphs: string[] = [];
  let length = title.length;
  while (length < 3_900) {
    const sentences = [claimSentence(next, weekday), pick(next, FILLER), pick(next, FILLER)];
    if (next() < 0.5) sentences.push(claimSentence(next, weekday));
    const paragraph = sentences.join(" ");
    paragraphs.push(paragraph);
    length += paragraph.length + 2;
  }
  const text = `${title}\nSource: ${outlet}\nDate: ${publishedAt}\n\n${paragraphs.join("\n\n")}\n`;
  return {
    file: `article-${String(index + 1).padStart(6, "0")}.txt`,
    title,
    outlet,
    publishedAt,
    precision: "day",
    text,
  };
}

export function* generateArticles(count: number, seed = 7): Generator<GeneratedArticle> {
  for (let index = 0; index < count; index++) yield generateArticle(index, seed);
}

/** Writes the articles and a manifest.json (the format of the seed corpus) into a folder. */
export function writeCorpus(folder: string, count: number, seed = 7): void {
  mkdirSync(folder, { recursive: true });
  const manifest: { articles: object[] } = { articles: [] };
  for (const article of generateArticles(count, seed)) {
    writeFileSync(path.join(folder, article.file), article.text);
    manifest.articles.push({
      file: article.file,
      outlet: article.outlet,
      url: null,
      publishedAt: article.publishedAt,
      precision: article.precision,
    });
  }
  writeFileSync(path.join(folder, "manifest.json"), `${JSON.stringify(manifest, null, 1)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      count: { type: "string", default: "100" },
      out: { type: "string" },
      seed: { type: "string", default: "7" },
    },
  });
  if (!values.out) {
    console.error("Usage: npx tsx bench/corpus.ts --count N --out FOLDER [--seed S]");
    process.exit(2);
  }
  writeCorpus(values.out, Number(values.count), Number(values.seed));
  console.log(`Wrote ${values.count} articles to ${values.out}`);
}
