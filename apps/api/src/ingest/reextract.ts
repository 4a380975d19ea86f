import { EXTRACTOR_VERSION, type ExtractedClaim, extractArticle } from "@headcount/extract";
import { isoDay } from "@headcount/shared";
import { CLAIM_FIELDS, recordedValue } from "../curation/fields.ts";
import type { Pool, PoolClient } from "../db/pool.ts";
import { insertClaims, lockAndResolve, storableClaims, toDate } from "./store-claims.ts";

export interface ReextractReport {
  examined: number;
  articlesChanged: number;
  claimsAdded: number;
  claimsUpdated: number;
  /** Machine claims the newer extractor no longer finds; kept, for an editor to judge. */
  claimsNoLongerFound: number;
  /** Fields left alone because an editor had set them. */
  editorFieldsKept: number;
  skipped: { articleId: number; reason: string }[];
  changes: { claimId: number; fields: string[] }[];
}

interface StoredAppearance {
  appearanceId: number;
  claimId: number;
  inTitle: boolean;
  start: number;
  end: number;
  origin: "machine" | "editor";
  editedFields: string[];
  deleted: boolean;
  claim: Record<string, unknown>;
}

/** Claim fields the extractor owns, each compared and updated on its own. */
/** What the extractor decides about a claim: its fields, and how sure it is. */
const MACHINE_FIELDS = [...CLAIM_FIELDS, "confidence"] as const;

/**
 * Runs the current extractor over stored articles (those extracted by another version, or all): adds the
 * claims it now finds, updates machine claims whose fields it now reads differently — never a field an
 * editor has set, never an editor's claim — and reports what changed. Each article is one transaction;
 * each updated claim gets a new version and an audit event.
 */
export async function reextractArticles(
  pool: Pool,
  options: { all?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<ReextractReport> {
  const report: ReextractReport = {
    examined: 0,
    articlesChanged: 0,
    claimsAdded: 0,
    claimsUpdated: 0,
    claimsNoLongerFound: 0,
    editorFieldsKept: 0,
    skipped: [],
    changes: [],
  };
  const { rows: articles } = await pool.query<{ id: number }>(
    `select id from "Article" where $1 or "extractorVersion" is distinct from $2 order by id`,
    [options.all ?? false, EXTRACTOR_VERSION],
  );
  for (const { id } of articles) {
    const client = await pool.connect();
    try {
      await client.query("begin");
      const changed = await reextractArticle(client, id, report);
      await client.query("commit");
      if (changed) report.articlesChanged++;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      report.skipped.push({ articleId: id, reason: (error as Error).message });
    } finally {
      client.release();
    }
    report.examined++;
    options.onProgress?.(report.examined, articles.length);
  }
  return report;
}

async function reextractArticle(
  client: PoolClient,
  articleId: number,
  report: ReextractReport,
): Promise<boolean> {
  const { rows } = await client.query<{
    title: string;
    body: string;
    publishedAt: Date | null;
    publishedPrecision: string;
    outlet: string | null;
  }>(
    `select a.title, a.body, a."publishedAt", a."publishedPrecision", o.name as outlet
       from "Article" a left join "Entity" o on o.id = a."outletId" where a.id = $1 for update of a`,
    [articleId],
  );
  const article = rows[0];
  if (!article) return false;
  const extracted = extractArticle(`${article.title}\n\n${article.body}`, {
    title: article.title,
    outlet: article.outlet,
    publishedAt: article.publishedAt ? isoDay(article.publishedAt) : null,
    precision: article.publishedAt ? (article.publishedPrecision as "day") : null,
  });
  if (extracted.body !== article.body) {
    // The stored body is immutable and every offset refers to it; a cleaner that now cuts it differently
    // cannot be applied to this article.
    report.skipped.push({ articleId, reason: "the current cleaner would change the stored body" });
    return false;
  }
  const claims = storableClaims(extracted.claims);
  const entities = await lockAndResolve(client, extracted, claims, null);

  const stored = await client.query<StoredAppearance>(
    `select p.id as "appearanceId", p."claimId", p."inTitle", p.start, p."end", c.origin, c."editedFields",
            c."deletedAt" is not null as deleted, to_jsonb(c) as claim
       from "Appearance" p join "Claim" c on c.id = p."claimId"
      where p."articleId" = $1 for update of c`,
    [articleId],
  );
  const matched = new Set<number>();
  const unmatched: ExtractedClaim[] = [];
  let changed = false;
  for (const claim of claims) {
    const appearance = bestOverlap(stored.rows, claim, matched);
    if (!appearance) {
      unmatched.push(claim);
      continue;
    }
    matched.add(appearance.appearanceId);
    // A repeat's appearance belongs to the claim it repeats: the claim is read from its first printing.
    if (claim.duplicateOf !== null) continue;
    if (appearance.origin !== "machine" || appearance.deleted) continue;
    const statedOn = toDate(claim.statedOn?.date) ?? article.publishedAt;
    const fresh: Record<(typeof MACHINE_FIELDS)[number], unknown> = {
      metric: claim.metric,
      subject: claim.subject,
      subjectEntityId: claim.subjectEntity ? (entities.idOf(claim.subjectEntity, "place") ?? null) : null,
      valueLow: claim.valueLow,
      valueHigh: claim.valueHigh,
      valueBest: claim.valueBest,
      qualifier: claim.qualifier,
      hedge: claim.hedge,
      additional: claim.additional,
      rate: claim.rate,
      locationId: claim.location ? (entities.idOf(claim.location, "place") ?? null) : null,
      statedOn,
      statedOnPrecision: claim.statedOn?.precision ?? (statedOn ? extracted.precision : "unknown"),
      refersFrom: toDate(claim.refersFrom?.date),
      refersFromPrecision: claim.refersFrom?.precision ?? null,
      refersTo: toDate(claim.refersTo?.date),
      refersToPrecision: claim.refersTo?.precision ?? null,
      sourceId: claim.source
        ? (entities.idOf(claim.source, claim.sourceType ?? "organization") ?? null)
        : null,
      confidence: claim.confidence,
    };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const field of MACHINE_FIELDS) {
      const current = recordedValue(appearance.claim[field]);
      const next = recordedValue(fresh[field]);
      if (JSON.stringify(current) === JSON.stringify(next)) continue;
      if (appearance.editedFields.includes(field)) {
        report.editorFieldsKept++;
        continue;
      }
      before[field] = current;
      after[field] = next;
    }
    const fields = Object.keys(after);
    if (fields.length === 0) continue;
    const assignments = fields.map((field, index) => `"${field}" = $${index + 3}`).join(", ");
    await client.query(
      `update "Claim" set ${assignments}, "extractorVersion" = $2, version = version + 1, "updatedAt" = now()
        where id = $1`,
      [
        appearance.claimId,
        EXTRACTOR_VERSION,
        ...fields.map((field) => fresh[field as (typeof MACHINE_FIELDS)[number]]),
      ],
    );
    await client.query(
      `insert into "AuditEvent" (action, "subjectType", "subjectId", before, after, note)
       values ('claim.reextract', 'Claim', $1, $2::jsonb, $3::jsonb, $4)`,
      [appearance.claimId, JSON.stringify(before), JSON.stringify(after), `extractor ${EXTRACTOR_VERSION}`],
    );
    report.claimsUpdated++;
    report.changes.push({ claimId: appearance.claimId, fields });
    changed = true;
  }
  if (unmatched.length > 0) {
    // A repeat among the new claims points at its claim in the list stored now, or stands alone.
    const position = new Map(unmatched.map((claim, index) => [claim, index]));
    const added = unmatched.map((claim) => {
      const target = claim.duplicateOf === null ? undefined : claims[claim.duplicateOf];
      return { ...claim, duplicateOf: target ? (position.get(target) ?? null) : null };
    });
    report.claimsAdded += await insertClaims(
      client,
      articleId,
      added,
      entities,
      article.publishedAt,
      extracted,
    );
    changed = true;
  }
  report.claimsNoLongerFound += stored.rows.filter(
    (row) => row.origin === "machine" && !row.deleted && !matched.has(row.appearanceId),
  ).length;
  await client.query(`update "Article" set "extractorVersion" = $2 where id = $1`, [
    articleId,
    EXTRACTOR_VERSION,
  ]);
  return changed;
}

/** The stored appearance whose span overlaps the claim's most, not yet matched to another claim. */
function bestOverlap(
  rows: StoredAppearance[],
  claim: ExtractedClaim,
  taken: Set<number>,
): StoredAppearance | null {
  let best: StoredAppearance | null = null;
  let bestOverlapLength = 0;
  for (const row of rows) {
    if (taken.has(row.appearanceId) || row.inTitle !== claim.inTitle) continue;
    const overlap = Math.min(row.end, claim.end) - Math.max(row.start, claim.start);
    if (overlap > bestOverlapLength) {
      best = row;
      bestOverlapLength = overlap;
    }
  }
  return best;
}
