import type { EntityType } from "@headcount/shared";
import type { AttributionContext, SourceRef } from "./attribution.ts";
import type { EntityIndex, EntityMention, EntityRecord } from "./entities.ts";

/** The latest source of an earlier claim that fits, within the last ~600 characters. */
export function lastSpeaker(
  ctx: AttributionContext,
  at: number,
  accept: (ref: SourceRef) => boolean,
): SourceRef | null {
  let found: SourceRef | null = null;
  for (const ref of recentPrior(ctx, at, 600)) {
    if (!accept(ref)) continue;
    if (!found || ref.start > found.start) found = ref;
  }
  return found;
}

/**
 * How far back a pronoun, "the group" or "the report" may point: a news article names its speakers within a
 * few paragraphs. The bound keeps a text with thousands of figures linear rather than quadratic.
 */
export const LOOKBACK = 12_000;

/** Sources of earlier claims that start before `at` and within `span` characters of it, in text order. */
export function recentPrior(ctx: AttributionContext, at: number, span = LOOKBACK): SourceRef[] {
  const all = ctx.priorSources ?? [];
  let from = all.length;
  // Claims are read in text order, so the sources near the end are the recent ones.
  while (from > 0 && all.length - from < 400 && (all[from - 1] as SourceRef).start >= at - span) from--;
  return all.slice(from).filter((r) => r.start < at && at - r.start <= span);
}

/** The index of the first mention starting at or after `at` (mentions are in text order). */
export function firstFrom(mentions: EntityMention[], at: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mentions[mid] as EntityMention).start < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function mentionsNear(index: EntityIndex, from: number, to: number): EntityMention[] {
  const out: EntityMention[] = [];
  for (let i = firstFrom(index.mentions, Math.max(0, from)); i < index.mentions.length; i++) {
    const mention = index.mentions[i] as EntityMention;
    if (mention.start >= to) break;
    out.push(mention);
  }
  return out;
}

export function bestEntity(index: EntityIndex, start: number, end: number): EntityMention | null {
  const rank: Record<EntityType, number> = { person: 4, organization: 3, group: 2, place: 1 };
  let best: EntityMention | null = null;
  for (let i = firstFrom(index.mentions, start); i < index.mentions.length; i++) {
    const mention = index.mentions[i] as EntityMention;
    if (mention.start >= end) break;
    if (mention.start < start || mention.end > end) continue;
    if (!best || rank[mention.entity.type] >= rank[best.entity.type]) best = mention;
  }
  return best;
}

export function lastBefore(
  index: EntityIndex,
  at: number,
  accept: (m: EntityMention) => boolean,
): EntityMention | null {
  for (let i = firstFrom(index.mentions, at) - 1; i >= 0; i--) {
    const mention = index.mentions[i] as EntityMention;
    if (at - mention.start > LOOKBACK) break;
    if (accept(mention)) return mention;
  }
  return null;
}

export function refOf(entity: EntityRecord, start: number, end: number): SourceRef {
  return { name: entity.name, type: entity.type, entity, start, end };
}
