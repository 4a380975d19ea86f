import { lookupName } from "../../curation/names.ts";
import { Prisma } from "../../generated/prisma/client.ts";

/*
 * The text-search expressions. Each must stay character for character the expression of its GIN index
 * (prisma/migrations/*_search_index), or PostgreSQL cannot use the index and scans the table.
 * Prose is stemmed with the `english` configuration; names use `simple` over the stored normalised form
 * (see `lookupName`), which makes name search accent-insensitive without an extension.
 */
export const articleDocument = Prisma.sql`to_tsvector('english'::regconfig, (a.title || ' '::text) || a.body)`;
export const quoteDocument = Prisma.sql`to_tsvector('english'::regconfig, ap.quote)`;
export const entityNameDocument = Prisma.sql`to_tsvector('simple'::regconfig, e."normalizedName")`;
export const aliasDocument = Prisma.sql`to_tsvector('simple'::regconfig, al.normalized)`;

/** A query as people type it: words, "quoted phrases", `or`, `-excluded`. */
export function proseQuery(text: string): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('english'::regconfig, ${text})`;
}

/** The same for names: the words are normalised like stored names first. */
export function nameQuery(text: string): Prisma.Sql {
  return Prisma.sql`websearch_to_tsquery('simple'::regconfig, ${lookupName(text)})`;
}
