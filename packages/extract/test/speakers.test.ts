import { describe, expect, it } from "vitest";
import { claims, only } from "./helpers.ts";

describe("one person described by where they work speaks as that person", () => {
  it("'…, said a source at the ministry on Monday': the inverted speaker, without the day", () => {
    const all = claims(
      "Casualties from the strikes on the border villages rose to 40 and 310 injuries, said a source at the regional health ministry on Monday.",
    );
    expect(all.map((c) => c.source)).toEqual([
      "source at the regional health ministry",
      "source at the regional health ministry",
    ]);
  });
  it("'an official from the local administration said'", () => {
    expect(
      only(
        "At least 30 people were killed by the rebels overnight, an official from the local administration said.",
      ).source,
    ).toBe("official from the local administration");
  });
  it("'A resident of <town> told <agency>': the resident, not the town", () => {
    const c = only("A resident of Port Verin also told AFP that eight people had been killed in the raid.");
    expect(c.source).toBe("resident of Port Verin");
    expect(c.via.map((v) => v.name)).toEqual(["Agence France-Presse"]);
  });
  it("researchers at an institute still speak for it", () => {
    expect(
      only("Researchers at the Institute for Strategy and Policy estimate that 150,000 fighters remain.")
        .source,
    ).toBe("Institute for Strategy and Policy");
  });
});

describe("possessive and descriptive forms name the whole speaker, never a fragment", () => {
  it("'according to Hamas officials' is the officials", () => {
    expect(
      only("More than 500 prisoners are expected to be released, according to Hamas officials.").source,
    ).toBe("Hamas officials");
  });
  it("'a senior NATO military officer says'", () => {
    expect(only("A senior NATO military officer says 900 soldiers were killed in the assault.").source).toBe(
      "senior NATO military officer",
    );
  });
  it("'the rebels' health ministry said' is the ministry", () => {
    const all = claims(
      "The Houthi rebels' health ministry said new strikes killed at least 14 people and wounded 35.",
    );
    expect(all.map((c) => c.source)).toEqual([
      "Houthi rebels' health ministry",
      "Houthi rebels' health ministry",
    ]);
  });
  it("'<leader>'s office announced' is the office", () => {
    expect(
      only(
        "Prime Minister Anton Veyrel’s office announced that the army had recovered the bodies of six hostages.",
      ).source,
    ).toBe("Prime Minister Anton Veyrel’s office");
  });
  it("the lede's officials and the body's ministry of one group give one claim", () => {
    const all = claims(
      "At least 14 people have been killed in airstrikes on the capital, according to Houthi officials.\n\nThe Houthi rebels' health ministry said the strikes killed at least 14 people.",
    );
    expect(all.filter((c) => c.duplicateOf === null)).toHaveLength(1);
  });
});

describe("a document, a pronoun or a kind of body refers back to the speaker named before", () => {
  it.each([
    [
      "'The updated figures reveal' after the ministry announced: the ministry",
      "On Wednesday, the Regional Ministry of Health announced a rise in fatalities. The updated figures reveal that the death toll has reached 1,250.",
      ["Regional Ministry of Health"],
    ],
    [
      "'It added' continues the ministry, not the agency that relayed it",
      "The ministry of health said the army killed 40 people, Xinhua news agency reported.\n\nIt added that 90 people were wounded.",
      ["ministry of health", "ministry of health"],
    ],
    [
      "'the medical group said' is the medical body named before, not the armed group",
      "The Sudan Doctors Network blamed the Rapid Support Forces for the shelling.\n\nThe medical group said that 24 people were killed.",
      ["Sudan Doctors Network"],
    ],
  ])("%s", (_name, text, expected) => {
    expect(claims(text).map((c) => c.source)).toEqual(expected);
  });
});
