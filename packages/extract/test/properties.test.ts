import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanArticleText, extractArticle } from "../src/index.ts";

// Text that looks like news copy often enough to reach the claim paths: words, numbers with separators,
// hedges, attributions, dates, punctuation, unicode and stray control characters.
const FRAGMENTS = [
  "about",
  "as many as",
  "more than",
  "between",
  "and",
  "thousands of",
  "troops",
  "soldiers",
  "were killed",
  "deployed to",
  "the Kursk region",
  "said on Monday",
  "according to",
  "the Pentagon",
  "NIS",
  "10,000",
  "1.5 million",
  "twelve hundred",
  "4,000-strong",
  "11,000-12,000",
  "40%",
  "$100",
  "80th",
  "2024",
  "October 31, 2024",
  "—",
  "“",
  "”",
  ".",
  ",",
  "\n",
  "\n\n",
  "Advertisement",
  "© 2025 Example News",
  "é",
  "🙂",
  "\u0000",
  "\t",
];

// Sentences built to contain claims, so the properties are checked on real claim paths too.
const claimSentence = fc
  .tuple(
    fc.constantFrom("The Pentagon said", "According to NIS,", "Officials estimated that", ""),
    fc.constantFrom("about", "as many as", "more than", "between 2,000 and", "thousands of", ""),
    fc.constantFrom("10,000", "1.5 million", "twelve hundred", "8,000", "300"),
    fc.constantFrom(
      "troops were deployed to Russia.",
      "soldiers were killed.",
      "fighters arrived on Monday.",
    ),
  )
  .map((parts) => parts.filter(Boolean).join(" "));

const newsLike = fc
  .array(
    fc.oneof(
      { arbitrary: claimSentence, weight: 4 },
      fc.constantFrom(...FRAGMENTS),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: "grapheme", maxLength: 6 }),
    ),
    { minLength: 1, maxLength: 120 },
  )
  .map((parts) => parts.join(" "));

// The first line is the headline; most inputs get one so their body is exercised too.
const anyText = fc.oneof(
  newsLike.map((body) => `Headline\n\n${body}`),
  newsLike,
  fc.string({ unit: "binary", maxLength: 400 }),
);

// A fixed number of runs from a fixed seed: the same inputs every time, so only the machine's load decides how
// long they take. The time allowed is generous so a busy machine cannot fail them; the work is the same.
const PROPERTY_TIMEOUT = 60_000;

describe("extraction properties (any string in)", () => {
  it(
    "never throws, and every offset, quote and interval is sound",
    () => {
      let claimsSeen = 0;
      fc.assert(
        fc.property(anyText, (text) => {
          const article = extractArticle(text, { publishedAt: "2024-11-01", precision: "day" });
          claimsSeen += article.claims.length;
          for (const [index, claim] of article.claims.entries()) {
            // A headline's claim indexes the title; the body's, the body.
            const printed = claim.inTitle ? article.title : article.body;
            expect(claim.start).toBeGreaterThanOrEqual(0);
            expect(claim.end).toBeLessThanOrEqual(printed.length);
            expect(claim.start).toBeLessThan(claim.end);
            expect(printed.slice(claim.start, claim.end)).toBe(claim.quote);
            expect(printed.slice(Math.max(0, claim.start - claim.prefix.length), claim.start)).toBe(
              claim.prefix,
            );
            expect(printed.slice(claim.end, claim.end + claim.suffix.length)).toBe(claim.suffix);
            if (claim.duplicateOf !== null) expect(claim.duplicateOf).toBeLessThan(index);
            if (claim.valueLow !== null && claim.valueHigh !== null) {
              expect(claim.valueLow).toBeLessThanOrEqual(claim.valueHigh);
            }
            expect(claim.confidence).toBeGreaterThanOrEqual(0);
            expect(claim.confidence).toBeLessThanOrEqual(1);
          }
          for (const entity of article.entities) {
            for (const mention of entity.mentions) {
              expect(mention.start).toBeGreaterThanOrEqual(0);
              expect(mention.end).toBeLessThanOrEqual(article.body.length);
              expect(article.body.slice(mention.start, mention.end)).toBe(mention.text);
            }
          }
        }),
        { numRuns: 400, seed: 20261122 },
      );
      // The generator must reach the claim paths, or the property says nothing about them.
      expect(claimsSeen).toBeGreaterThan(20);
    },
    PROPERTY_TIMEOUT,
  );

  it(
    "is deterministic",
    () => {
      fc.assert(
        fc.property(newsLike, (text) => {
          expect(JSON.stringify(extractArticle(text))).toBe(JSON.stringify(extractArticle(text)));
        }),
        { numRuns: 100, seed: 7 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});

describe("cleaner properties", () => {
  it(
    "never throws and never adds text that was not in the input",
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          const cleaned = cleanArticleText(text);
          expect(typeof cleaned.body).toBe("string");
          expect(typeof cleaned.title).toBe("string");
          // Every line of the body comes from the input.
          for (const line of cleaned.body.split("\n")) {
            if (line.trim() !== "") expect(text).toContain(line.trim());
          }
        }),
        { numRuns: 400, seed: 11 },
      );
    },
    PROPERTY_TIMEOUT,
  );
});
