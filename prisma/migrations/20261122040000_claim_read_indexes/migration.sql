-- Indexes for the dashboard's reads at scale, written by hand: Prisma cannot declare partial indexes or
-- NULLS LAST. Their names are listed in prisma/migrations/hand-written-objects.json. The plans that chose
-- them, before and after, are in docs/performance.md.

-- The claims list sorted by value (ClaimOrder.VALUE, descending: "valueBest" DESC NULLS LAST, "valueHigh"
-- DESC NULLS LAST, id DESC) within a metric: read in index order and stop after a page, instead of
-- fetching and sorting every matching claim.
CREATE INDEX "claim_metric_value_idx" ON "Claim" ("metric", "valueBest" DESC NULLS LAST, "valueHigh" DESC NULLS LAST, "id" DESC) WHERE "deletedAt" IS NULL;

-- The same for the default order (ClaimOrder.STATED_ON, descending: "statedOn" DESC NULLS LAST, id DESC).
CREATE INDEX "claim_metric_stated_idx" ON "Claim" ("metric", "statedOn" DESC NULLS LAST, "id" DESC) WHERE "deletedAt" IS NULL;

-- Live claims by source, metric and review status: counts (a filtered list's totalCount, an entity's
-- claimsMade) become index-only scans instead of reading the claims themselves.
CREATE INDEX "claim_source_live_idx" ON "Claim" ("sourceId", "metric", "reviewStatus") WHERE "deletedAt" IS NULL;
