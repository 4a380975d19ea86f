import { describe, expect, it } from "vitest";
import { claims, only } from "./helpers.ts";

/** Value interval, qualifier and metric of each claim of a text that is not another appearance. */
const figures = (body: string) =>
  claims(body)
    .filter((c) => c.duplicateOf === null)
    .map((c) => [c.valueLow, c.valueHigh, c.qualifier, c.metric]);

// Constructions met in reporting on conflicts the gold sets do not cover; the sentences are invented.
describe("figures in constructions of unseen reporting", () => {
  it.each([
    ["executed", "Monitors said the militia executed over 300 unarmed villagers after taking the town."],
    ["massacred", "The rebels massacred 45 farmers near the river, residents said."],
    ["slaughtered", "Witnesses said gunmen slaughtered 27 worshippers at the shrine."],
  ])("'%s N people' is a toll of the dead", (_verb, body) => {
    expect(only(body).metric).toBe("killed");
  });

  it("'among the dead were N soldiers' counts the dead, not a deployment", () => {
    const c = only("Among the dead were four soldiers deployed to guard the convoy, an elder said.");
    expect([c.valueLow, c.metric]).toEqual([4, "killed"]);
  });

  it("people displaced 'to be internally displaced' are no toll; the deaths beside them are", () => {
    expect(
      figures(
        "The war has caused some 2.4 million people to be internally displaced and an estimated 9,300 deaths.",
      ),
    ).toEqual([[9300, 9300, "approximate", "killed"]]);
  });

  it("people who 'have had to flee' are no toll", () => {
    expect(
      figures(
        "Thousands of fighters and villagers have died in the insurgency to date and hundreds of thousands of people have had to flee their farms.",
      ),
    ).toEqual([[2000, 9999, "vague", "killed"]]);
  });

  it("an aside on who most of them were does not end the clause", () => {
    const c = only(
      "At least 640 villagers, the vast majority of them herders, were killed in the raids, a monitor said.",
    );
    expect([c.valueLow, c.qualifier, c.metric]).toEqual([640, "at_least", "killed"]);
  });

  it("a place in apposition between the people and their verb does not end the clause", () => {
    const c = only(
      "No fewer than nine traders in the market district of Oldtown, eastern Ruritania, have been killed, police said.",
    );
    expect([c.valueLow, c.qualifier, c.metric]).toEqual([9, "at_least", "killed"]);
  });

  it("the people who speak ('two village elders said') are no count", () => {
    expect(figures("At least 61 people were killed in the raid, two village elders said.")).toEqual([
      [61, null, "at_least", "killed"],
    ]);
  });

  it("people 'reported injured' are still a count", () => {
    expect(figures("More than 800 individuals reported injured in the strikes, the ministry said.")).toEqual([
      [800, null, "more_than", "wounded"],
    ]);
  });

  it.each([
    ["the death toll could pass 40, officials said.", [40, null, "more_than", "killed"]],
    ["the death toll has surpassed 1,500, the monitor said.", [1500, null, "more_than", "killed"]],
    ["the death toll is believed to be between 85 and 90, medics said.", [85, 90, "range", "killed"]],
    ["the number of people killed has exceeded 700, the ministry said.", [700, null, "more_than", "killed"]],
  ])("a toll that passes or is believed to be a figure: %s", (tail, expected) => {
    expect(figures(`With more people missing, ${tail}`)).toEqual([expected]);
  });

  it("a toll broken down by place ('the toll includes N in X, M in Y and K in Z')", () => {
    expect(
      figures(
        "According to the monitor, the death toll by district includes 310 in Eastmoor, 95 in Northgate and 7 in Lowby.",
      ),
    ).toEqual([
      [310, 310, "exact", "killed"],
      [95, 95, "exact", "killed"],
      [7, 7, "exact", "killed"],
    ]);
  });

  it("a toll's parts by place after 'including'", () => {
    expect(
      figures(
        "At least 90 civilians were killed on Sunday alone, including 52 in Eastmoor and 38 in Northgate, the monitor said.",
      ),
    ).toEqual([
      [90, null, "at_least", "killed"],
      [52, 52, "exact", "killed"],
      [38, 38, "exact", "killed"],
    ]);
  });

  it("a toll that 'climbed from N to M' is M, not a range", () => {
    expect(figures("The minister said the death toll climbed from 212 to 230, medics said.")).toEqual([
      [230, 230, "exact", "killed"],
    ]);
  });

  it("people 'taken hostage' are captured", () => {
    const c = only("Officials said more than 60 pupils were taken hostage in the raid.");
    expect([c.valueLow, c.qualifier, c.metric]).toEqual([60, "more_than", "captured"]);
  });

  it("'kidnapped over N schoolgirls' counts the abducted", () => {
    const c = only("Gunmen kidnapped over 90 schoolgirls from the dormitory, a teacher said.");
    expect([c.valueLow, c.metric, c.subject]).toEqual([90, "captured", "schoolgirls"]);
  });

  it("'the number of those missing ... was N' counts the missing", () => {
    const c = only("The principal said the total number of those missing after a roll call was 143.");
    expect([c.valueLow, c.metric]).toEqual([143, "missing"]);
  });

  it("an aside 'both girls and boys' does not end the clause", () => {
    const c = only("By Sunday, 143 pupils, both girls and boys, were still missing, the principal said.");
    expect([c.valueLow, c.metric]).toEqual([143, "missing"]);
  });

  it.each([
    ["has soared past 12,000", [12_000, null, "more_than", "killed"]],
    ["has surged to 9,412", [9412, 9412, "exact", "killed"]],
  ])("a toll that %s", (verb, expected) => {
    expect(figures(`The death toll from the offensive ${verb}, the health ministry said.`)).toEqual([
      expected,
    ]);
  });

  it("a thousands suffix ('430k') is part of the figure, a kilometre is not", () => {
    expect(
      figures("Researchers put the total number of civilian deaths at 430k. The front line is 900km long."),
    ).toEqual([[430_000, 430_000, "exact", "killed"]]);
  });

  it("a relative clause between the people and their verb does not end the clause", () => {
    const c = only(
      "At least 22 people, who had gone to the market at dawn, have been shot dead, residents said.",
    );
    expect([c.valueLow, c.qualifier, c.metric]).toEqual([22, "at_least", "killed"]);
  });

  it("people who 'have not been seen' since are missing", () => {
    expect(only("Another 19 people have not been seen since the raid, the chief said.").metric).toBe(
      "missing",
    );
  });

  it("'the injured are approaching N' counts the wounded, approximately", () => {
    expect(figures("There have been 60 deaths and the injured are approaching 400, he said.")).toEqual([
      [60, 60, "exact", "killed"],
      [400, 400, "approximate", "wounded"],
    ]);
  });

  it("a participle describing the people does not outrank what happened to them", () => {
    const c = only(
      "The envoy said 70 volunteers fighting on the side of the army have been killed in the valley.",
    );
    expect([c.valueLow, c.metric]).toEqual([70, "killed"]);
  });

  it("'Of the N people who …, M are children' repeats N as another appearance and counts M", () => {
    const all = claims(
      "The ministry said the strikes had caused at least 340 deaths. Of the 340 people who have died, 41 are children, the ministry said.",
    );
    const fresh = all.filter((c) => c.duplicateOf === null).map((c) => [c.valueLow, c.valueHigh, c.metric]);
    expect(fresh).toEqual([
      [340, null, "killed"],
      [41, 41, "killed"],
    ]);
    const repeat = all.find((c) => c.duplicateOf !== null);
    expect([repeat?.valueLow, repeat?.valueHigh, repeat?.duplicateOf]).toEqual([340, null, 0]);
  });

  it("'Of those killed, N were children and M were women': the opening says what happened to each part", () => {
    expect(figures("Of those killed, 16 were children and 7 were women, the agency said.")).toEqual([
      [16, 16, "exact", "killed"],
      [7, 7, "exact", "killed"],
    ]);
  });

  it("'Among the wounded, N were children' counts wounded children", () => {
    expect(figures("Among the wounded, 33 were children, doctors said.")).toEqual([
      [33, 33, "exact", "wounded"],
    ]);
  });

  it("insurgents 'neutralised' by an army are dead", () => {
    expect(only('The army said at least 64 insurgents were "neutralised" in the sweep.').metric).toBe(
      "killed",
    );
  });

  it("'upward of N' is more than N", () => {
    const c = only("Upward of 4,000 troops were deployed to the province, officials said.");
    expect([c.valueLow, c.valueHigh, c.qualifier]).toEqual([4000, null, "more_than"]);
  });
});
