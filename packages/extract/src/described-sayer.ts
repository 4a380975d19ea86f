import type { AttributionContext, SourceRef } from "./attribution.ts";

const DESCRIBED_SAYER =
  /\b(?:[Tt]he|[Aa]n?)\s+((?:[\p{Ll}-]+\s+){0,3}?(?:official|spokes(?:man|woman|person)|commander|officer|source|doctor|medic|witness|resident))(?:,\s+who\s[^,.;]{1,80},)?\s+(?:said|told|added|stated|says|tells|explained)\b/gu;

/** The last person described, not named, as the subject of a reporting verb in the 800 characters before `at`. */
export function describedSayer(
  ctx: AttributionContext,
  at: number,
  after: number,
  resolveNP: (ctx: AttributionContext, start: number, end: number) => SourceRef | null,
): SourceRef | null {
  const ref = lastPhrase(ctx, DESCRIBED_SAYER, Math.max(0, at - 800, after), at, resolveNP);
  return ref && ref.type === "person" && ref.entity === null ? ref : null;
}

/**
 * The phrase the last match of a global `pattern` in the text between `from` and `to` captures (its first
 * group), resolved as a speaker: who announced or said something just before.
 */
export function lastPhrase(
  ctx: AttributionContext,
  pattern: RegExp,
  from: number,
  to: number,
  resolveNP: (ctx: AttributionContext, start: number, end: number) => SourceRef | null,
): SourceRef | null {
  const window = ctx.body.slice(from, to);
  let last: RegExpExecArray | null = null;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(window); m; m = pattern.exec(window)) last = m;
  if (!last?.[1]) return null;
  const phraseStart = from + last.index + last[0].indexOf(last[1]);
  return resolveNP(ctx, phraseStart, phraseStart + last[1].length);
}
