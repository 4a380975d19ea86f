import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";

const read = (body: string) =>
  extractArticle(`Report\n\n${body}`, { publishedAt: "2025-03-08", precision: "day" });

// Wire copy introduces a speaker by description, then names him: the figure is the named person's.
describe("a speaker described, then named", () => {
  it("goes to the person named next whose description fits", () => {
    const a = read(
      "Militants attacked a base, killing at least 7 soldiers, a Somali military official said.\nThe attack came days after a raid on the group's leader, Ali Dheere.\n“We lost seven soldiers,” Captain Yusuf Warsame, a Somali military officer, told Reuters.",
    );
    expect(a.claims[0]?.source).toBe("Yusuf Warsame");
  });

  it("stays a description when the person named does not fit it", () => {
    const a = read(
      "Rebels killed nine soldiers, a rebel spokesperson said.\nA military spokesperson, Budi Santoso, confirmed the attack.",
    );
    expect(a.claims[0]?.source).toBe("rebel spokesperson");
  });

  it("'the official' points back, not forward", () => {
    const a = read(
      "A soldier described the attack.\nNine soldiers were killed, the official said.\nColonel Musa Bello, an army spokesman, said troops were pursuing the attackers.",
    );
    expect(a.claims[0]?.source).not.toBe("Musa Bello");
  });
});

describe("a list under a line that ends in a colon", () => {
  it("is said by whoever opened the list, item by item, without the bullet in the quote", () => {
    const a = read(
      "The monitor documented the death of 160 people in November; the deaths are as follows:\n\n  • 24 civilians were killed in Daraa.\n  • 12 civilians were murdered.\n\nSeparately, 30 soldiers were wounded.",
    );
    expect(a.claims.map((c) => [c.quote, c.source])).toEqual([
      ["The monitor documented the death of 160 people in November", "monitor"],
      ["24 civilians were killed in Daraa", "monitor"],
      ["12 civilians were murdered", "monitor"],
      ["30 soldiers were wounded", null],
    ]);
  });
});

describe("a body's representative or commander described", () => {
  it("speaks as the person described, not as the body", () => {
    expect(read("“Four died on the spot,” a PDF representative said.").claims[0]?.source).toBe(
      "PDF representative",
    );
    expect(read("A Hamas commander said 40 fighters were killed.").claims[0]?.source).toBe("Hamas commander");
  });
});
