import { describe, expect, it } from "vitest";
import { windowText } from "../../lib/article-window";

/** A long article: numbered sentences, so every window can be checked against the text. */
function article(sentences: number): { body: string; spans: { start: number; end: number }[] } {
  const parts: string[] = [];
  const spans: { start: number; end: number }[] = [];
  let length = 0;
  for (let i = 0; i < sentences; i++) {
    const figure = `${i + 1},000 troops`;
    const sentence = `Officials said ${figure} moved through the northern district that week. `;
    const start = length + "Officials said ".length;
    spans.push({ start, end: start + figure.length });
    parts.push(sentence);
    length += sentence.length;
  }
  return { body: parts.join(""), spans };
}

describe("windowText", () => {
  it("shows a short article whole", () => {
    const { body, spans } = article(10);
    expect(windowText(body, spans)).toEqual({
      windows: [{ start: 0, end: body.length }],
      omittedBefore: [0],
      omittedAfter: 0,
    });
  });

  it("keeps every listed span whole, with context, and counts what it leaves out", () => {
    const { body, spans } = article(17_000);
    // Claims 5,001–5,100 of the article, and one far away.
    const listed = [...spans.slice(5_000, 5_100), spans[12_000] as { start: number; end: number }];
    const { windows, omittedBefore, omittedAfter } = windowText(body, listed);
    expect(windows).toHaveLength(2);
    for (const span of listed)
      expect(windows.some((w) => w.start <= span.start - 200 && w.end >= span.end + 200)).toBe(true);
    const shown = windows.reduce((sum, w) => sum + w.end - w.start, 0);
    // Everything is either shown or counted as omitted, exactly once.
    expect(shown + omittedBefore.reduce((a, b) => a + b, 0) + omittedAfter).toBe(body.length);
    expect(omittedBefore[0]).toBe(windows[0]?.start);
    expect(omittedBefore[1]).toBe((windows[1]?.start ?? 0) - (windows[0]?.end ?? 0));
    // Bounded by the listed claims, not by the article: about 100 sentences of 80 characters and margins.
    expect(shown).toBeLessThan(10_000);
    expect(body.length).toBeGreaterThan(1_000_000);
    // Windows end between words.
    for (const w of windows) {
      expect(w.start === 0 || /\s/.test(body[w.start - 1] ?? "") || /\s/.test(body[w.start] ?? "")).toBe(
        true,
      );
      expect(w.end === body.length || /\s/.test(body[w.end] ?? "") || /\s/.test(body[w.end - 1] ?? "")).toBe(
        true,
      );
    }
  });

  it("merges windows that meet and keeps them in text order", () => {
    const { body, spans } = article(1_000);
    const picked = [spans[900], spans[3], spans[4], spans[500]] as { start: number; end: number }[];
    const { windows } = windowText(body, picked);
    expect(windows).toHaveLength(3);
    expect(windows.map((w) => w.start)).toEqual([...windows.map((w) => w.start)].sort((a, b) => a - b));
    for (let i = 1; i < windows.length; i++)
      expect(windows[i]?.start ?? 0).toBeGreaterThan(windows[i - 1]?.end ?? 0);
  });

  it("shows the opening when no claim is listed, and clamps spans past the end", () => {
    const { body } = article(1_000);
    const opening = windowText(body, []);
    expect(opening.windows).toHaveLength(1);
    expect(opening.windows[0]?.start).toBe(0);
    expect(opening.omittedAfter).toBeGreaterThan(body.length - 1_000);
    const clamped = windowText(body, [{ start: body.length + 50, end: body.length + 90 }]);
    expect(clamped.windows.at(-1)?.end).toBe(body.length);
    expect(clamped.omittedAfter).toBe(0);
  });
});
