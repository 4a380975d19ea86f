/**
 * Extractor cases: where a new one goes.
 *
 * A case is a row of data in one of the tables in `test/cases/*.yaml`, one file per family of constructions
 * (speakers, speaker-clauses, figures, tolls, dates, wire-and-translated-copy, unseen-articles), one section
 * per kind of construction.
 * To add a case, add a row to the section it belongs to (or a new section); `cases.test.ts` runs every row
 * of every file, and a row's name is its test's name. A row is:
 *
 *   - name: what the case shows, as a sentence
 *     text: the article body (a throwaway headline is put before it, published 2024-11-05)
 *     options: { publishedAt: 2024-09-21 }     # optional, as extractArticle takes them
 *     claim: { valueLow: 40, source: army }     # the fields of the only counted claim, or
 *     counted: [ { valueLow: 40 }, {} ]         # of every counted claim in order, or
 *     all: [ {}, { duplicateOf: 0 } ]           # of every claim, those printed again included, or
 *     at: { 1: { source: army } }               # of some claims by their place among all claims,
 *     countedAt: { 1: { source: army } }        # or among the counted ones
 *
 * or, for one of the wire articles in `test/fixtures`, `fixture: sudan` instead of `text` with `quote:` a
 * fragment of the counted claim whose fields `claim` gives. Fields are those of ExtractedClaim (a relay
 * chain `via` as names; a date or a span by some of its fields); a field name that is not one, or a key a
 * row does not know, fails the row. Write a test in TypeScript only for what a row cannot say.
 */
import { readdirSync, readFileSync } from "node:fs";
import { expect } from "vitest";
import { parse } from "yaml";
import { type ExtractedClaim, type ExtractOptions, extractArticle } from "../../src/index.ts";
import { claims, counted, only } from "./extract.ts";

/** A claim as a table row describes it: any of its fields, with the relay chain (`via`) as names. */
export type ClaimFields = {
  [Field in Exclude<keyof ExtractedClaim, "via">]?: Loosely<ExtractedClaim[Field]>;
} & { via?: string[] };
/** A date, a reference or a span may be described by some of its fields. */
type Loosely<Value> = Value extends unknown[] ? Value : Value extends object ? Partial<Value> : Value;

export interface ClaimCase {
  name: string;
  text?: string;
  fixture?: string;
  quote?: string;
  options?: ExtractOptions;
  claim?: ClaimFields;
  counted?: ClaimFields[];
  all?: ClaimFields[];
  at?: Record<number, ClaimFields>;
  countedAt?: Record<number, ClaimFields>;
}

const described = (claim: ExtractedClaim) => ({ ...claim, via: claim.via.map((v) => v.name) });

/** The wire articles of `test/fixtures`, read as published on 2024-06-14. */
export function fixture(name: string) {
  const text = readFileSync(new URL(`../fixtures/${name}.txt`, import.meta.url), "utf8");
  return extractArticle(text, { publishedAt: "2024-06-14", precision: "day" });
}

function expectFixtureClaim({ fixture: name = "", quote = "", claim = {} }: ClaimCase): void {
  const found = fixture(name).claims;
  const c = found.find((x) => x.quote.includes(quote) && x.duplicateOf === null);
  expect(c, `no claim with "${quote}" in ${JSON.stringify(found.map((x) => x.quote))}`).toBeDefined();
  expect(c && described(c)).toMatchObject(claim);
}

export function expectClaims(row: ClaimCase): void {
  if (row.fixture !== undefined) {
    expectFixtureClaim(row);
    return;
  }
  const { text = "", options, claim } = row;
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

const ROW_KEYS = new Set([
  "name",
  "text",
  "fixture",
  "quote",
  "options",
  "claim",
  "counted",
  "all",
  "at",
  "countedAt",
]);
const OPTION_KEYS = new Set(["publishedAt", "precision", "outlet", "url", "title"]);
// The fields a claim has, read off a claim the extractor gives rather than listed again here.
const CLAIM_FIELDS = new Set(Object.keys(only("The army said 40 soldiers were killed.")));

/** Why a row read from a table cannot be run as written (a misspelt key would otherwise assert nothing). */
function faults(row: Record<string, unknown>): string[] {
  const out = Object.keys(row)
    .filter((key) => !ROW_KEYS.has(key))
    .map((key) => `unknown key '${key}'`);
  if (typeof row.name !== "string" || row.name === "") out.push("no name");
  if ((typeof row.text === "string") === (typeof row.fixture === "string")) out.push("give text or fixture");
  if ((typeof row.fixture === "string") !== (typeof row.quote === "string"))
    out.push("fixture goes with quote");
  if (!["claim", "counted", "all", "at", "countedAt"].some((key) => key in row)) out.push("nothing expected");
  if (typeof row.fixture === "string" && ["counted", "all", "at", "countedAt"].some((key) => key in row))
    out.push("a fixture row expects one claim, by its quote");
  for (const key of Object.keys((row.options as object | undefined) ?? {}))
    if (!OPTION_KEYS.has(key)) out.push(`unknown option '${key}'`);
  const expected = [
    ...(row.claim ? [row.claim] : []),
    ...((row.counted as unknown[] | undefined) ?? []),
    ...((row.all as unknown[] | undefined) ?? []),
    ...Object.values((row.at as object | undefined) ?? {}),
    ...Object.values((row.countedAt as object | undefined) ?? {}),
  ];
  for (const fields of expected)
    for (const field of Object.keys((fields as object | null) ?? {}))
      if (!CLAIM_FIELDS.has(field)) out.push(`no claim field '${field}'`);
  return out;
}

export interface CaseTable {
  family: string;
  section: string;
  rows: ClaimCase[];
}

/** Every table of `test/cases`, file by file and section by section, each row checked for its keys. */
export function caseTables(): CaseTable[] {
  const folder = new URL("../cases/", import.meta.url);
  return readdirSync(folder)
    .filter((file) => file.endsWith(".yaml"))
    .sort()
    .flatMap((file) => {
      const sections = parse(readFileSync(new URL(file, folder), "utf8")) as Record<string, unknown[]>;
      return Object.entries(sections).map(([section, rows]) => ({
        family: file.replace(/\.yaml$/, ""),
        section,
        rows: rows.map((row, index) => {
          const wrong = faults(row as Record<string, unknown>);
          if (wrong.length > 0) throw new Error(`${file}, ${section}, row ${index + 1}: ${wrong.join("; ")}`);
          return row as ClaimCase;
        }),
      }));
    });
}
