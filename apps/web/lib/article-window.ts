/**
 * Which parts of an article's text the article page shows. A short article is shown whole; a long one (an
 * article may print thousands of figures) only around the claims listed on the page, with the gaps between
 * named, so that a page stays small whatever the article's length.
 */

export interface TextWindow {
  start: number;
  end: number;
}

export interface WindowedText {
  windows: TextWindow[];
  /** Characters left out before each window, and after the last (`after`). */
  omittedBefore: number[];
  omittedAfter: number;
}

export interface WindowOptions {
  /** Texts up to this length are shown whole. */
  wholeUpTo?: number;
  /** Characters of context kept on each side of a span. */
  context?: number;
  /** How far a window's edge may move to end at a space rather than inside a word. */
  snap?: number;
}

export const WINDOW_DEFAULTS: Required<WindowOptions> = { wholeUpTo: 20_000, context: 240, snap: 40 };

const isSpace = (char: string | undefined) => char !== undefined && /\s/.test(char);

/** The edge moved back (or forward) to the nearest space within `snap` characters, if there is one. */
function snapEdge(body: string, at: number, direction: -1 | 1, snap: number): number {
  for (let i = 0; i <= snap; i++) {
    const position = at + direction * i;
    if (position <= 0) return 0;
    if (position >= body.length) return body.length;
    if (isSpace(body[position - 1]) || isSpace(body[position])) return position;
  }
  return at;
}

/**
 * The windows of `body` to show around `spans` (offsets into the body), merged where they meet, in order.
 * Every span lies whole inside one window.
 */
export function windowText(
  body: string,
  spans: readonly { start: number; end: number }[],
  options: WindowOptions = {},
): WindowedText {
  const { wholeUpTo, context, snap } = { ...WINDOW_DEFAULTS, ...options };
  const length = body.length;
  if (length <= wholeUpTo)
    return { windows: [{ start: 0, end: length }], omittedBefore: [0], omittedAfter: 0 };
  const sorted = spans
    .map((span) => ({
      start: Math.max(0, Math.min(span.start, length)),
      end: Math.max(0, Math.min(span.end, length)),
    }))
    .sort((a, b) => a.start - b.start);
  const windows: TextWindow[] = [];
  for (const span of sorted) {
    const start = snapEdge(body, Math.max(0, span.start - context), -1, snap);
    const end = snapEdge(body, Math.min(length, Math.max(span.end, span.start) + context), 1, snap);
    const last = windows.at(-1);
    // Windows that touch or nearly touch are one: a marker for a handful of characters helps no one.
    if (last && start <= last.end + snap) last.end = Math.max(last.end, end);
    else windows.push({ start, end });
  }
  if (windows.length === 0) {
    // No claims on this page: the opening of the text.
    windows.push({ start: 0, end: snapEdge(body, Math.min(length, 2 * context), 1, snap) });
  }
  const omittedBefore = windows.map((window, index) => window.start - (windows[index - 1]?.end ?? 0));
  const omittedAfter = length - (windows.at(-1)?.end ?? 0);
  return { windows, omittedBefore, omittedAfter };
}
