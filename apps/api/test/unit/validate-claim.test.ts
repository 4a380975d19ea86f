import { describe, expect, it } from "vitest";
import { type ClaimValues, validateClaimValues } from "../../src/curation/validate-claim.ts";

const claim = (values: Partial<ClaimValues>): ClaimValues => ({
  valueLow: null,
  valueHigh: null,
  valueBest: null,
  qualifier: "exact",
  rate: "total",
  statedOn: null,
  statedOnPrecision: "unknown",
  refersFrom: null,
  refersTo: null,
  ...values,
});

const messages = (values: Partial<ClaimValues>) => validateClaimValues(claim(values)).map((e) => e.message);

describe("claim validation messages", () => {
  it("name qualifiers by their words and fields by their labels, never by code names", () => {
    expect(messages({ qualifier: "up_to", valueLow: 100, valueHigh: 8_000 })).toEqual([
      "“as many as” gives no low bound: leave Low bound empty",
    ]);
    expect(messages({ qualifier: "at_most", valueLow: 5 })).toEqual([
      "“no more than” needs a high bound: fill in High bound",
      "“no more than” gives no low bound: leave Low bound empty",
    ]);
    expect(messages({ qualifier: "exact", valueLow: 1, valueHigh: 2 })).toEqual([
      "an exact figure needs Low bound and High bound set to the same number",
    ]);
    expect(messages({ qualifier: "range", valueLow: 9, valueHigh: 3 })).toEqual([
      "must not be below Low bound",
      "a range needs Low bound below High bound",
    ]);
    expect(messages({ statedOnPrecision: "day", valueLow: 3, valueHigh: 3 })).toEqual([
      "must be “unknown” when Said on is empty",
    ]);
    for (const text of [
      ...messages({ qualifier: "more_than", valueHigh: 4 }),
      ...messages({ valueBest: 7, valueLow: 8, valueHigh: 8, qualifier: "approximate" }),
      ...messages({ refersFrom: new Date("2024-02-01"), refersTo: new Date("2024-01-01") }),
    ]) {
      expect(text).not.toMatch(/value(Low|High|Best)|refers(From|To)|statedOn|_|UNKNOWN/);
    }
  });
});
