import { describe, expect, it } from "vitest";
import { article, only } from "./support/extract.ts";

// Constructions seen in wire copy: datelines, trailing frames with an object, relative clauses and ages
// between a speaker and the verb, quoted fragments, and several speakers in one sentence.
describe("wire-copy constructions", () => {
  it("a dateline and a trailing 'X told Y on Tuesday' frame", () => {
    const c = only(
      "NAIROBI, March 4 (Example Wire) - The militia has recruited at least 5,000 new fighters since January, two aid officials told Example Wire on Tuesday, as fighting spread.",
    );
    expect(c).toMatchObject({
      source: "aid officials",
      statedOn: { date: "2024-11-05", precision: "day" },
      metric: "recruited",
    });
    expect(c.quote.startsWith("The militia has recruited")).toBe(true);
  });

  it("a capitalised dateline names a known place", () => {
    const a = article("KHARTOUM, May 2 - Officials said 300 soldiers were killed.");
    expect(a.entities.some((e) => e.name === "Khartoum" && e.type === "place")).toBe(true);
  });

  it("markdown headings and emphasis are not text", () => {
    const a = article("**ROME** — About 500 soldiers were sent to the island.");
    expect(a.body.startsWith("ROME — About 500")).toBe(true);
  });

  it("falling back is not falling", () => {
    expect(only("About 5,000 troops have fallen back to the river, officials said.").metric).not.toBe(
      "killed",
    );
  });
});
