/**
 * The channel ingest notifies with each claim an article brought: one JSON payload per claim,
 * `{ claimId, change: "created" | "updated", version }`. Ingest runs in the API (ingestArticle), its
 * worker and the `npm run ingest` CLI, another process: PostgreSQL's NOTIFY reaches every listening API
 * process (server/claim-notifications.ts), and only once the article's transaction has committed.
 */
export const INGESTED_CLAIMS_CHANNEL = "headcount_ingested_claims";
