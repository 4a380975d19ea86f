import { AUTO_MERGE_THRESHOLD, automaticMergeScore } from "@headcount/extract/variants";
import type { EntityType } from "@headcount/shared";
import type { PrismaClient } from "../db/prisma.ts";
import { MACHINE } from "./actor.ts";
import { mergeEntities } from "./entities.ts";
import { ConflictError, NotFoundError, ValidationError } from "./errors.ts";

interface Side {
  id: number;
  name: string;
  type: EntityType;
  role: string | null;
  mentions: number;
}

interface OpenSuggestion {
  id: number;
  score: number;
  keep: Side;
  merge: Side;
}

/** How many open suggestions one pass reads; passes repeat until none is left. */
const BATCH = 200;

/**
 * The better attested of two names for one entity: the one articles use more, then the fuller one, then
 * the older entity. "Alexander Matsegora" named in four articles keeps its name over a one-off
 * "Alexander Matsegorov", whichever was stored first.
 */
function bestAttested(a: Side, b: Side): [keep: Side, merge: Side] {
  const order = b.mentions - a.mentions || b.name.length - a.name.length || a.id - b.id;
  return order > 0 ? [b, a] : [a, b];
}

/**
 * Merges the machine's open suggestions whose pair automaticMergeScore allows (a close variant of a name
 * with a word of its own; never places), each as an undoable merge judged by the machine with its score,
 * under the better attested name. Suggestions below the bar stay in the editors' queue. Safe to run in
 * several processes at once: a suggestion is merged once, the others find it judged and skip it. With
 * `limit`, it stops after that many merges (a request's share; the next pass makes the rest). Returns how
 * many merges it made.
 */
export async function mergeVariantsAutomatically(
  prisma: PrismaClient,
  options: { limit?: number } = {},
): Promise<number> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  let merged = 0;
  const skipped = new Set<number>();
  for (;;) {
    const rows = await prisma.$queryRaw<
      {
        id: number;
        score: number;
        k_id: number;
        k_name: string;
        k_type: EntityType;
        k_role: string | null;
        k_mentions: number;
        m_id: number;
        m_name: string;
        m_type: EntityType;
        m_role: string | null;
        m_mentions: number;
      }[]
    >`
      select j.id, j.score,
             k.id as k_id, k.name as k_name, k.type::text as k_type, k.role as k_role,
             (select count(*)::int from "EntityMention" x where x."entityId" = k.id) as k_mentions,
             m.id as m_id, m.name as m_name, m.type::text as m_type, m.role as m_role,
             (select count(*)::int from "EntityMention" x where x."entityId" = m.id) as m_mentions
        from "MergeJudgement" j
        join "Entity" k on k.id = j."keepId" and k."mergedIntoId" is null
        join "Entity" m on m.id = j."mergeId" and m."mergedIntoId" is null
       where j.verdict = 'unsure' and j.origin = 'machine' and j."resolvedAt" is null and j."undoneAt" is null
         and j.score >= ${AUTO_MERGE_THRESHOLD} and k.type <> 'place'
         and not (j.id = any(${[...skipped]}::int[]))
       order by j.id
       limit ${BATCH}`;
    const suggestions: OpenSuggestion[] = rows.map((row) => ({
      id: row.id,
      score: row.score,
      keep: { id: row.k_id, name: row.k_name, type: row.k_type, role: row.k_role, mentions: row.k_mentions },
      merge: { id: row.m_id, name: row.m_name, type: row.m_type, role: row.m_role, mentions: row.m_mentions },
    }));
    if (suggestions.length === 0) return merged;
    // Each suggestion read is merged or skipped: every pass leaves fewer to read.
    for (const suggestion of suggestions) {
      if (merged >= limit) return merged;
      const score = automaticMergeScore(suggestion.keep, suggestion.merge);
      if (score === null) {
        skipped.add(suggestion.id);
        continue;
      }
      const [keep, merge] = bestAttested(suggestion.keep, suggestion.merge);
      try {
        await mergeEntities(prisma, MACHINE, {
          keepId: keep.id,
          mergeId: merge.id,
          suggestionId: suggestion.id,
          score,
          note: `Merged automatically: "${merge.name}" is a spelling of "${keep.name}" (score ${score.toFixed(2)}).`,
        });
        merged++;
      } catch (error) {
        // Judged, merged or changed by someone else in the meantime: theirs stands.
        if (
          !(
            error instanceof ValidationError ||
            error instanceof ConflictError ||
            error instanceof NotFoundError
          )
        )
          throw error;
        skipped.add(suggestion.id);
      }
    }
  }
}
