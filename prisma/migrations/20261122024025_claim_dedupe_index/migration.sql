-- CreateIndex
CREATE INDEX "Claim_sourceId_metric_valueLow_valueHigh_idx" ON "Claim"("sourceId", "metric", "valueLow", "valueHigh");
