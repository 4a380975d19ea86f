import type { cleanArticleText } from "@headcount/extract";
import { lookupName } from "../curation/names.ts";
import type { Pool, PoolClient } from "../db/pool.ts";
import type { SourceDocument } from "./documents.ts";
import { COPIED_APPEARANCE_COLUMNS } from "./store-claims.ts";

/** Where a text was printed: what tells a reprint from the same publication ingested again. */
export interface Place {
  url: string | null;
  /** The outlet's name as given (document, `Source:` header or copyright line). */
  outlet: string | null;
}

/** A stored article with a given text, and the names its outlet is known by. */
export interface StoredCopy {
  id: number;
  contentHash: string;
  url: string | null;
  outletNames: string[];
}

/** The place a document says it comes from, read the way the extractor reads its outlet. */
export function placeOf(document: SourceDocument, cleaned: ReturnType<typeof cleanArticleText>): Place {
  return {
    url: document.url?.trim() || null,
    outlet: document.outlet?.trim() || cleaned.headers.source || cleaned.outlet || null,
  };
}

/**
 * The same publication when both have a URL and it is the same, or (without a URL on one side) when both
 * name the same outlet. When neither tells, the text is taken as already stored: a repeat of an input is
 * far likelier than an anonymous reprint, and counting it twice is the worse mistake.
 */
export function samePublication(copy: StoredCopy, place: Place): boolean {
  if (copy.url && place.url) return copy.url === place.url;
  if (copy.outletNames.length > 0 && place.outlet) return copy.outletNames.includes(lookupName(place.outlet));
  return true;
}

/** Stored articles with these texts, oldest first, grouped by content hash. */
export async function storedCopies(
  db: Pool | PoolClient,
  hashes: string[],
): Promise<Map<string, StoredCopy[]>> {
  const { rows } = await db.query<StoredCopy>(
    `select a.id, a."contentHash", a.url,
            case when o.id is null then '{}'::text[]
                 else array[o."normalizedName"] || array(select x.normalized from "EntityAlias" x where x."entityId" = o.id)
            end as "outletNames"
       from "Article" a left join "Entity" o on o.id = a."outletId"
      where a."contentHash" = any($1::text[])
      order by a.id`,
    [hashes],
  );
  const byHash = new Map<string, StoredCopy[]>();
  for (const row of rows) byHash.set(row.contentHash, [...(byHash.get(row.contentHash) ?? []), row]);
  return byHash;
}

/**
 * A reprint's appearances are the original's: the same spans of the same text, pointing at the same
 * claims (so a claim is counted once and shown as printed twice), with the same relay chains and
 * mentions.
 */
export async function copyAppearances(client: PoolClient, fromArticleId: number, toArticleId: number) {
  const appearances = await client.query(
    `insert into "Appearance" ("articleId", ${COPIED_APPEARANCE_COLUMNS})
     select $2, ${COPIED_APPEARANCE_COLUMNS}
       from "Appearance" where "articleId" = $1 order by id`,
    [fromArticleId, toArticleId],
  );
  await client.query(
    `insert into "AppearanceVia" ("appearanceId", position, "entityId")
     select n.id, v.position, v."entityId"
       from "Appearance" o
       join "AppearanceVia" v on v."appearanceId" = o.id
       join "Appearance" n on n."articleId" = $2 and n."claimId" = o."claimId" and n."inTitle" = o."inTitle"
                             and n.start = o.start and n."end" = o."end"
      where o."articleId" = $1`,
    [fromArticleId, toArticleId],
  );
  await client.query(
    `insert into "EntityMention" ("articleId", "entityId", start, "end", text)
     select $2, "entityId", start, "end", text from "EntityMention" where "articleId" = $1`,
    [fromArticleId, toArticleId],
  );
  return appearances.rowCount ?? 0;
}

/**
 * When a new revision (number `revision`) supersedes an article, the claims that no current text prints any more (neither
 * the new revision, nor a reprint, nor another outlet) are retired: hidden from counts and charts like a
 * deleted claim, kept with their appearances in the old snapshot, restorable by an editor, and each
 * retirement written to the claim's history. Returns the retired claims' ids.
 */
export async function retireSuperseded(
  client: PoolClient,
  revision: { supersededId: number; url: string; revision: number },
): Promise<number[]> {
  const { rows } = await client.query<{ id: number }>(
    `with retired as (
       update "Claim" c set "deletedAt" = now(), "deletedById" = null, "updatedAt" = now(), version = c.version + 1
        where c."deletedAt" is null
          and exists (select 1 from "Appearance" p where p."claimId" = c.id and p."articleId" = $1)
          and not exists (
            select 1 from "Appearance" p join "Article" a on a.id = p."articleId"
             where p."claimId" = c.id
               and not exists (select 1 from "Article" n where n."previousVersionId" = a.id))
       returning c.id)
     insert into "AuditEvent" (action, "subjectType", "subjectId", before, after, note)
     select 'claim.retire', 'Claim', id, '{"deleted": false}'::jsonb, '{"deleted": true}'::jsonb, $2
       from retired order by id
     returning "subjectId" as id`,
    [revision.supersededId, `Retired: revision ${revision.revision} of ${revision.url} no longer prints it.`],
  );
  return rows.map((row) => row.id);
}
