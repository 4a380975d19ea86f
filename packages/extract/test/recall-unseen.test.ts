import { describe, expect, it } from "vitest";
import { claims } from "./support/extract.ts";

// Constructions met in reporting on conflicts the gold sets do not cover; the sentences are invented.
describe("figures in constructions of unseen reporting", () => {
  it("'Of the N people who …, M are children' repeats N as another appearance and counts M", () => {
    const all = claims(
      "The ministry said the strikes had caused at least 340 deaths. Of the 340 people who have died, 41 are children, the ministry said.",
    );
    const fresh = all.filter((c) => c.duplicateOf === null).map((c) => [c.valueLow, c.valueHigh, c.metric]);
    expect(fresh).toEqual([
      [340, null, "killed"],
      [41, 41, "killed"],
    ]);
    const repeat = all.find((c) => c.duplicateOf !== null);
    expect([repeat?.valueLow, repeat?.valueHigh, repeat?.duplicateOf]).toEqual([340, null, 0]);
  });
});
