import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";
import { claims } from "./support/extract.ts";

/** The speaker of each claim of a text, in order. */
const speakers = (body: string) =>
  claims(body)
    .filter((c) => c.duplicateOf === null)
    .map((c) => c.source);

describe("a dateline in capitals before a wire credit names a place", () => {
  it.each(["STRELSAU (Wire) - ", "STRELSAU (Wire) — ", "STRELSAU: "])("%s", (lead) => {
    const body = `${lead}Border police said 120 soldiers were captured near the crossing.`;
    const dateline = extractArticle(`Fighting\n\n${body}`).entities.find((e) => /strelsau/i.test(e.name));
    expect(dateline?.type).toBe("place");
  });
});

describe("a definite noun phrase names its own speaker unless it really points back", () => {
  it.each([
    [
      "a ministry with another portfolio is another ministry, not the one named before",
      "The Ruritanian defence ministry said about 3,000 soldiers were deployed to the border. " +
        "The interior ministry said 1,500 reservists had been recruited since January.",
      ["Ruritanian defence ministry", "interior ministry"],
    ],
    [
      "the same portfolio points back to the ministry named before",
      "The Ruritanian defence ministry said about 3,000 soldiers were deployed to the border. " +
        "The defence ministry said a further 900 troops were sent on Tuesday.",
      ["Ruritanian defence ministry", "Ruritanian defence ministry"],
    ],
    [
      "rebels are not the hospital officials quoted before them",
      "Hospital officials said 75 soldiers were wounded in the shelling. " +
        "The rebels said they had taken 40 soldiers prisoner.",
      ["Hospital officials", "rebels"],
    ],
    [
      "an unnamed governor is a described speaker, and 'the governor' later is the same one",
      "A local governor said as many as 60 fighters were missing after the attack. " +
        "Border police said 120 soldiers were captured near the crossing. " +
        "The governor said about 35 police officers were killed in an ambush on Wednesday.",
      ["local governor", "Border police", "local governor"],
    ],
    [
      "'the governor' points back to a named governor",
      "Governor Ivan Petrenko said about 60 fighters were missing after the attack. " +
        "The governor said about 35 police officers were killed in an ambush on Wednesday.",
      ["Ivan Petrenko", "Ivan Petrenko"],
    ],
    [
      "'the army' points back to the army that spoke, not to an armed force named after it",
      "The army said on Monday it had killed 300 fighters of the Ruritanian Liberation Forces near the river. " +
        "The army said 12 of its soldiers died.",
      ["army", "army"],
    ],
    [
      "a wire dateline with a spaced hyphen is not part of the speaker",
      "STRELSAU (Wire) - The army said on Monday it had killed 300 fighters near the river.",
      ["army"],
    ],
  ])("%s", (_case, body, expected) => {
    expect(speakers(body)).toEqual(expected);
  });
});
