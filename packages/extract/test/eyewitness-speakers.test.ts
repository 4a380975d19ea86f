import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";

const claimsOf = (sentence: string) =>
  extractArticle(`Report\n\n${sentence}`, { publishedAt: "2025-03-08", precision: "day" }).claims;

// Conflict reporting quotes single people on the ground as often as bodies: one witness, a resident, a
// hospital doctor, a village elder. Each speaks for the figure as a person described, never as nobody.
describe("one person described speaks for the figure", () => {
  it.each([
    ["A witness said 19 people were killed.", "witness"],
    ["19 people were killed, a witness said.", "witness"],
    ["A local resident told Reuters 19 people were killed.", "local resident"],
    ["19 people were killed, a hospital doctor said.", "hospital doctor"],
    ["A medic said 19 people were killed.", "medic"],
    ["19 people were killed, said a resident who declined to be named.", "resident"],
    ["19 people were killed, a village elder said.", "village elder"],
    ["19 people were killed, a local chief told AFP.", "local chief"],
    ["19 people were killed, a community leader said.", "community leader"],
    ["19 people were killed, the witness added.", "witness"],
  ])("%s", (sentence, speaker) => {
    const [claim] = claimsOf(sentence);
    expect(claim?.source).toBe(speaker);
    expect(claim?.sourceType).toBe("person");
  });

  it("several of them speak as a group", () => {
    expect(claimsOf("19 people were killed, health workers said.")[0]?.sourceType).toBe("group");
    expect(claimsOf("Residents said 19 people were killed.")[0]?.source).toBe("Residents");
  });

  it("a clause about the speaker between the name and the verb", () => {
    const [claim] = claimsOf(
      "“Eight people were killed in the truck, a sign they tried to flee,” a local teacher, whose colleague was killed, said.",
    );
    expect(claim?.source).toBe("local teacher");
  });

  it("a quotation closed before the sentence ends takes the sentence's closing attribution", () => {
    const claims = claimsOf(
      "“The vehicle hit a landmine,” said Hassan Omar, a military officer. “Eight soldiers were killed” and two others wounded, he added.",
    );
    expect(claims.map((c) => [c.valueLow, c.metric, c.source])).toEqual([
      [8, "killed", "Hassan Omar"],
      [2, "wounded", "Hassan Omar"],
    ]);
  });

  it("one quoted as saying is the speaker", () => {
    const claims = claimsOf(
      "Petro Hrytsenko told television that the city was shelled. He was quoted as saying: As a result, 11 people died.",
    );
    expect(claims[0]?.source).toBe("Petro Hrytsenko");
    expect(claimsOf("The governor was cited as saying 11 people died.")[0]?.source).toBe("governor");
  });
});
