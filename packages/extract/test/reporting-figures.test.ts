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

  it("'killed or wounded' is casualties, 'irretrievable losses' too", () => {
    expect(only("Some 500 soldiers were killed or wounded, the general staff said.").metric).toBe(
      "casualties",
    );
    expect(only("Irretrievable losses reached 1,200 soldiers, the ministry said.").metric).toBe("casualties");
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

describe("the period a figure describes", () => {
  it("'between January and February 2025' gives both ends, the year lent to the first", () => {
    const c = only("Between January and February 2025, 2,000 soldiers were killed, the monitor said.");
    expect([c.refersFrom?.date, c.refersTo?.date]).toEqual(["2025-01-01", "2025-02-01"]);
  });

  it("'last October' is that month at both ends", () => {
    const c = only("Last October, 450 fighters were killed, the group said.");
    expect([c.refersFrom, c.refersTo]).toEqual([
      { date: "2024-10-01", precision: "month" },
      { date: "2024-10-01", precision: "month" },
    ]);
  });

  it("'in the past week' runs from a week before", () => {
    const c = only("In the past week, 300 soldiers were killed, the army said.");
    expect(c.refersFrom?.date).toBe("2024-10-29");
    expect(c.refersTo).toBeNull();
  });

  it("'by mid-January' in the past tense is the January before", () => {
    const c = only("By mid-January, about 1,000 troops had been killed, officials said.");
    expect(c.refersTo?.date).toBe("2024-01-01");
  });

  it("'since April 2023' opens the period", () => {
    const c = only("Fighting has killed more than 150,000 people since April 2023, the envoy said.");
    expect([c.refersFrom?.date, c.refersTo]).toEqual(["2023-04-01", null]);
  });

  it("the day the narrative dated an attack carries to its tolls in the next sentences", () => {
    const all = counted(
      "Gunmen attacked the village on Sunday, burning houses. Nine civilians were killed and four wounded, a local official said.",
    );
    expect(all.map((c) => c.refersFrom?.date)).toEqual(["2024-11-03", "2024-11-03"]);
  });

  it("'in the past 24 hours' runs from the day before the figure was given", () => {
    const c = only("The ministry said on Monday that 61 people had been killed in the past 24 hours.");
    expect([c.refersFrom, c.refersTo]).toEqual([
      { date: "2024-11-03", precision: "day" },
      { date: "2024-11-04", precision: "day" },
    ]);
  });

  it("a war's running total counts from the start the sentence before gave the war", () => {
    const all = counted(
      "The army and the militia have been at war since mid-March 2022. The conflict has killed more than 9,400 people, aid groups said.",
    );
    expect(all[0]?.refersFrom).toEqual({ date: "2022-03-01", precision: "month" });
  });

  it("a running total keeps no event day", () => {
    const all = counted(
      "Gunmen attacked the village on Sunday. Since the war began, 9,000 civilians have been killed, the UN said.",
    );
    expect(all[0]?.refersFrom).toBeNull();
  });

  it("a weekday in an article dated to its week still names the day of the event", () => {
    const c = only("Gunmen killed 22 civilians on Sunday, officials said.", {
      publishedAt: "2024-11-05",
      precision: "week",
    });
    expect(c.refersFrom).toEqual({ date: "2024-11-03", precision: "day" });
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
