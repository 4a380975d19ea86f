import { describe, it } from "vitest";
import { type ClaimCase, expectClaims } from "./helpers.ts";

describe("who speaks", () => {
  it.each<ClaimCase>([
    // One person described by where they work speaks as that person.
    {
      name: "'…, said a source at the ministry on Monday': the inverted speaker, without the day",
      text: "Casualties from the strikes on the border villages rose to 40 and 310 injuries, said a source at the regional health ministry on Monday.",
      all: [
        { source: "source at the regional health ministry" },
        { source: "source at the regional health ministry" },
      ],
    },
    {
      name: "'an official from the local administration said'",
      text: "At least 30 people were killed by the rebels overnight, an official from the local administration said.",
      claim: { source: "official from the local administration" },
    },
    {
      name: "'A resident of <town> told <agency>': the resident, not the town",
      text: "A resident of Port Verin also told AFP that eight people had been killed in the raid.",
      claim: { source: "resident of Port Verin", via: ["Agence France-Presse"] },
    },
    {
      name: "researchers at an institute still speak for it",
      text: "Researchers at the Institute for Strategy and Policy estimate that 150,000 fighters remain.",
      claim: { source: "Institute for Strategy and Policy" },
    },
    // Possessive and descriptive forms name the whole speaker, never a fragment.
    {
      name: "'according to Hamas officials' is the officials",
      text: "More than 500 prisoners are expected to be released, according to Hamas officials.",
      claim: { source: "Hamas officials" },
    },
    {
      name: "'a senior NATO military officer says'",
      text: "A senior NATO military officer says 900 soldiers were killed in the assault.",
      claim: { source: "senior NATO military officer" },
    },
    {
      name: "'the rebels' health ministry said' is the ministry",
      text: "The Houthi rebels' health ministry said new strikes killed at least 14 people and wounded 35.",
      all: [{ source: "Houthi rebels' health ministry" }, { source: "Houthi rebels' health ministry" }],
    },
    {
      name: "'<leader>'s office announced' is the office",
      text: "Prime Minister Anton Veyrel’s office announced that the army had recovered the bodies of six hostages.",
      claim: { source: "Prime Minister Anton Veyrel’s office" },
    },
    {
      name: "the lede's officials and the body's ministry of one group give one claim",
      text: "At least 14 people have been killed in airstrikes on the capital, according to Houthi officials.\n\nThe Houthi rebels' health ministry said the strikes killed at least 14 people.",
      counted: [{}],
    },
    // A document, a pronoun or a kind of body refers back to the speaker named before.
    {
      name: "'The updated figures reveal' after the ministry announced: the ministry",
      text: "On Wednesday, the Regional Ministry of Health announced a rise in fatalities. The updated figures reveal that the death toll has reached 1,250.",
      all: [{ source: "Regional Ministry of Health" }],
    },
    {
      name: "'It added' continues the ministry, not the agency that relayed it",
      text: "The ministry of health said the army killed 40 people, Xinhua news agency reported.\n\nIt added that 90 people were wounded.",
      all: [{ source: "ministry of health" }, { source: "ministry of health" }],
    },
    {
      name: "'the medical group said' is the medical body named before, not the armed group",
      text: "The Sudan Doctors Network blamed the Rapid Support Forces for the shelling.\n\nThe medical group said that 24 people were killed.",
      all: [{ source: "Sudan Doctors Network" }],
    },
  ])("$name", expectClaims);
});
