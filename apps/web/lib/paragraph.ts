const CONTEXT = 320;

/**
 * The paragraph of `body` holding [start, end), with the span's offsets relative to it. A paragraph longer
 * than the quote plus some context (texts without blank lines are one "paragraph") is cut at sentence
 * ends near the quote, and the cut is marked with an ellipsis.
 */
export function paragraphAround(
  body: string,
  start: number,
  end: number,
): { text: string; start: number; end: number } {
  const before = body.lastIndexOf("\n\n", start);
  let from = before < 0 ? 0 : before + 2;
  const after = body.indexOf("\n\n", end);
  let to = after < 0 ? body.length : after;
  let lead = "";
  let tail = "";
  if (start - from > CONTEXT) {
    const window = body.slice(start - CONTEXT, start);
    const sentence = window.search(/[.!?]["”’]?\s+\S/);
    from =
      sentence < 0 ? start - CONTEXT : start - CONTEXT + sentence + window.slice(sentence).search(/\S/u) + 1;
    from = Math.min(from, start);
    while (from < start && /\s/.test(body[from] ?? "")) from++;
    lead = "… ";
  }
  if (to - end > CONTEXT) {
    const window = body.slice(end, end + CONTEXT);
    const match = /[.!?]["”’]?(\s|$)/.exec(window);
    to = match ? end + match.index + match[0].trimEnd().length : end + CONTEXT;
    tail = " …";
  }
  return {
    text: lead + body.slice(from, to) + tail,
    start: start - from + lead.length,
    end: end - from + lead.length,
  };
}
