import type { ExtractedClaim } from "@headcount/extract";
import { type Precision, precisionInterval } from "@headcount/shared";
import type { PoolClient } from "../db/pool.ts";

export interface ClaimIdentity {
  sourceId: number | null;
  metric: ExtractedClaim["metric"];
  subjectEntityId: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  rate: ExtractedClaim["rate"];
  statedOn: Date | null;
  statedOnPrecision: Precision;
  /** The claim as printed. */
  quote: string;
  /** The text gives no date, so statedOn is the publication's: a later reprint would give another. */
  datedByPublication: boolean;
}

/** Concurrent ingests of the same claim wait for each other (see findSameClaims). */
export function claimLockKey(
  claim: Pick<ExtractedClaim, "source" | "metric" | "valueLow" | "valueHigh" | "rate">,
): string {
  return `claim:${claim.source?.toLowerCase() ?? ""}:${claim.metric}:${claim.valueLow}:${claim.valueHigh}:${claim.rate}`;
}

function overlaps(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start < b.end && b.start < a.end;
}

type DatedIdentity = Omit<ClaimIdentity, "quote" | "datedByPublication">;

/** Two identities agree when all but the date are equal and the dates agree within their precision. */
export function sameClaim(a: DatedIdentity, b: DatedIdentity): boolean {
  if (a.sourceId === null || a.statedOn === null || b.statedOn === null) return false;
  return (
    sameFigures(a, b) &&
    overlaps(
      precisionInterval(a.statedOn, a.statedOnPrecision),
      precisionInterval(b.statedOn, b.statedOnPrecision),
    )
  );
}

/**
 * For each identity, an existing claim it repeats: the same speaker, metric, whose forces, interval and
 * rate, said at a time that agrees within the dates' precision (a month-precision date agrees with any
 * day of its month). Unattributed numbers are never merged: without a speaker, two outlets' figures are
 * two claims. One query for the whole article.
 */
export async function findSameClaims(
  client: PoolClient,
  identities: ClaimIdentity[],
): Promise<(number | null)[]> {
  const { same, reprinted } = await findStoredClaims(client, identities);
  return same.map((id, index) => id ?? reprinted[index] ?? null);
}

/** A stored claim that an identity may repeat (see findStoredClaims). */
export type StoredClaim = Omit<ClaimIdentity, "quote" | "datedByPublication"> & { id: number };

/**
 * For each identity, the stored claim it repeats by speaker, figures and date (`same`, see findSameClaims),
 * and the stored claim whose very words it reprints (`reprinted`, see findReprintedClaims), apart, so a
 * caller can put claims of its own between the two. Two statements for any number of identities.
 */
export async function findStoredClaims(
  client: PoolClient,
  identities: ClaimIdentity[],
): Promise<{ same: (number | null)[]; reprinted: (number | null)[] }> {
  const attributed = identities.filter(
    (identity) => identity.sourceId !== null && identity.statedOn !== null,
  );
  let rows: StoredClaim[] = [];
  if (attributed.length > 0) {
    // One index probe per key (Claim_sourceId_metric_valueLow_valueHigh_idx), not a join the planner may
    // turn into a scan of every claim.
    rows = (
      await client.query<StoredClaim>(
        `select c.id, c."sourceId", c.metric, c."subjectEntityId", c."valueLow", c."valueHigh", c.rate,
                c."statedOn", c."statedOnPrecision"
           from unnest($1::int[], $2::"Metric"[], $3::int[], $4::int[], $5::int[], $6::"Rate"[])
             as k(source, metric, subject, low, high, rate)
           cross join lateral (
             select * from "Claim" c
              where c."sourceId" = k.source and c.metric = k.metric
                and c."valueLow" is not distinct from k.low and c."valueHigh" is not distinct from k.high
                and c.rate = k.rate and c."subjectEntityId" is not distinct from k.subject
                and c."deletedAt" is null and c."statedOn" is not null
           ) c
          order by c.id`,
        figureColumns(attributed),
      )
    ).rows;
  }
  const same = identities.map(
    (identity) => rows.find((candidate) => sameClaim(identity, candidate))?.id ?? null,
  );
  return { same, reprinted: await findReprintedClaims(client, identities) };
}

/** What a claim says: who, of what, whose forces, the interval and the rate (its date aside). */
type Figures = Pick<
  ClaimIdentity,
  "sourceId" | "metric" | "subjectEntityId" | "valueLow" | "valueHigh" | "rate"
>;

/**
 * The figures of a list of identities as the columns of an `unnest`, in that order: speaker, metric, whose
 * forces, low, high, rate. Both lookups of stored claims probe by them.
 */
function figureColumns(identities: Figures[]) {
  return [
    identities.map((i) => i.sourceId),
    identities.map((i) => i.metric),
    identities.map((i) => i.subjectEntityId),
    identities.map((i) => i.valueLow),
    identities.map((i) => i.valueHigh),
    identities.map((i) => i.rate),
  ];
}

/** The same figures by the same speaker (or by nobody, for both): what a reprinted sentence must repeat. */
export function sameFigures(a: Figures, b: Figures): boolean {
  return (
    a.sourceId === b.sourceId &&
    a.metric === b.metric &&
    a.subjectEntityId === b.subjectEntityId &&
    a.valueLow === b.valueLow &&
    a.valueHigh === b.valueHigh &&
    a.rate === b.rate
  );
}

/** Whether findReprintedClaims looks for a reprint of this identity. */
export function mayBeReprint(identity: ClaimIdentity): boolean {
  return identity.datedByPublication && identity.quote.trim() !== "";
}

/**
 * For each identity the text does not date, an existing claim printed in the very same words by the same
 * speaker (or by nobody, for both) with the same figures: the sentence is a reprint of an earlier report,
 * whatever day the reprint appeared, so it is that claim again rather than a new one dated by the reprint.
 */
async function findReprintedClaims(
  client: PoolClient,
  identities: ClaimIdentity[],
): Promise<(number | null)[]> {
  const undated = identities
    .map((identity, index) => ({ identity, index }))
    .filter(({ identity }) => mayBeReprint(identity));
  if (undated.length === 0) return identities.map(() => null);
  // Two branches so each probes Claim_sourceId_metric_valueLow_valueHigh_idx, with or without a speaker.
  const { rows } = await client.query<{ i: string; id: number }>(
    `select k.i, c.id
       from unnest($1::int[], $2::"Metric"[], $3::int[], $4::int[], $5::int[], $6::"Rate"[], $7::text[])
            with ordinality as k(source, metric, subject, low, high, rate, quote, i)
       cross join lateral (
         select c.id from (
           select c.id, c."subjectEntityId", c."valueLow", c."valueHigh", c.rate from "Claim" c
            where k.source is not null and c."sourceId" = k.source and c.metric = k.metric and c."deletedAt" is null
           union all
           select c.id, c."subjectEntityId", c."valueLow", c."valueHigh", c.rate from "Claim" c
            where k.source is null and c."sourceId" is null and c.metric = k.metric and c."deletedAt" is null
         ) c
         where c."valueLow" is not distinct from k.low and c."valueHigh" is not distinct from k.high
           and c.rate = k.rate and c."subjectEntityId" is not distinct from k.subject
           and exists (select 1 from "Appearance" p where p."claimId" = c.id and p.quote = k.quote)
         order by c.id limit 1
       ) c`,
    [
      ...figureColumns(undated.map(({ identity }) => identity)),
      undated.map(({ identity }) => identity.quote),
    ],
  );
  const result: (number | null)[] = identities.map(() => null);
  for (const row of rows) {
    const entry = undated[Number(row.i) - 1];
    if (entry) result[entry.index] = row.id;
  }
  return result;
}
