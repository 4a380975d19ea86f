-- Indexes for the overview at scale, written by hand: Prisma cannot declare partial indexes or NULLS LAST.
-- Their names are listed in prisma/migrations/hand-written-objects.json. The plans are in
-- docs/performance.md ("The overview page").

-- The newest plotted claims whatever their metric (claimSeries with maxPoints): live claims in the order
-- "statedOn" DESC NULLS LAST, id DESC, read from the top until the window is full. claim_metric_stated_idx
-- does the same within one metric.
CREATE INDEX "claim_stated_live_idx" ON "Claim" ("statedOn" DESC NULLS LAST, "id" DESC) WHERE "deletedAt" IS NULL;

-- The filter form's places and subjects (claimFacets): live claims counted per place and per subject with an
-- index-only scan, as claim_source_live_idx does per source. Metric and review status are in the index so a
-- filter on them needs no heap access either.
CREATE INDEX "claim_location_live_idx" ON "Claim" ("locationId", "metric", "reviewStatus") WHERE "deletedAt" IS NULL AND "locationId" IS NOT NULL;
CREATE INDEX "claim_subject_live_idx" ON "Claim" ("subjectEntityId", "metric", "reviewStatus") WHERE "deletedAt" IS NULL AND "subjectEntityId" IS NOT NULL;
