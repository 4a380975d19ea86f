import { describe, expect, it } from "vitest";
import { only } from "./support/extract.ts";

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
});
