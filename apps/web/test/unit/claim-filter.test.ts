import { describe, expect, it } from "vitest";
import { claimFilterInput, claimViewQuery, dateRange, parseClaimView } from "../../lib/claim-filter";

describe("typed date filters", () => {
  it("reads any accepted form from the URL and sends ISO days to the API", () => {
    const view = parseClaimView({ from: "31 Oct 2024", to: "30/11/2024" });
    expect([view.from, view.to, view.dateErrors]).toEqual(["2024-10-31", "2024-11-30", {}]);
    expect(claimFilterInput(view)).toMatchObject({ statedFrom: "2024-10-31", statedTo: "2024-11-30" });
    expect(claimViewQuery(view)).toBe("?from=2024-10-31&to=2024-11-30");
  });

  it("leaves out a day that is not one and says why, filtering on nothing in its place", () => {
    const view = parseClaimView({ from: "2024-02-30", to: "2024-03-10" });
    expect(view.from).toBe("");
    expect(view.to).toBe("2024-03-10");
    expect(view.dateErrors.from).toBe('"2024-02-30" is not a date: February 2024 has 29 days.');
    expect(claimFilterInput(view).statedFrom).toBeUndefined();
  });

  it("refuses an end before the start", () => {
    const range = dateRange("1 December 2024", "2024-11-01");
    expect(range.to).toBe("");
    expect(range.dateErrors.to).toBe("“Said until” is before “Said from”.");
    expect(dateRange("", "")).toEqual({ from: "", to: "", dateErrors: {} });
  });
});
