import type { ExtractedClaim } from "@headcount/extract";
import { type Precision, precisionInterval } from "@headcount/shared";
import type { Prisma } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

export interface ClaimIdentity {
  sourceId: number | null;
  metric: ExtractedClaim["metric"];
  subjectEntityId: number | null;
  valueLow: number | null;
  valueHigh: number | null;
  rate: ExtractedClaim["rate"];
  statedOn: Date | null;
  statedOnPrecision: Precision;
}

export function claimLockKey(identity: ClaimIdentity): string {
  return `claim:${identity.sourceId}:${identity.metric}:${identity.valueLow}:${identity.valueHigh}:${identity.rate}`;
}

function overlaps(a: { start: Date; end: Date }, b: { start: Date; end: Date }): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * An existing claim this one repeats: the same speaker, metric, whose forces, interval and rate, said at
 * a time that agrees within the dates' precision (a month-precision date agrees with any day of its
 * month). Unattributed numbers are never merged: without a speaker two outlets' figures are two claims.
 */
export async function findSameClaim(tx: Tx, identity: ClaimIdentity): Promise<number | null> {
  if (identity.sourceId === null || identity.statedOn === null) return null;
  const candidates = await tx.claim.findMany({
    where: {
      sourceId: identity.sourceId,
      metric: identity.metric,
      subjectEntityId: identity.subjectEntityId,
      valueLow: identity.valueLow,
      valueHigh: identity.valueHigh,
      rate: identity.rate,
      deletedAt: null,
      statedOn: { not: null },
    },
    select: { id: true, statedOn: true, statedOnPrecision: true },
    orderBy: { id: "asc" },
    take: 50,
  });
  const mine = precisionInterval(identity.statedOn, identity.statedOnPrecision);
  for (const candidate of candidates) {
    if (!candidate.statedOn) continue;
    if (overlaps(mine, precisionInterval(candidate.statedOn, candidate.statedOnPrecision)))
      return candidate.id;
  }
  return null;
}
