import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";

describe("a dateline in capitals before a wire credit names a place", () => {
  it.each(["STRELSAU (Wire) - ", "STRELSAU (Wire) — ", "STRELSAU: "])("%s", (lead) => {
    const body = `${lead}Border police said 120 soldiers were captured near the crossing.`;
    const dateline = extractArticle(`Fighting\n\n${body}`).entities.find((e) => /strelsau/i.test(e.name));
    expect(dateline?.type).toBe("place");
  });
});
