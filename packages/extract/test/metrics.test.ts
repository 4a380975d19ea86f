import { describe, expect, it } from "vitest";
import { claims, only } from "./support/extract.ts";

describe("what is counted and what happened", () => {
  it("the subject of 'N of them' is the earlier subject", () => {
    const all = claims(
      "Over 12,000 Syrian fighters were recruited for the war. About 3,000 of them have been killed.",
    );
    expect(all[1]?.subject).toBe("Syrian fighters");
    expect(all[1]?.subjectEntity).toBe("Syria");
    expect(all[1]?.metric).toBe("killed");
  });

  it.each([
    ["About 10,000 soldiers were sent to the Kharkiv region.", "Kharkiv Oblast"],
    ["About 10,000 soldiers were deployed to train in eastern Russia.", "eastern Russia"],
    ["About 10,000 soldiers were deployed to Belarus last week.", "Belarus"],
    ["Over 1,200 casualties are reported daily on the southern front.", "southern front"],
    ["In the Donetsk region, 4,000 troops were wounded in a month.", "Donetsk Oblast"],
    ["Forces moved into Zaporizhzhia. About 10,000 troops have arrived in the area.", "Zaporizhzhia Oblast"],
  ])("location of %s", (text, location) => {
    const all = claims(text);
    expect(all[all.length - 1]?.location).toBe(location);
  });

  it("the location may come from the neighbouring sentence", () => {
    const all = claims(
      "Moscow moved a large contingent to the Belgorod region in spring. More than 9,000 troops were dispatched.",
    );
    expect(all[0]?.location).toBe("Belgorod Oblast");
  });
});

describe("civilians are counted only as victims", () => {
  it("ignores people who fled or gathered", () => {
    expect(claims("Thousands of civilians have fled the area, the Red Cross said.")).toEqual([]);
    expect(claims("About 2,000 people attended the rally in the capital.")).toEqual([]);
  });
  it("keeps civilians killed or wounded", () => {
    expect(only("At least 40 civilians were killed in the strike.").metric).toBe("killed");
    expect(only("Some 120 people were wounded when the shell hit.").metric).toBe("wounded");
  });
});
