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
  const from = Math.max(0, at - 800, after);
  const window = ctx.body.slice(from, at);
  let last: RegExpExecArray | null = null;
  DESCRIBED_SAYER.lastIndex = 0;
  for (let m = DESCRIBED_SAYER.exec(window); m; m = DESCRIBED_SAYER.exec(window)) last = m;
  if (!last?.[1]) return null;
  const npStart = from + last.index + last[0].indexOf(last[1]);
  const ref = resolveNP(ctx, npStart, npStart + last[1].length);
  return ref && ref.type === "person" && ref.entity === null ? ref : null;
}
