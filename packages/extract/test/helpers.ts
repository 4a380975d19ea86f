import { expect } from "vitest";
import { type ExtractedClaim, type ExtractOptions, extractArticle } from "../src/index.ts";

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

/** A claim as a table row describes it: any of its fields, with the relay chain (`via`) as names. */
export type ClaimFields = {
  [Field in Exclude<keyof ExtractedClaim, "via">]?: Loosely<ExtractedClaim[Field]>;
} & { via?: string[] };
/** A date, a reference or a span may be described by some of its fields. */
type Loosely<Value> = Value extends unknown[] ? Value : Value extends object ? Partial<Value> : Value;

const described = (claim: ExtractedClaim) => ({ ...claim, via: claim.via.map((v) => v.name) });

/**
 * One row of a table of texts: the fields of the only claim the text gives (`claim`), or of every counted
 * claim in order (`counted`), or of every claim, those printed again included (`all`), or of some claims
 * by their place among all claims (`at`) or among the counted ones (`countedAt`).
 */
export interface ClaimCase {
  name?: string;
  text: string;
  options?: ExtractOptions;
  claim?: ClaimFields;
  counted?: ClaimFields[];
  all?: ClaimFields[];
  at?: Record<number, ClaimFields>;
  countedAt?: Record<number, ClaimFields>;
}

export function expectClaims(row: ClaimCase): void {
  const { text, options, claim } = row;
  if (claim) expect(described(only(text, options))).toMatchObject(claim);
  for (const [found, expected, places] of [
    [claims(text, options), row.all, row.at],
    [counted(text, options), row.counted, row.countedAt],
  ] as const) {
    if (expected) expect(found.map(described)).toMatchObject(expected);
    for (const [index, fields] of Object.entries(places ?? {})) {
      const placed = found[Number(index)];
      expect(placed && described(placed), `claim ${index}`).toMatchObject(fields);
    }
  }
}
