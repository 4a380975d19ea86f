/**
 * The hand labels the evaluation scores against, and where they live: the seed articles' labels in
 * ../shared/gold/seeds.json (or HEADCOUNT_GOLD / HEADCOUNT_SEEDS), the dev and held-out splits in
 * tests/extraction/ (LABELLING.md there gives the labelling rules).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface GoldDate {
  date: string;
  precision: string;
}
export interface GoldClaim {
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
export interface GoldEntity {
  name: string;
  type: string;
  aliases: string[];
}
export interface GoldArticle {
  file: string;
  title: string | null;
  outlet: string | null;
  claims: GoldClaim[];
  negatives?: string[];
  boilerplate?: string[];
  entities: GoldEntity[];
}
export interface ManifestEntry {
  file: string;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  precision: string | null;
}
/** One folder of texts with its labels and manifest. */
export interface LabelledFolder {
  gold: string;
  texts: string;
}
export interface Split {
  name: string;
  description: string;
  folders: LabelledFolder[];
  /** Print each miss and false positive (off for the held-out split unless asked). */
  details: boolean;
}
/** One labelled article with its text and what the manifest says of it. */
export interface LabelledArticle {
  gold: GoldArticle;
  text: string;
  meta: ManifestEntry | undefined;
}

/** The repository's root folder. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const LABELS = join(ROOT, "tests/extraction");

export const folder = (name: string): LabelledFolder => ({
  gold: join(LABELS, name, "gold.json"),
  texts: join(LABELS, name),
});

/** The three splits; `showHeldOut` lists the held-out split's misses too. */
export function splits(showHeldOut: boolean): Split[] {
  // Evaluation-only settings (not build inputs, so turbo need not know them).
  const { HEADCOUNT_GOLD: goldSetting, HEADCOUNT_SEEDS: seedsSetting } = process.env;
  const seedGold = goldSetting ?? join(ROOT, "../shared/gold/seeds.json");
  return [
    {
      name: "seeds",
      description: "the five seed articles",
      folders: [{ gold: seedGold, texts: seedsSetting ?? join(dirname(dirname(seedGold)), "seeds") }],
      details: true,
    },
    {
      name: "dev",
      description: "real reporting, tuned against",
      folders: [
        folder("dev-a"),
        folder("dev-b"),
        folder("dev-c"),
        folder("dev-d"),
        folder("dev-e"),
        folder("dev-f"),
        folder("dev-g"),
        folder("dev-h"),
        folder("dev-i"),
        folder("dev-j"),
        folder("dev-k"),
        folder("dev-l"),
      ],
      details: true,
    },
    {
      name: "heldout",
      description: "real reporting, never tuned against",
      folders: [folder("heldout")],
      details: showHeldOut,
    },
  ];
}

/** The labelled articles of a folder, in the order of its gold file. */
export function* labelledArticles(labelled: LabelledFolder): Generator<LabelledArticle> {
  const gold = JSON.parse(readFileSync(labelled.gold, "utf8")) as { articles: GoldArticle[] };
  const manifestPath = join(labelled.texts, "manifest.json");
  const manifest: ManifestEntry[] = existsSync(manifestPath)
    ? (JSON.parse(readFileSync(manifestPath, "utf8")) as { articles: ManifestEntry[] }).articles
    : [];
  for (const article of gold.articles) {
    yield {
      gold: article,
      text: readFileSync(join(labelled.texts, article.file), "utf8"),
      meta: manifest.find((m) => m.file === article.file),
    };
  }
}
