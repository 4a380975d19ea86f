import type { SourceRef } from "./attribution.ts";
import type { EntityIndex } from "./entities.ts";
import { mentionsNear } from "./mention-lookup.ts";

/**
 * "The al-Qaeda-linked group claimed the attack, according to a statement authenticated by SITE, a
 * monitoring NGO. The group said it had killed …": a bare "the group" points back to what the text called a
 * group, not to an organisation named since whose name does not say so. Not when an armed group is named
 * with the description ("Hamas, the militant group, …"): the name is the antecedent then.
 */
const DESCRIBED_GROUP = /\b(?:the|an?)\s+((?:[\p{L}’'-]+\s+){0,2}group)\b(?!\s+of\b)/giu;
const REACH = 400;

export function describedGroup(
  body: string,
  index: EntityIndex,
  start: number,
  end: number,
  best: SourceRef | null,
): SourceRef | null {
  if (!best?.entity || best.type !== "organization" || /\bgroup\b/i.test(best.name)) return null;
  const from = Math.max(0, start - REACH);
  const window = body.slice(from, start);
  if (!/group\b/i.test(window)) return null;
  let last: RegExpExecArray | null = null;
  DESCRIBED_GROUP.lastIndex = 0;
  for (let m = DESCRIBED_GROUP.exec(window); m; m = DESCRIBED_GROUP.exec(window)) last = m;
  if (!last?.[1]) return null;
  const at = from + last.index + last[0].indexOf(last[1]);
  // The organisation chosen was named after the description, and the description names no group of its own.
  if (best.start < at) return null;
  // "the al-Qaeda-linked group" is not al-Qaeda.
  const named = mentionsNear(index, at - 60, at + last[1].length).some(
    (m) =>
      m.entity.type === "group" &&
      m.end > at - 60 &&
      !/^-(?:linked|backed|affiliated|aligned|allied|inspired)\b/i.test(body.slice(m.end, m.end + 12)),
  );
  if (named) return null;
  const name = last[1].replace(/^(?:the|an?)\s+/i, "");
  if (/^(?:same|other|whole|entire|latter|former)\s/i.test(name) || name.toLowerCase() === "group")
    return null;
  return { name, type: "group", entity: null, start, end };
}
