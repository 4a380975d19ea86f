import { describe, expect, it } from "vitest";
import { claims } from "./support/extract.ts";

const counted = (text: string) => claims(text).filter((c) => c.duplicateOf === null);

describe("numbers that are not claims", () => {
  it.each([
    "Soldiers of the 47th Mechanized Brigade held the village.",
    "The 3rd Assault Brigade and the 92nd Brigade moved north.",
    "Leaders gathered for the 75th anniversary of the alliance.",
    "The country marked the 30th anniversary of its independence on Monday.",
    "In 2022, troops crossed the border.",
    "The offensive began on February 24, 2022, and stalled by the summer.",
    "The regiment has not fought since the 1990s.",
    "Win $500 - register now for the newsletter",
    "The aid package is worth $61 billion.",
    "The government pledged €2 million to rebuild the hospital.",
    "The 23-year-old soldier was captured near the village.",
    "The commander, 54, said the lines were holding.",
    "The convoy travelled 300 kilometres to the front.",
    "Troops advanced 12 miles in three days.",
    "The army received 250 tanks and 40 howitzers.",
    "Russia launched 120 drones and 30 missiles overnight.",
    "The region had not been invaded for over 100 years.",
    "The talks lasted 15 hours.",
    "The first soldier was wounded on the second day.",
    "Resolution 2231 was adopted by the council.",
    "The F-16 and Su-34 jets were spotted.",
  ])("%s", (text) => {
    expect(counted(text)).toEqual([]);
  });

  it("a figure that only refers back to an earlier one is at most a low-confidence duplicate", () => {
    const all = claims(
      "The ministry said 10,000 soldiers had been sent to the front. Critics argue that 10,000 soldiers would not be enough to change the war.",
    );
    expect(all).toHaveLength(2);
    expect(all[1]?.duplicateOf).toBe(0);
    expect(all[1]?.confidence).toBeLessThanOrEqual(0.35);
  });

  it("the same figure restated by the same speaker is a duplicate", () => {
    const all = claims(
      "The general said up to 6,000 troops were deployed to the north. “Up to 6,000 of those troops are now in the north,” he said.",
    );
    expect(all[1]?.duplicateOf).toBe(0);
  });

  it("a new figure is not a duplicate", () => {
    const all = claims(
      "The ministry said 10,000 soldiers were sent. Another 10,000 soldiers are expected next month.",
    );
    expect(all[1]?.duplicateOf).toBeNull();
    expect(all[1]?.additional).toBe(true);
  });
});
