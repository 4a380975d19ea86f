import { createHash } from "node:crypto";
import { lookupName } from "../../apps/api/src/curation/names.ts";
import type { PrismaClient } from "../../apps/api/src/db/prisma.ts";
import { CSRF_HEADER } from "../../apps/api/src/server/yoga.ts";
import type { testApi } from "./api.ts";

type TestApi = ReturnType<typeof testApi>["api"];

/** How many figures the ledger article prints, each a claim of its own with one appearance and mention. */
export const LEDGER_NUMBERS = 17_000;

/** An article printing 17,000 figures: the spans of one article that an answer must not send all at once. */
export async function createLedgerArticle(
  prisma: PrismaClient,
): Promise<{ articleId: number; claimId: number }> {
  const entity = await prisma.entity.create({
    data: {
      type: "organization",
      name: "Ministry of Tallies",
      normalizedName: lookupName("Ministry of Tallies"),
    },
  });
  const sentences = Array.from(
    { length: LEDGER_NUMBERS },
    (_, i) => `The ministry said on Monday that ${1_000 + i} troops were sent to the front line overnight.`,
  );
  const body = sentences.join(" ");
  const article = await prisma.article.create({
    data: {
      title: "A ledger of deployments",
      body,
      rawInput: body,
      contentHash: createHash("sha256").update(body).digest("hex"),
      publishedPrecision: "unknown",
    },
  });
  const articleId = article.id;
  // Written in three statements: through Prisma's createMany, 51,000 rows cost the test process seconds of CPU.
  const claims = await prisma.$queryRaw<{ id: number; valueBest: number }[]>`
    insert into "Claim" (metric, subject, "valueBest", qualifier, "sourceId", "updatedAt")
    select 'deployed', 'troops', 1000 + i, 'exact', ${entity.id}, now()
      from generate_series(0, ${LEDGER_NUMBERS - 1}::int) as i
     order by i
    returning id, "valueBest"`;
  const claimIds = claims.sort((a, b) => a.valueBest - b.valueBest).map((claim) => claim.id);
  const claimId = claimIds[0] as number;
  const appearances = {
    claimId: claimIds,
    start: [] as number[],
    end: [] as number[],
    quote: [] as string[],
  };
  const mentions = { start: [] as number[], end: [] as number[] };
  let offset = 0;
  for (const [i, sentence] of sentences.entries()) {
    const quote = `${1_000 + i} troops were sent`;
    const start = offset + sentence.indexOf(quote);
    appearances.start.push(start);
    appearances.end.push(start + quote.length);
    appearances.quote.push(quote);
    const named = offset + sentence.indexOf("ministry");
    mentions.start.push(named);
    mentions.end.push(named + 8);
    offset += sentence.length + 1;
  }
  await prisma.$executeRaw`
    insert into "Appearance" ("claimId", "articleId", start, "end", quote)
    select claim, ${articleId}, start, "end", quote
      from unnest(${appearances.claimId}::int[], ${appearances.start}::int[], ${appearances.end}::int[],
                  ${appearances.quote}::text[]) as a(claim, start, "end", quote)`;
  await prisma.$executeRaw`
    insert into "EntityMention" ("entityId", "articleId", start, "end", text)
    select ${entity.id}, ${articleId}, start, "end", 'ministry'
      from unnest(${mentions.start}::int[], ${mentions.end}::int[]) as m(start, "end")`;
  // The first claim is printed in many places: its appearances are paged too.
  return { articleId, claimId };
}

/** A query asking `count` times, under aliases, for `selection` of the article `$id`. */
export const aliased = (count: number, selection: string) =>
  `query ($id: ID!) { ${Array.from({ length: count }, (_, i) => `a${i}: node(id: $id) { ... on Article { ${selection} } }`).join(" ")} }`;

/** Posts a document to the in-process API and keeps the answer's size in bytes. */
export function poster(api: TestApi) {
  return async (document: string, variables: Record<string, unknown>) => {
    const response = await api.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", [CSRF_HEADER]: "1" },
      body: JSON.stringify({ query: document, variables }),
    });
    const text = await response.text();
    return {
      bytes: Buffer.byteLength(text),
      body: JSON.parse(text) as {
        data?: unknown;
        errors?: { message: string; extensions?: { code?: string } }[];
      },
    };
  };
}

/** The article's spans, `SELECT` standing for the page arguments. */
export const SPANS =
  "appearances SELECT { totalCount edges { node { start end quote claim { id display subject } } } } mentions SELECT { totalCount edges { node { start end text entity { id name } } } }";
