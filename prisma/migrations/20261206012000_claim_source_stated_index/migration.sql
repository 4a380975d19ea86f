-- An entity's newest claims (Entity.claimsMade: live claims of one source, "statedOn" DESC NULLS LAST, id
-- DESC, a page at a time), written by hand: Prisma cannot declare partial indexes or NULLS LAST. The name is
-- listed in prisma/migrations/hand-written-objects.json. Without it PostgreSQL either fetched every live
-- claim of the source and sorted them, or walked claim_stated_live_idx from the newest claim of all until
-- it had met enough of this source's (0.6 to 237 ms at a million claims, by source). With it the page is
-- the first rows of one index range (about 0.1 ms). The plans are in docs/performance.md.
CREATE INDEX "claim_source_stated_live_idx" ON "Claim" ("sourceId", "statedOn" DESC NULLS LAST, "id" DESC) WHERE "deletedAt" IS NULL;
