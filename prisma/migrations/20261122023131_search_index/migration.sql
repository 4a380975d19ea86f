-- Full-text search indexes, written by hand: Prisma cannot declare expression indexes. Their names are
-- listed in prisma/migrations/hand-written-objects.json, and the queries in
-- apps/api/src/graphql/sql/text-search.ts use exactly these expressions so the planner can use them.
-- Prose is stemmed with `english`, names use `simple` over the stored normalised (accent-free) form.

CREATE INDEX "article_search_idx" ON "Article" USING gin (to_tsvector('english'::regconfig, (title || ' '::text) || body));

CREATE INDEX "appearance_quote_search_idx" ON "Appearance" USING gin (to_tsvector('english'::regconfig, quote));

CREATE INDEX "entity_name_search_idx" ON "Entity" USING gin (to_tsvector('simple'::regconfig, "normalizedName"));

CREATE INDEX "entity_alias_search_idx" ON "EntityAlias" USING gin (to_tsvector('simple'::regconfig, normalized));
