import type { ExtractedArticle } from "@headcount/extract";
import type { PoolClient } from "../db/pool.ts";
import type { SourceDocument } from "./documents.ts";
import {
  copyAppearances,
  type Place,
  retireSuperseded,
  samePublication,
  storedCopies,
} from "./publications.ts";
import type { ResolvedEntities } from "./resolve-entities.ts";
import { insertClaims, lockAndResolve, lockIds, storableClaims, toDate } from "./store-claims.ts";

export type IngestOutcome =
  | { status: "created" | "revision"; articleId: number; claims: number; appearances: number }
  | { status: "unchanged"; articleId: number }
  | { status: "failed"; reason: string };

/**
 * Stores one analysed article inside the caller's transaction: a new text with its mentions and claims, a
 * reprint whose appearances point at the original's claims, or a new revision of the text at its URL.
 * Answers "unchanged" before its first write when the same publication is stored already.
 */
export async function storeArticle(
  client: PoolClient,
  document: SourceDocument,
  extracted: ExtractedArticle,
  hash: string,
  place: Place,
  runId: number | null,
  /** The caller holds every lock this article needs already (storeGroup). */
  locked = false,
): Promise<IngestOutcome> {
  // Taken before any entity or claim lock, so ingests of one text queue here and never deadlock.
  if (!locked)
    await client.query("select pg_advisory_xact_lock(id) from unnest($1::bigint[]) as id", [
      lockIds([`publication:${hash}`]),
    ]);
  const copies = (await storedCopies(client, [hash])).get(hash) ?? [];
  const stored = copies.find((copy) => samePublication(copy, place));
  if (stored) return { status: "unchanged", articleId: stored.id };
  // The same text from another place is a reprint: its appearances are the original's, not a new reading.
  const original = copies[0];
  const claims = original ? [] : storableClaims(extracted.claims);
  const entities = await lockAndResolve(
    client,
    original ? { entities: [] } : extracted,
    claims,
    extracted.outlet,
    locked,
  );

  const previous = document.url
    ? (
        await client.query<{ id: number; revision: number }>(
          `select a.id, a.revision from "Article" a
            where a.url = $1 and not exists (select 1 from "Article" n where n."previousVersionId" = a.id)
            order by a.revision desc limit 1`,
          [document.url],
        )
      ).rows[0]
    : undefined;
  const publishedAt = toDate(extracted.publishedAt);
  const [articleId] = (await insertArticles(client, [
    {
      document,
      extracted,
      hash,
      runId,
      previous: previous ?? null,
      outletId: extracted.outlet ? (entities.idOf(extracted.outlet, "organization") ?? null) : null,
    },
  ])) as [number];
  const revision =
    previous && document.url
      ? { supersededId: previous.id, url: document.url, revision: previous.revision + 1 }
      : null;

  if (original) {
    const appearances = await copyAppearances(client, original.id, articleId);
    if (revision) await retireSuperseded(client, revision);
    return { status: previous ? "revision" : "created", articleId, claims: 0, appearances };
  }

  await insertMentions(client, [{ articleId, extracted, entities }]);
  const created = await insertClaims(client, articleId, claims, entities, publishedAt, extracted);
  if (revision) await retireSuperseded(client, revision);
  return {
    status: previous ? "revision" : "created",
    articleId,
    claims: created,
    appearances: claims.length,
  };
}

/** An article row to insert: a new text, or a new revision of the text at its URL (`previous`). */
export interface ArticleRow {
  document: SourceDocument;
  extracted: ExtractedArticle;
  hash: string;
  runId: number | null;
  previous: { id: number; revision: number } | null;
  outletId: number | null;
}

/** Inserts articles in one statement; their ids come back in the order of `rows`. */
export async function insertArticles(client: PoolClient, rows: ArticleRow[]): Promise<number[]> {
  const inserted = await client.query<{ id: number }>(
    `insert into "Article" (title, body, "rawInput", "rawFormat", "contentHash", url, revision, "previousVersionId",
                            "outletId", "publishedAt", "publishedPrecision", "extractorVersion", "ingestRunId", "updatedAt",
                            "canonicalUrl", "fetchedAt")
     select t, b, ri, rf, h, u, r, pv, o, pa, pp, ev, run, now(), cu, fa
       from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[],
                   $9::int[], $10::date[], $11::"Precision"[], $12::text[], $13::int[], $14::text[], $15::timestamp[])
            with ordinality as x(t, b, ri, rf, h, u, r, pv, o, pa, pp, ev, run, cu, fa, i)
      order by i
     returning id`,
    [
      rows.map((row) => row.extracted.title),
      rows.map((row) => row.extracted.body),
      rows.map((row) => row.document.raw),
      rows.map((row) => row.document.format),
      rows.map((row) => row.hash),
      rows.map((row) => row.document.url ?? null),
      rows.map((row) => (row.previous ? row.previous.revision + 1 : 1)),
      rows.map((row) => row.previous?.id ?? null),
      rows.map((row) => row.outletId),
      rows.map((row) => toDate(row.extracted.publishedAt)),
      rows.map((row) => (toDate(row.extracted.publishedAt) ? row.extracted.precision : "unknown")),
      rows.map((row) => row.extracted.extractorVersion),
      rows.map((row) => row.runId),
      rows.map((row) => row.document.canonicalUrl ?? null),
      rows.map((row) => (row.document.fetchedAt ? new Date(row.document.fetchedAt) : null)),
    ],
  );
  return inserted.rows.map((row) => row.id);
}

/** Inserts where each article names its entities, in one statement for any number of articles. */
export async function insertMentions(
  client: PoolClient,
  articles: { articleId: number; extracted: ExtractedArticle; entities: ResolvedEntities }[],
) {
  const mentions = articles.flatMap(({ articleId, extracted, entities }) =>
    extracted.entities.flatMap((entity) => {
      const entityId = entities.idOf(entity.name, entity.type);
      return entityId === undefined
        ? []
        : entity.mentions.map((mention) => ({ articleId, entityId, ...mention }));
    }),
  );
  if (mentions.length === 0) return;
  await client.query(
    `insert into "EntityMention" ("articleId", "entityId", start, "end", text)
     select * from unnest($1::int[], $2::int[], $3::int[], $4::int[], $5::text[])
     on conflict ("articleId", start, "end") do nothing`,
    [
      mentions.map((m) => m.articleId),
      mentions.map((m) => m.entityId),
      mentions.map((m) => m.start),
      mentions.map((m) => m.end),
      mentions.map((m) => m.text),
    ],
  );
}
