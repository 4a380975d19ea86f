import { describe, expect, it } from "vitest";
import { type PlotRow, packPlot, plotRows, unpackPlot } from "../../lib/plot";
import type { SeriesData } from "../../lib/queries";

const claimId = (id: number) => Buffer.from(`Claim:${id}`).toString("base64");
const entityKey = (id: number) => Buffer.from(`Entity:${id}`).toString("base64");

type Point = SeriesData["points"][number];
const point = (id: number, date: string | null, values: Partial<Point> = {}): Point => ({
  claimId: claimId(id),
  date,
  precision: "DAY",
  qualifier: "EXACT",
  low: 100,
  high: 100,
  best: 100,
  display: "100",
  rate: "TOTAL",
  metric: "DEPLOYED",
  reviewStatus: "UNREVIEWED",
  ...values,
});

/** Every kind of claim the chart draws: each qualifier and precision, bounds equal to best or not. */
const series: SeriesData[] = [
  {
    key: entityKey(7),
    label: "Ministry of Defence",
    points: [
      point(912_345, "2025-12-31"),
      point(3, "2024-02-29", { qualifier: "RANGE", low: 2_000, high: 4_000, best: null, precision: "MONTH" }),
      point(17, "2025-06-01", { qualifier: "UP_TO", low: null, high: 8_000, best: 8_000, precision: "WEEK" }),
      point(18, "2025-06-01", { qualifier: "AT_LEAST", low: 5_000, high: null, best: 5_000 }),
      point(19, null),
    ],
  },
  {
    key: "unattributed",
    label: "Unattributed",
    points: [
      point(2, "1969-12-30", { qualifier: "VAGUE", low: 2_000, high: 9_999, best: null, precision: "YEAR" }),
      point(40, "2025-06-01", { qualifier: "APPROXIMATE", low: 950, high: 1_050, best: 1_000 }),
      point(41, "2025-06-02", { reviewStatus: "DISPUTED", low: 0.5, high: 0.5, best: 0.5 }),
      point(42, "2025-06-03", { low: null, high: null, best: 7, reviewStatus: "VERIFIED" }),
    ],
  },
];

describe("the chart's packed claims", () => {
  it("unpack to exactly the claims of the rows, in drawing order", () => {
    const { rows } = plotRows(series);
    const points = unpackPlot(JSON.parse(JSON.stringify(packPlot(rows))));
    expect(points).toHaveLength(8);
    const expected = rows.map(
      ([id, date, precision, qualifier, low, high, best, index, status]: PlotRow) => ({
        claimId: id,
        date,
        precision,
        qualifier,
        low,
        high,
        best,
        series: index,
        disputed: status === "DISPUTED",
      }),
    );
    // Each point carries its row's fields, and its drawing interval besides.
    expect(points).toMatchObject(expected);
    // Drawing order: by the middle of each date's period.
    expect(points.map((p) => p.x)).toEqual(points.map((p) => p.x).toSorted((a, b) => a - b));
    expect(points.every((p) => p.x0 <= p.x && p.x <= p.x1)).toBe(true);
  });

  it("cost far fewer bytes than the rows they stand for", () => {
    const many: SeriesData[] = [
      {
        key: entityKey(1),
        label: "General Staff",
        points: Array.from({ length: 2_000 }, (_, i) =>
          point(500_000 + i * 37, `2025-${String(1 + (i % 12)).padStart(2, "0")}-15`, {
            low: 1_000 + i,
            high: 1_000 + i,
            best: 1_000 + i,
          }),
        ),
      },
    ];
    const { rows } = plotRows(many);
    const packed = JSON.stringify(packPlot(rows)).length;
    expect(packed).toBeLessThan(JSON.stringify(rows).length / 3);
    expect(unpackPlot(packPlot(rows))).toHaveLength(2_000);
  });

  it("refuses an id that is not a claim's", () => {
    const [row] = plotRows(series).rows;
    expect(() => packPlot([[entityKey(3), ...row!.slice(1)] as PlotRow])).toThrow(/claim's global ID/);
  });
});
