import { describe, expect, it } from "vitest";
import { NO_ENTITY_COLOUR, SERIES_COLOURS, seriesColours } from "../../lib/plot";

const entityKey = (id: number) => Buffer.from(`Entity:${id}`).toString("base64");

/** CIE L*a*b* of an sRGB hex colour (D65). */
function lab(hex: string): [number, number, number] {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [channel(0), channel(1), channel(2)];
  const x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
  const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  const z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** Relative luminance contrast against white. */
function contrastOnWhite(hex: string): number {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
  return 1.05 / (l + 0.05);
}

describe("series colours", () => {
  it("keeps a source's colour whatever the other sources in view and their order", () => {
    const universe = [1, 2, 3, 4, 5, 6, 7].map(entityKey);
    const all = seriesColours(universe, universe);
    for (const key of universe) {
      expect(seriesColours([key], universe).get(key)).toBe(all.get(key));
      expect(seriesColours([key, entityKey(3)], [...universe].reverse()).get(key)).toBe(all.get(key));
    }
  });

  it("never moves an older source's colour when a new source appears", () => {
    const universe = Array.from({ length: 20 }, (_, i) => entityKey(i + 1));
    const before = seriesColours(universe, universe);
    const after = seriesColours(universe, [...universe, entityKey(21), entityKey(22)]);
    expect(after).toEqual(before);
  });

  it("gives no two sources the same colour while colours are left", () => {
    const universe = Array.from({ length: SERIES_COLOURS.length }, (_, i) => entityKey(i + 1));
    expect(new Set(seriesColours(universe, universe).values()).size).toBe(SERIES_COLOURS.length);
  });

  it("gives claims with no source a grey no source gets", () => {
    const colours = seriesColours(["unattributed", entityKey(1)]);
    expect(colours.get("unattributed")).toBe(NO_ENTITY_COLOUR);
    expect(SERIES_COLOURS).not.toContain(NO_ENTITY_COLOUR);
  });

  it("has no two near-identical colours, each readable on white", () => {
    for (const [i, a] of SERIES_COLOURS.entries()) {
      expect(contrastOnWhite(a), a).toBeGreaterThanOrEqual(3);
      for (const b of SERIES_COLOURS.slice(i + 1)) {
        const [l1, a1, b1] = lab(a);
        const [l2, a2, b2] = lab(b);
        expect(Math.hypot(l1 - l2, a1 - a2, b1 - b2), `${a} vs ${b}`).toBeGreaterThan(25);
      }
    }
  });
});
