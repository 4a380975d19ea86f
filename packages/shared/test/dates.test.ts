import { describe, expect, it } from "vitest";
import {
  formatDateWithPrecision,
  formatDay,
  parseDayInput,
  precisionInterval,
  publicationDate,
} from "../src/dates.ts";

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

describe("formatDay", () => {
  it("writes one format at day, month and year precision", () => {
    expect(formatDay("2024-10-31")).toBe("31 October 2024");
    expect(formatDay("2024-10-31T23:59:00Z")).toBe("31 October 2024");
    expect(formatDay(new Date(Date.UTC(2024, 0, 5)))).toBe("5 January 2024");
    expect(formatDay(Date.UTC(2024, 9, 31) / 1000)).toBe("31 October 2024");
    expect(formatDay("2024-10-31", "month")).toBe("October 2024");
    expect(formatDay("2024-10-31", "year")).toBe("2024");
    expect(formatDay("garbage")).toBe("");
  });
});

describe("parseDayInput", () => {
  it("reads the four accepted forms to an ISO day", () => {
    for (const text of ["31 Oct 2024", "31 October 2024", "2024-10-31", "31/10/2024", " 31  oct. 2024 "]) {
      expect(parseDayInput(text)).toEqual({ ok: true, iso: "2024-10-31" });
    }
    expect(parseDayInput("1 Sept 2023")).toEqual({ ok: true, iso: "2023-09-01" });
    expect(parseDayInput("29/02/2024")).toEqual({ ok: true, iso: "2024-02-29" });
    expect(parseDayInput("2000-02-29")).toEqual({ ok: true, iso: "2000-02-29" });
  });

  it("refuses impossible dates, saying why", () => {
    const feb30 = parseDayInput("2024-02-30");
    expect(feb30.ok).toBe(false);
    if (!feb30.ok) expect(feb30.error).toBe('"2024-02-30" is not a date: February 2024 has 29 days.');
    const feb29 = parseDayInput("29 February 2023");
    expect(feb29.ok).toBe(false);
    if (!feb29.ok) expect(feb29.error).toContain("February 2023 has 28 days");
    expect(parseDayInput("1900-02-29").ok).toBe(false);
    expect(parseDayInput("31/04/2024").ok).toBe(false);
    const month13 = parseDayInput("2024-13-01");
    expect(month13.ok).toBe(false);
    if (!month13.ok) expect(month13.error).toContain("no month 13");
    expect(parseDayInput("0000-01-01").ok).toBe(false);
  });

  it("refuses other text with the accepted forms", () => {
    for (const text of [
      "yesterday",
      "10/31/2024x",
      "31 Foo 2024",
      "Oct 31 2024",
      "2024/10/31",
      "",
      "12345",
    ]) {
      const result = parseDayInput(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.length).toBeGreaterThan(5);
    }
    const other = parseDayInput("next Tuesday");
    if (!other.ok) expect(other.error).toContain('"31 Oct 2024"');
    const month = parseDayInput("31 Foo 2024");
    if (!month.ok) expect(month.error).toBe('"Foo" is not a month name.');
  });
});

describe("publicationDate", () => {
  it.each([
    "2024-02-30",
    "2023-02-29",
    "2024-04-31",
    "+010000-01-01",
    "10000-01-01",
    "0000-00-00",
    "2024-00",
    "0000",
    "Feb 30 2024",
    "30 February 2024",
    "Mon, 31 Feb 2024 10:00:00 GMT",
    "2024/02/30",
    "12/31/2024",
    "yesterday",
    "0",
    "99",
  ])("gives no date for %j", (value) => {
    expect(publicationDate(value)).toBeNull();
  });

  it.each([
    ["2024-02-29", "2024-02-29"],
    ["2024-12-02T10:00:00Z", "2024-12-02T10:00:00Z"],
    ["2024", "2024"],
    ["2024-12", "2024-12"],
    ["December 2024", "2024-12"],
    ["Mon, 02 Dec 2024 10:00:00 GMT", "2024-12-02"],
    ["Mon, 02 Dec 2024 23:30:00 -0500", "2024-12-03"],
    ["Sept. 3, 2024", "2024-09-03"],
    ["Tuesday, 3 December 2024", "2024-12-03"],
  ])("reads %j as %j", (value, expected) => {
    expect(publicationDate(value)).toBe(expected);
  });
});
