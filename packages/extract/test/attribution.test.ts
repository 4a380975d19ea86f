import { describe, expect, it } from "vitest";
import { type ClaimCase, expectClaims, only } from "./helpers.ts";

describe("attribution", () => {
  it.each([
    ["According to the Pentagon, about 3,000 troops were sent to the border.", "Pentagon"],
    ["About 3,000 troops were sent to the border, according to the Pentagon.", "Pentagon"],
    ["The Pentagon said about 3,000 troops were sent to the border.", "Pentagon"],
    ["The Pentagon said on Monday that about 3,000 troops were sent to the border.", "Pentagon"],
    ["About 3,000 troops were sent to the border, the Pentagon said.", "Pentagon"],
    ["About 3,000 troops were sent to the border, said the Pentagon.", "Pentagon"],
    ["The Kremlin claimed that 3,000 soldiers had been deployed near the border.", "Kremlin"],
    [
      "Britain's Ministry of Defence estimated that 3,000 soldiers were killed in May.",
      "British Ministry of Defence",
    ],
    ["NATO confirmed that 3,000 soldiers had arrived in the region.", "NATO"],
    ["Defense Secretary Marcus Hale told reporters that 3,000 soldiers were in the country.", "Marcus Hale"],
    ["Interior Minister Sofia Brandt warned that 3,000 fighters could cross the border.", "Sofia Brandt"],
    ["Reuters reported that 3,000 soldiers had crossed the river.", "Reuters"],
    [
      "The Institute for the Study of War's assessment is that 3,000 soldiers were lost.",
      "Institute for the Study of War",
    ],
    [
      "Ukrainian military intelligence estimates that 3,000 soldiers are in the region.",
      "Main Intelligence Directorate of Ukraine",
    ],
  ])("%s → %s", (text, source) => {
    expect(only(text).source).toBe(source);
  });

  it.each([
    ["A senior U.S. official said about 3,000 troops were in the country.", "senior U.S. official", "person"],
    ["Two Western diplomats said about 3,000 troops were in the country.", "Western diplomats", "group"],
    ["Analysts believe that about 3,000 troops are in the country.", "Analysts", "group"],
    ["Local media reported that about 3,000 troops had arrived in the city.", "Local media", "group"],
  ])("anonymous sources are described: %s", (text, source, type) => {
    const c = only(text);
    expect(c.source).toBe(source);
    expect(c.sourceType).toBe(type);
  });

  it.each([
    "About 3,000 troops were sent to the border.",
    "More than 3,000 soldiers have been killed since the war began.",
    "It is reported that about 3,000 soldiers have been killed.",
  ])("unattributed: %s", (text) => {
    expect(only(text).source).toBeNull();
  });

  it.each<ClaimCase>([
    {
      name: "a relay chain keeps the speaker first: agency figure relayed by a lawmaker and a news agency",
      text: "Lawmaker Park Min-ho said, citing the National Intelligence Service, that 3,000 more troops had been sent, Yonhap reported.",
      claim: { source: "National Intelligence Service", via: ["Park Min-ho", "Yonhap News Agency"] },
    },
    ...[
      [
        "According to figures cited by Reuters, the NIS said 3,000 troops were sent to the front.",
        ["Reuters"],
      ],
      ["Citing military sources, Kyodo reported that 3,000 troops were sent to the front.", ["Kyodo News"]],
      ["The agency told Reuters that 3,000 troops were sent to the front.", ["Reuters"]],
    ].map(([text, via]) => ({
      name: `relays: ${text}`,
      text: String(text),
      claim: { via: via as string[] },
    })),
    {
      name: "citing X makes X the source",
      text: "Kyodo reported, citing a senior defence official, that 3,000 troops were sent to the front.",
      claim: { source: "senior defence official", via: ["Kyodo News"] },
    },
    ...[
      "“We believe about 3,000 soldiers are now in the region,” said General Tomas Reyes.",
      "“We believe about 3,000 soldiers are now in the region,” General Tomas Reyes said.",
      "General Tomas Reyes said: “We believe about 3,000 soldiers are now in the region.”",
      'Commander Tomas Reyes told the newspaper, "At least 3,000 soldiers are now in the region."',
    ].map((text) => ({ name: `direct quotes: ${text}`, text, claim: { source: "Tomas Reyes" } })),
  ])("$name", expectClaims);

  it.each<ClaimCase>([
    {
      name: "a pronoun refers to the last person named",
      text: "Foreign Minister Lena Okafor spoke after the meeting. She said that about 3,000 soldiers had crossed the border.",
      at: { 0: { source: "Lena Okafor" } },
    },
    {
      name: "a surname refers to the full name",
      text: "Prime Minister Erik Lindqvist visited the base. Lindqvist said 3,000 troops would be sent to the island.",
      at: { 0: { source: "Erik Lindqvist" } },
    },
    {
      name: "attribution continues into the next sentence",
      text: "The National Intelligence Service said about 5,000 soldiers were expected to arrive in the port. A further 800 soldiers were reportedly assigned to guard duty.",
      at: { 1: { source: "National Intelligence Service" } },
    },
    {
      name: "a figure the speaker gave in a later quote keeps the speaker and the date",
      text: "Minister Anna Berg said on November 1 that 4,000 soldiers had been sent. “Another 2,000 soldiers will follow within weeks,” she added.",
      at: { 1: { source: "Anna Berg", statedOn: { date: "2024-11-01", precision: "day" } } },
    },
  ])("$name", expectClaims);
});
