import { describe, expect, it } from "vitest";
import { counted, only } from "./support/extract.ts";

// Figures as conflict reporting writes them: several in one sentence, number words, tolls written as what
// happened to people or named before the figure, and the period a figure describes.
describe("every figure of a sentence, each with its own metric", () => {
  it("'N killed and M injured' is two claims", () => {
    const all = counted("About 300 people were killed and 2,700 injured, the ministry said.");
    expect(all.map((c) => [c.valueLow, c.qualifier, c.metric])).toEqual([
      [300, "approximate", "killed"],
      [2_700, "exact", "wounded"],
    ]);
  });

  it.each([
    ["The strikes resulted in 28 deaths and injuries to 139 people, the ministry said.", 139, "wounded"],
    ["Four people were killed and 14 more sustained wounds, the ministry said.", 14, "wounded"],
    ["The army confirmed the deaths of 41 hostages held in the tunnels.", 41, "killed"],
    ["Officials said 36 of those hostages are confirmed dead.", 36, "killed"],
  ])("what happened to the figure outranks the noun: %s", (text, value, metric) => {
    expect(counted(text).find((c) => c.valueLow === value)?.metric).toBe(metric);
  });

  it("'including N children' is part of the toll before it", () => {
    const all = counted("The strike killed 14 people, including six children, the ministry said.");
    expect(all.map((c) => [c.valueLow, c.metric, c.subject])).toEqual([
      [14, "killed", "people"],
      [6, "killed", "children"],
    ]);
  });

  it("'killed or wounded' is casualties; 'irretrievable losses' are the dead (LABELLING.md)", () => {
    expect(only("Some 500 soldiers were killed or wounded, the general staff said.").metric).toBe(
      "casualties",
    );
    expect(only("Irretrievable losses reached 1,200 soldiers, the ministry said.").metric).toBe("killed");
  });
});

describe("number words and tolls written as what happened", () => {
  it("a bare 'dozens' or 'hundreds' counts the people it stands for", () => {
    expect(only("The UN said dozens were killed in the attack.")).toMatchObject({
      valueLow: 24,
      valueHigh: 119,
      qualifier: "vague",
      metric: "killed",
    });
    expect(only("The strike killed dozens, the ministry said.").valueLow).toBe(24);
    expect(only("Hundreds were killed, witnesses said.")).toMatchObject({ valueLow: 200, valueHigh: 999 });
  });

  it("victims named by nationality or occupation", () => {
    expect(only("Israeli strikes killed 40 Palestinians overnight, the health ministry said.").subject).toBe(
      "Palestinians",
    );
    expect(only("Some 18 Sudanese were killed, activists said.").valueLow).toBe(18);
    expect(only("Gunmen killed 30 worshippers at a mosque, residents said.").metric).toBe("killed");
    expect(only("The militia killed 40 villagers, local officials told AFP.").source).toBe("local officials");
  });

  it("a named list counts people: 'N names were added to the list of the dead'", () => {
    const c = only("A further 1,184 names were added to the list of the dead, the group said.");
    expect([c.valueLow, c.metric, c.additional, c.source]).toEqual([1_184, "killed", true, "group"]);
  });
});

describe("tolls named before the figure", () => {
  it("'went up to N' is a toll that rose, not a ceiling", () => {
    const c = only("Casualties in the strikes went up to 182, the agency said.");
    expect([c.valueLow, c.valueHigh, c.qualifier]).toEqual([182, 182, "exact"]);
  });

  it("'no fewer than N' is at least N; 'as high as N' at most N", () => {
    expect(only("Medics said no fewer than 12 bodies were recovered.")).toMatchObject({
      valueLow: 12,
      valueHigh: null,
      qualifier: "at_least",
    });
    expect(only("The toll could be as high as 4,000 fighters killed, the report said.")).toMatchObject({
      valueLow: null,
      valueHigh: 4_000,
      qualifier: "up_to",
    });
  });

  it("a bare 'thousands have died'", () => {
    expect(only("Thousands have died in the fighting, aid groups say.").metric).toBe("killed");
  });
});
