import { describe, expect, it } from "vitest";
import { article, only } from "./support/extract.ts";

/** Speakers written the way wire copy writes them: adverbs after the verb, long military titles, bodies as "the X". */
describe("speaker forms", () => {
  it.each([
    ["today", "Eleven sailors were killed in the port, Commander Lena Varga said today."],
    ["yesterday", "Eleven sailors were killed in the port, Commander Lena Varga said yesterday."],
    ["earlier", "Eleven sailors were killed in the port, Commander Lena Varga said earlier."],
    [
      "earlier in a statement",
      "Eleven sailors were killed in the port, the navy said earlier in a statement.",
    ],
  ])("'…, X said %s.' names X", (_, text) => {
    expect(only(text).source).toMatch(/Lena Varga|navy/);
  });

  it("an abbreviated rank does not end the sentence and belongs to the title, not to a body", () => {
    const a = article(
      "Nine marines were killed in the landing, Navy Rear Adm. Piet Okafor said on Monday. Brig. Gen. Hana Lund said 40 more were wounded.",
    );
    expect(a.claims.map((c) => c.source)).toEqual(["Piet Okafor", "Hana Lund"]);
    expect(a.entities.find((e) => e.name === "Piet Okafor")?.type).toBe("person");
    expect(a.entities.some((e) => e.type === "organization" && /Okafor/.test(e.name))).toBe(false);
  });

  it("a service and a portfolio before a rank stay part of the role", () => {
    const c = only("Air Force Lt. Gen. Omar Castell told reporters that 300 airmen had been deployed.");
    expect(c.source).toBe("Omar Castell");
  });

  it.each([
    ["The Zelvari said they had killed 14 soldiers in the raid."],
    ["In a message to local radio, the Zelvari on Sunday said they had killed 14 soldiers."],
    ["Fourteen soldiers were killed in the raid, the Zelvari claimed."],
  ])("a lone unknown name after 'the' that speaks is a body: %s", (text) => {
    const a = article(text);
    expect(a.claims[0]?.source).toBe("Zelvari");
    expect(a.entities.find((e) => e.name === "Zelvari")?.type).toBe("organization");
  });

  it("a lone name after 'the' that does not speak is not made a body", () => {
    const a = article("The Varnaland has seen 900 soldiers killed this year, the ministry said.");
    expect(a.entities.some((e) => e.name === "Varnaland" && e.type === "organization")).toBe(false);
  });

  it("'the source said' points back to a source described earlier without a figure", () => {
    const a = article(
      "Several commanders died in the assault on the ridge, state radio quoted a military source as saying on Friday. The source said 23 fighters were killed in the operation.",
    );
    expect(a.claims.map((c) => c.source)).toEqual(["military source"]);
  });

  it("'the army said' is a state's forces, never an armed group named just before", () => {
    const a = article(
      "Hezbollah fighters fired a missile at a patrol, the army said. Soldiers returned fire, killing 12 militants, the army said.",
    );
    expect(a.claims.map((c) => c.source)).toEqual(["army"]);
  });

  it("'the group said' still points back to an armed group", () => {
    const a = article("Hezbollah said its fighters struck a base. The group said 12 soldiers were killed.");
    expect(a.claims.map((c) => c.source)).toEqual(["Hezbollah"]);
  });

  it("casualties 'reported daily' are counted, not taken for people who speak", () => {
    const c = only(
      "The front is costly, with over 900 casualties reported daily in the east, an analyst said.",
    );
    expect(c.valueLow).toBe(900);
    expect(c.metric).toBe("casualties");
  });

  it("'X's adviser' is the adviser, and 'the adviser' later points back to them", () => {
    const a = article(
      "Ukraine's presidential adviser puts the figure much higher and claims more than 7,000 soldiers have been killed. The adviser also said 300 officers were wounded.",
    );
    expect(a.claims.map((c) => [c.source, c.via.map((v) => v.name)])).toEqual([
      ["Ukraine's presidential adviser", []],
      ["Ukraine's presidential adviser", []],
    ]);
  });

  it("'X denied the report and said …' is X's", () => {
    expect(only("The ministry denied the report and said 40 soldiers were killed.").source).toBe("ministry");
  });
});
