import { describe, expect, it } from "vitest";
import type { LatestPointData } from "../../lib/queries";
import { type SpreadFigure, spreadOf } from "../../lib/spread";

const NORTH_KOREA = "RW50aXR5OjE=";
const RUSSIA = "RW50aXR5OjI=";

function figure(label: string, point: Partial<LatestPointData>): SpreadFigure {
  return {
    key: label === "Unattributed" ? "unattributed" : `key-${label}`,
    label,
    point: {
      claimId: `claim-${label}`,
      date: "2024-11-20",
      precision: "DAY",
      qualifier: "APPROXIMATE",
      low: null,
      high: null,
      best: null,
      display: "",
      rate: "TOTAL",
      metric: "DEPLOYED",
      reviewStatus: "UNREVIEWED",
      subjectEntity: NORTH_KOREA,
      additional: false,
      refersFrom: null,
      refersTo: null,
      ...point,
    },
  };
}

describe("the spread between sources' latest figures", () => {
  it("compares two deployments of the same forces, said within a month, and says what it compares", () => {
    const spread = spreadOf([
      figure("Pentagon", { best: 10_000, date: "2024-11-01" }),
      figure("NIS", { best: 12_000, date: "2024-11-20" }),
    ]);
    expect(spread.shown).toBe(true);
    if (!spread.shown) return;
    expect(spread.metric).toBe("deployed");
    expect(spread.rate).toBe("total");
    expect(spread.subjectEntity).toBe(NORTH_KOREA);
    expect([spread.highest.label, spread.lowest.label]).toEqual(["NIS", "Pentagon"]);
    expect(spread.ratio).toBeCloseTo(1.2);
    expect([spread.from, spread.to]).toEqual(["2024-11-01", "2024-11-20"]);
  });

  it("never sets a deployment against a death toll", () => {
    const spread = spreadOf([
      figure("Pentagon", { best: 10_000, metric: "DEPLOYED" }),
      figure("Zelensky", { best: 2_000, metric: "KILLED" }),
    ]);
    expect(spread.shown).toBe(false);
    expect(spread.leftOut.map((l) => l.reason)).toEqual(["other-group"]);
  });

  it("compares the largest group of one metric and leaves the other metric out", () => {
    const spread = spreadOf([
      figure("Pentagon", { best: 10_000 }),
      figure("NIS", { best: 11_000 }),
      figure("Zelensky", { best: 40, metric: "WOUNDED" }),
    ]);
    expect(spread.shown).toBe(true);
    if (!spread.shown) return;
    expect(spread.compared.map((f) => f.label)).toEqual(["NIS", "Pentagon"]);
    expect(spread.leftOut).toEqual([expect.objectContaining({ reason: "other-group" })]);
  });

  it("never sets a total against a daily rate, nor figures about other forces", () => {
    expect(
      spreadOf([figure("Pentagon", { best: 10_000 }), figure("Blinken", { low: 1_200, rate: "PER_DAY" })])
        .shown,
    ).toBe(false);
    expect(
      spreadOf([
        figure("Pentagon", { best: 10_000 }),
        figure("NIS", { best: 600_000, subjectEntity: RUSSIA }),
      ]).shown,
    ).toBe(false);
  });

  it("leaves out figures that describe a period more than a month before the newest", () => {
    const spread = spreadOf([
      figure("Pentagon", { best: 10_000, date: "2024-11-20" }),
      figure("NIS", { best: 3_000, date: "2024-08-01" }),
    ]);
    expect(spread.shown).toBe(false);
    expect(spread.leftOut).toEqual([expect.objectContaining({ reason: "older" })]);
    // A figure said late but about an early period is placed by that period.
    const late = spreadOf([
      figure("Pentagon", { best: 10_000, date: "2024-11-20" }),
      figure("NIS", { best: 3_000, date: "2024-11-21", refersFrom: "2024-07-01", refersTo: "2024-07-31" }),
    ]);
    expect(late.shown).toBe(false);
  });

  it("leaves out unattributed figures, vague amounts, increments and dates known only to the year", () => {
    const spread = spreadOf([
      figure("Pentagon", { best: 10_000 }),
      figure("Unattributed", { best: 2_000 }),
      figure("Media", { low: 1_000, high: 9_000, qualifier: "VAGUE" }),
      figure("Kyiv", { best: 1_000, additional: true }),
      figure("Analyst", { best: 7_000, precision: "YEAR" }),
      figure("Blogger", { best: 5_000, subjectEntity: null }),
    ]);
    expect(spread.shown).toBe(false);
    expect(spread.leftOut.map((l) => l.reason)).toEqual([
      "unattributed",
      "vague",
      "additional",
      "undated",
      "no-subject",
    ]);
  });
});
