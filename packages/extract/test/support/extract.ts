import { type ExtractedClaim, type ExtractOptions, extractArticle } from "../../src/index.ts";

/** An article with a throwaway headline, published on a Tuesday unless the test says otherwise. */
export function article(body: string, options: ExtractOptions = {}) {
  return extractArticle(`Test headline\n\n${body}`, {
    publishedAt: "2024-11-05",
    precision: "day",
    ...options,
  });
}

export function claims(body: string, options: ExtractOptions = {}): ExtractedClaim[] {
  return article(body, options).claims;
}

/** The only claim of a text (fails loudly when there is not exactly one). */
export function only(body: string, options: ExtractOptions = {}): ExtractedClaim {
  const found = claims(body, options).filter((c) => c.duplicateOf === null);
  if (found.length !== 1) {
    throw new Error(`expected one claim, got ${found.length}: ${JSON.stringify(found.map((c) => c.quote))}`);
  }
  return found[0] as ExtractedClaim;
}

/** Every claim of a text but those printed again (a figure given twice in an article is counted once). */
export const counted = (body: string, options: ExtractOptions = {}): ExtractedClaim[] =>
  claims(body, options).filter((c) => c.duplicateOf === null);
