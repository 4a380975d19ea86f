import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";

const read = (body: string) =>
  extractArticle(`Report\n\n${body}`, { publishedAt: "2025-03-08", precision: "day" });

// Wire copy introduces a speaker by description, then names him: the figure is the named person's (rows of
// cases/speakers.yaml). Here, what a row cannot say.
describe("a speaker described, then named", () => {
  it("'the official' points back, not forward", () => {
    const a = read(
      "A soldier described the attack.\nNine soldiers were killed, the official said.\nColonel Musa Bello, an army spokesman, said troops were pursuing the attackers.",
    );
    expect(a.claims[0]?.source).not.toBe("Musa Bello");
  });
});
