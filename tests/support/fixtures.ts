import { createHash } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import { lookupName } from "../../apps/api/src/curation/names.ts";
import type { PrismaClient } from "../../apps/api/src/db/prisma.ts";
import type { Prisma } from "../../apps/api/src/generated/prisma/client.ts";

/** A global ID as the API encodes it. */
export function globalId(typename: string, id: number): string {
  return Buffer.from(`${typename}:${id}`).toString("base64");
}

type EntityInput = {
  type: "person" | "organization" | "place" | "group";
  name: string;
  aliases?: string[];
  affiliation?: string;
};

/** Who appears in the fixture corpus. Affiliations name entities listed earlier. */
const ENTITIES = {
  northKorea: { type: "place", name: "North Korea", aliases: ["DPRK"] },
  russia: { type: "place", name: "Russia" },
  unitedStates: { type: "place", name: "United States", aliases: ["US", "U.S."] },
  southKorea: { type: "place", name: "South Korea" },
  ukraine: { type: "place", name: "Ukraine" },
  kursk: { type: "place", name: "Kursk", aliases: ["Kursk region"] },
  kimJongUn: { type: "person", name: "Kim Jong Un", aliases: ["Kim Chŏng-ŭn"], affiliation: "northKorea" },
  pentagon: {
    type: "organization",
    name: "Pentagon",
    aliases: ["US Department of Defense"],
    affiliation: "unitedStates",
  },
  nis: {
    type: "organization",
    name: "National Intelligence Service",
    aliases: ["NIS"],
    affiliation: "southKorea",
  },
  lee: { type: "person", name: "Lee Seong-kweun", affiliation: "southKorea" },
  zelenskyy: {
    type: "person",
    name: "Volodymyr Zelenskyy",
    aliases: ["Zelensky", "Zelenskiy"],
    affiliation: "ukraine",
  },
  zelenskyDuplicate: { type: "person", name: "Volodymyr Zelensky", affiliation: "ukraine" },
  reuters: { type: "organization", name: "Reuters" },
  yonhap: { type: "organization", name: "Yonhap" },
  ap: { type: "organization", name: "Associated Press", aliases: ["AP"] },
} satisfies Record<string, EntityInput>;

type EntityKey = keyof typeof ENTITIES;

interface Sentence {
  text: string;
  /** The quoted span of a claim, as written in `text`. */
  quote?: { claim: ClaimKey; span: string; via?: EntityKey[] };
  /** Entities named in `text`, by their name as written. */
  mentions?: [EntityKey, string][];
}

interface ArticleInput {
  title: string;
  outlet: EntityKey;
  publishedAt: string;
  precision: "day" | "week" | "month";
  url: string;
  sentences: Sentence[];
}

type ClaimKey =
  | "pentagon10k"
  | "nisUpTo8k"
  | "zelenskyyMoreThan15k"
  | "vagueThousands"
  | "pentagonKilledRange"
  | "deletedWounded"
  | "rejected50k"
  | "editorVerified11k";

const CLAIMS: Record<
  ClaimKey,
  Omit<Prisma.ClaimUncheckedCreateInput, "subjectEntityId" | "sourceId" | "locationId"> & {
    source: EntityKey | null;
    subjectEntity?: EntityKey;
    location?: EntityKey;
  }
> = {
  pentagon10k: {
    metric: "deployed",
    subject: "North Korean soldiers",
    subjectEntity: "northKorea",
    valueBest: 10_000,
    qualifier: "approximate",
    hedge: "about",
    location: "kursk",
    statedOn: new Date("2024-10-28"),
    statedOnPrecision: "day",
    source: "pentagon",
    confidence: 0.93,
  },
  nisUpTo8k: {
    metric: "deployed",
    subject: "North Korean troops",
    subjectEntity: "northKorea",
    valueHigh: 8_000,
    qualifier: "up_to",
    hedge: "as many as",
    location: "kursk",
    statedOn: new Date("2024-11-05"),
    statedOnPrecision: "day",
    source: "nis",
    confidence: 0.81,
  },
  zelenskyyMoreThan15k: {
    metric: "casualties",
    subject: "North Korean soldiers",
    subjectEntity: "northKorea",
    valueLow: 15_000,
    qualifier: "more_than",
    hedge: "more than",
    location: "kursk",
    statedOn: new Date("2025-01-10"),
    statedOnPrecision: "day",
    source: "zelenskyy",
    confidence: 0.88,
  },
  vagueThousands: {
    metric: "present",
    subject: "North Korean troops",
    subjectEntity: "northKorea",
    valueLow: 2_000,
    valueHigh: 9_999,
    qualifier: "vague",
    hedge: "thousands of",
    source: null,
    confidence: 0.55,
  },
  pentagonKilledRange: {
    metric: "killed",
    subject: "North Korean soldiers",
    subjectEntity: "northKorea",
    valueLow: 1_000,
    valueHigh: 1_200,
    qualifier: "range",
    location: "kursk",
    statedOn: new Date("2025-01-01"),
    statedOnPrecision: "month",
    source: "pentagon",
    confidence: 0.9,
  },
  deletedWounded: {
    metric: "wounded",
    subject: "North Korean soldiers",
    subjectEntity: "northKorea",
    valueBest: 3_000,
    qualifier: "exact",
    statedOn: new Date("2024-12-20"),
    statedOnPrecision: "day",
    source: "nis",
    deletedAt: new Date("2025-01-02T10:00:00Z"),
    confidence: 0.4,
  },
  rejected50k: {
    metric: "deployed",
    subject: "North Korean soldiers",
    subjectEntity: "northKorea",
    valueBest: 50_000,
    qualifier: "exact",
    statedOn: new Date("2024-12-15"),
    statedOnPrecision: "day",
    source: "zelenskyy",
    reviewStatus: "rejected",
    confidence: 0.3,
  },
  editorVerified11k: {
    metric: "deployed",
    subject: "North Korean troops",
    subjectEntity: "northKorea",
    valueBest: 11_000,
    qualifier: "exact",
    location: "kursk",
    statedOn: new Date("2024-12-01"),
    statedOnPrecision: "week",
    source: "nis",
    origin: "editor",
    reviewStatus: "verified",
    confidence: null,
  },
};

const ARTICLES: ArticleInput[] = [
  {
    title: "Pentagon says North Korean troops have reached Russia's Kursk region",
    outlet: "reuters",
    publishedAt: "2024-10-29",
    precision: "day",
    url: "https://example.org/reuters/kursk-deployment",
    sentences: [
      {
        text: "The Pentagon said on Monday that about 10,000 North Korean soldiers had been sent to Russia.",
        quote: { claim: "pentagon10k", span: "about 10,000 North Korean soldiers had been sent to Russia" },
        mentions: [
          ["pentagon", "Pentagon"],
          ["russia", "Russia"],
        ],
      },
      {
        text: "Thousands of North Korean troops are already in the Kursk region, officials said.",
        quote: {
          claim: "vagueThousands",
          span: "Thousands of North Korean troops are already in the Kursk region",
        },
        mentions: [["kursk", "Kursk region"]],
      },
    ],
  },
  {
    title: "Seoul lawmaker: as many as 8,000 soldiers moved toward the front",
    outlet: "yonhap",
    publishedAt: "2024-11-04",
    precision: "week",
    url: "https://example.org/yonhap/nis-briefing",
    sentences: [
      {
        text: "As many as 8,000 North Korean troops have moved to Kursk, lawmaker Lee Seong-kweun said after a briefing by the NIS.",
        quote: {
          claim: "nisUpTo8k",
          span: "As many as 8,000 North Korean troops have moved to Kursk",
          via: ["nis", "lee", "yonhap"],
        },
        mentions: [
          ["kursk", "Kursk"],
          ["lee", "Lee Seong-kweun"],
          ["nis", "NIS"],
        ],
      },
      {
        text: "The NIS said 11,000 North Korean troops were deployed by early December.",
        quote: { claim: "editorVerified11k", span: "11,000 North Korean troops were deployed" },
        mentions: [["nis", "NIS"]],
      },
      {
        text: "The agency also said 3,000 soldiers were wounded.",
        quote: { claim: "deletedWounded", span: "3,000 soldiers were wounded" },
      },
    ],
  },
  {
    title: "Zelenskyy: North Korean losses mount in Kursk",
    outlet: "ap",
    publishedAt: "2025-01-12",
    precision: "day",
    url: "https://example.org/ap/losses",
    sentences: [
      {
        text: "Volodymyr Zelenskyy said more than 15,000 North Korean soldiers had been killed or wounded.",
        quote: {
          claim: "zelenskyyMoreThan15k",
          span: "more than 15,000 North Korean soldiers had been killed or wounded",
        },
        mentions: [["zelenskyy", "Volodymyr Zelenskyy"]],
      },
      {
        text: "The Pentagon repeated its estimate that about 10,000 North Korean soldiers had been sent to Russia.",
        quote: {
          claim: "pentagon10k",
          span: "about 10,000 North Korean soldiers had been sent to Russia",
          via: ["pentagon"],
        },
      },
      {
        text: "US officials put the number killed at between 1,000 and 1,200 in January.",
        quote: { claim: "pentagonKilledRange", span: "between 1,000 and 1,200" },
      },
      {
        text: "Kyiv once claimed 50,000 North Korean soldiers were deployed.",
        quote: { claim: "rejected50k", span: "50,000 North Korean soldiers were deployed" },
      },
    ],
  },
];

export interface FixtureCorpus {
  entities: Record<EntityKey, number>;
  claims: Record<ClaimKey, number>;
  articles: number[];
}

/** "US" and "U.S." are one alias: the store keeps one per normalised form. */
function uniqueByNormalized(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((name) => !seen.has(lookupName(name)) && seen.add(lookupName(name)));
}

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * A small, realistic corpus: sources with affiliations, a relay chain, one claim printed twice, vague,
 * deleted, rejected and editor-made claims, entity mentions and a merge suggestion. Offsets are computed
 * from the text, so `body.slice(start, end)` is always the quote.
 */
export async function createFixtureCorpus(prisma: PrismaClient): Promise<FixtureCorpus> {
  const entities = {} as Record<EntityKey, number>;
  for (const [key, input] of Object.entries(ENTITIES) as [EntityKey, EntityInput][]) {
    const entity = await prisma.entity.create({
      data: {
        type: input.type,
        name: input.name,
        normalizedName: lookupName(input.name),
        affiliationId: input.affiliation ? entities[input.affiliation as EntityKey] : null,
        aliases: {
          create: uniqueByNormalized([input.name, ...(input.aliases ?? [])]).map((name) => ({
            name,
            normalized: lookupName(name),
            kind: name === input.name ? "written" : "abbreviation",
          })),
        },
      },
    });
    entities[key] = entity.id;
  }
  await prisma.mergeJudgement.create({
    data: {
      keepId: entities.zelenskyy,
      mergeId: entities.zelenskyDuplicate,
      verdict: "unsure",
      score: 0.92,
    },
  });

  const claims = {} as Record<ClaimKey, number>;
  for (const [key, { source, subjectEntity, location, ...input }] of Object.entries(CLAIMS) as [
    ClaimKey,
    (typeof CLAIMS)[ClaimKey],
  ][]) {
    const claim = await prisma.claim.create({
      data: {
        ...input,
        sourceId: source ? entities[source] : null,
        subjectEntityId: subjectEntity ? entities[subjectEntity] : null,
        locationId: location ? entities[location] : null,
        extractorVersion: input.origin === "editor" ? null : "fixture-1",
      },
    });
    claims[key] = claim.id;
  }

  const articles: number[] = [];
  for (const input of ARTICLES) {
    const body = input.sentences.map((sentence) => sentence.text).join(" ");
    const article = await prisma.article.create({
      data: {
        title: input.title,
        body,
        rawInput: `${input.title}\n\n${body}`,
        contentHash: sha(body),
        url: input.url,
        outletId: entities[input.outlet],
        publishedAt: new Date(input.publishedAt),
        publishedPrecision: input.precision,
      },
    });
    articles.push(article.id);
    let offset = 0;
    for (const sentence of input.sentences) {
      if (sentence.quote) {
        const start = offset + sentence.text.indexOf(sentence.quote.span);
        const end = start + sentence.quote.span.length;
        await prisma.appearance.create({
          data: {
            claimId: claims[sentence.quote.claim],
            articleId: article.id,
            start,
            end,
            quote: body.slice(start, end),
            prefix: body.slice(Math.max(0, start - 30), start),
            suffix: body.slice(end, end + 30),
            via: {
              create: (sentence.quote.via ?? []).map((entity, position) => ({
                position,
                entityId: entities[entity],
              })),
            },
          },
        });
      }
      for (const [entity, written] of sentence.mentions ?? []) {
        const start = offset + sentence.text.indexOf(written);
        await prisma.entityMention.create({
          data: {
            entityId: entities[entity],
            articleId: article.id,
            start,
            end: start + written.length,
            text: written,
          },
        });
      }
      offset += sentence.text.length + 1;
    }
  }
  return { entities, claims, articles };
}

/**
 * `count` articles, each printing one claim by a source with an affiliation and naming two entities: for
 * tests that compare the cost of a page of 10 with a page of 100.
 */
export async function createBulkClaims(prisma: PrismaClient, count: number, tag: string): Promise<void> {
  const country = await prisma.entity.create({
    data: { type: "place", name: `Country ${tag}`, normalizedName: lookupName(`Country ${tag}`) },
  });
  const outlet = await prisma.entity.create({
    data: { type: "organization", name: `Outlet ${tag}`, normalizedName: lookupName(`Outlet ${tag}`) },
  });
  for (let index = 0; index < count; index++) {
    const speaker = await prisma.entity.create({
      data: {
        type: "person",
        name: `Speaker ${tag} ${index}`,
        normalizedName: lookupName(`Speaker ${tag} ${index}`),
        affiliationId: country.id,
        aliases: { create: { name: `S${index}`, normalized: `s${index}` } },
      },
    });
    const quote = `${1_000 + index} soldiers were sent`;
    const body = `Speaker ${tag} ${index} said ${quote}.`;
    const start = body.indexOf(quote);
    await prisma.article.create({
      data: {
        title: `Bulk ${tag} ${index}`,
        body,
        rawInput: body,
        contentHash: sha(`${tag}:${body}`),
        outletId: outlet.id,
        publishedAt: new Date(Date.UTC(2024, 10, 1 + (index % 28))),
        publishedPrecision: "day",
        mentions: {
          create: [
            {
              entityId: speaker.id,
              start: 0,
              end: `Speaker ${tag} ${index}`.length,
              text: `Speaker ${tag} ${index}`,
            },
          ],
        },
        appearances: {
          create: {
            start,
            end: start + quote.length,
            quote,
            claim: {
              create: {
                metric: "deployed",
                subject: "soldiers",
                valueBest: 1_000 + index,
                qualifier: "exact",
                statedOn: new Date(Date.UTC(2024, 10, 1 + (index % 28))),
                statedOnPrecision: "day",
                sourceId: speaker.id,
                locationId: country.id,
                subjectEntityId: country.id,
              },
            },
            via: { create: [{ position: 0, entityId: speaker.id }] },
          },
        },
      },
    });
  }
}

/**
 * The fixture corpus of one test file: written before its tests, the client disconnected after them. The
 * object is filled in by `beforeAll`, so read it inside tests and hooks only.
 */
export function useFixtureCorpus(prisma: PrismaClient): FixtureCorpus {
  const corpus = {} as FixtureCorpus;
  beforeAll(async () => {
    Object.assign(corpus, await createFixtureCorpus(prisma));
  });
  afterAll(() => prisma.$disconnect());
  return corpus;
}
