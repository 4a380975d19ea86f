import { describe, expect, it } from "vitest";
import { formatDateWithPrecision, precisionInterval } from "../src/dates.ts";

describe("formatDateWithPrecision", () => {
  it("never claims more precision than it has", () => {
    expect(formatDateWithPrecision("2025-10-22", "day")).toBe("22 October 2025");
    expect(formatDateWithPrecision("2024-10-29", "week")).toBe("week of 29 October 2024");
    expect(formatDateWithPrecision("2025-11-10", "month")).toBe("November 2025");
    expect(formatDateWithPrecision("2025-11-10", "year")).toBe("2025");
    expect(formatDateWithPrecision(null, "day")).toBe("date unknown");
    expect(formatDateWithPrecision("not a date", "day")).toBe("date unknown");
  });
});

describe("precisionInterval", () => {
  it("spans the day, ISO week, month or year of the date", () => {
    const day = new Date("2024-10-30T00:00:00Z"); // a Wednesday
    expect(precisionInterval(day, "day")).toEqual({
      start: new Date("2024-10-30T00:00:00Z"),
      end: new Date("2024-10-31T00:00:00Z"),
    });
    expect(precisionInterval(day, "week")).toEqual({
      start: new Date("2024-10-28T00:00:00Z"),
      end: new Date("2024-11-04T00:00:00Z"),
    });
    expect(precisionInterval(day, "month")).toEqual({
      start: new Date("2024-10-01T00:00:00Z"),
      end: new Date("2024-11-01T00:00:00Z"),
    });
    expect(precisionInterval(new Date("2024-12-31T00:00:00Z"), "year")).toEqual({
      start: new Date("2024-01-01T00:00:00Z"),
      end: new Date("2025-01-01T00:00:00Z"),
    });
  });
});
