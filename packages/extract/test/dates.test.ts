import { describe, expect, it } from "vitest";
import { article, claims, only } from "./support/extract.ts";

// Published Tuesday 2024-11-05 (day precision) unless a test says otherwise.
describe("when a claim was said", () => {
  it("an unattributed claim is stated on the publication date", () => {
    expect(only("About 3,000 troops were sent to the border.").statedOn).toEqual({
      date: "2024-11-05",
      precision: "day",
    });
  });

  it("a relative date is no more precise than the publication date", () => {
    const c = only("The ministry said on Monday that 3,000 troops had been sent.", {
      publishedAt: "2024-11-05",
      precision: "week",
    });
    expect(c.statedOn?.precision).toBe("week");
  });

  it("a claim said 'previously' has no known date", () => {
    expect(only("Officials have previously said that 3,000 troops were sent.").statedOn).toBeNull();
  });

  it("infers the publication date from the text when none is given (lower precision)", () => {
    const a = article("Officials said on October 28, 2024, that 3,000 troops had been sent.", {
      publishedAt: null,
      precision: null,
    });
    expect(a.publishedAt).toBe("2024-10-28");
    expect(a.precision).toBe("week");
  });

  it("'last October' said in October is the year before", () => {
    const c = only("The ministry said last October that 3,000 troops had been sent.", {
      publishedAt: "2025-10-22",
    });
    expect(c.statedOn).toEqual({ date: "2024-10-01", precision: "month" });
  });

  it("reads a Date: header", () => {
    const a = article("Date: 2024-03-02\n\nOfficials said 3,000 troops had been sent.", {
      publishedAt: null,
      precision: null,
    });
    expect(a.publishedAt).toBe("2024-03-02");
  });

  it("a date the speaker gave carries to their later figures", () => {
    const all = claims(
      "At a briefing on October 30, General Amir Haddad said 4,000 soldiers had arrived. He added that about 600 of them had been wounded.",
    );
    expect(all[1]?.statedOn).toEqual({ date: "2024-10-30", precision: "day" });
  });
});
