import { describe, expect, it } from "vitest";
import { claims, only } from "./helpers.ts";

// How a figure's metric and its reach are read from the words around it: tolls named several clauses before
// the number, captivity, hand-overs, losses of civilians, combined counts of dead and injured.
describe("metric per figure", () => {
  it("a toll whose clause holds an abbreviated date ('since Nov. 3 has climbed to N')", () => {
    const c = only("The death toll in the province since Nov. 3 has climbed to 412, the governor said.");
    expect([c.valueLow, c.metric]).toEqual([412, "killed"]);
  });

  it("'the number of dead is still N' and 'could be as high as N'", () => {
    const a = only("The mayor said the number of dead in the valley is still 23.");
    expect([a.valueLow, a.metric]).toEqual([23, "killed"]);
    const b = only(
      "Aid groups believe the number of civilians killed in the siege could be as high as 3,500.",
    );
    expect([b.valueLow, b.valueHigh, b.metric]).toEqual([null, 3_500, "killed"]);
  });

  it("two counts in one sentence each take the noun nearest to them", () => {
    const all = claims(
      "The agency said the number of martyrs on Friday is 14, while the number of wounded is 318 after checks.",
    );
    expect(all.map((c) => [c.valueLow, c.metric])).toEqual([
      [14, "killed"],
      [318, "wounded"],
    ]);
  });

  it("'brought the number of people wounded ... to N' counts the wounded", () => {
    const c = only(
      "The latest raids brought the number of people wounded since March to 7,420, medics said.",
    );
    expect([c.valueLow, c.metric]).toEqual([7_420, "wounded"]);
  });

  it("martyrs are counted as killed", () => {
    const c = only("The ministry announced 42 martyrs in the northern districts.");
    expect([c.valueLow, c.metric]).toEqual([42, "killed"]);
  });

  it("'deaths and injuries' together are casualties; 'deaths and injuries to N people' are two counts", () => {
    const a = only("Officials reported nearly 900 deaths and injuries across the region.");
    expect([a.valueLow, a.metric]).toEqual([900, "casualties"]);
    const both = claims("The shelling caused 31 deaths and injuries to 120 people, the hospital said.");
    expect(both.map((c) => [c.valueLow, c.metric])).toEqual([
      [31, "killed"],
      [120, "wounded"],
    ]);
  });

  it("people held captive, detained or abducted are captured", () => {
    const a = claims("Of the 90 sailors seized in May, 61 continue to be held captive, the company said.");
    expect(a.map((c) => [c.valueLow, c.metric])).toContainEqual([61, "captured"]);
    const b = only("Forty aid workers remain detained by the militia, the agency said.");
    expect([b.valueLow, b.metric]).toEqual([40, "captured"]);
  });

  it("'wounded or killed' is a count of casualties", () => {
    const c = only("Up to 2,500 conscripts had been wounded or killed in the offensive, the report said.");
    expect([c.valueHigh, c.metric]).toEqual([2_500, "casualties"]);
  });

  it("the return, release or freeing of people is a repatriation", () => {
    const a = only("The deal secured the return of 75 marines held by the other side.");
    expect([a.valueLow, a.metric]).toEqual([75, "repatriated"]);
    const b = only("Commandos freed six hostages in a dawn raid, the army said.");
    expect([b.valueLow, b.metric]).toEqual([6, "repatriated"]);
  });

  it("civilians lost are dead; a force's losses stay casualties", () => {
    const a = only('"We lost eleven people in the night attack," the village chief said.');
    expect([a.valueLow, a.metric]).toEqual([11, "killed"]);
    const b = only("The brigade lost 300 soldiers in the battle for the bridge.");
    expect(b.metric).toBe("casualties");
  });

  it("a force kept in a region is present there", () => {
    const c = only("The regional mission, which has 6,500 troops in the province, will stay until June.");
    expect([c.valueLow, c.metric]).toEqual([6_500, "present"]);
  });

  it("new recruits who joined the army were recruited", () => {
    const c = only(
      "Some 48,000 new recruits have joined the army as volunteers this year, the minister said.",
    );
    expect([c.valueLow, c.metric]).toEqual([48_000, "recruited"]);
  });
});

describe("every figure in a sentence", () => {
  it.each([
    [
      "a bare figure after a counted one shares its noun and what happened ('… and 700 in the south')",
      "Two weeks of fighting left 2,300 people killed in the north and 640 in the coastal towns.",
      [
        [2_300, "killed"],
        [640, "killed"],
      ],
    ],
    [
      "a breakdown by place after a toll ('with 420 in the east, 95 in the capital')",
      "The minister said 1,010 people were wounded, with 420 in the east, 95 in the capital, and 495 in the hills.",
      [
        [1_010, "wounded"],
        [420, "wounded"],
        [95, "wounded"],
        [495, "wounded"],
      ],
    ],
    [
      "a list item whose noun has three modifiers ('25 state border guard members')",
      "Medics said 60 villagers, 25 state border guard members and 12 rebels were killed.",
      [
        [60, "killed"],
        [25, "killed"],
        [12, "killed"],
      ],
    ],
  ])("%s", (_name, text, expected) => {
    expect(claims(text).map((c) => [c.valueLow, c.metric])).toEqual(expected);
  });

  it("a bare figure with no place after it is not read as a continuation", () => {
    const all = claims("The raid killed 14 soldiers and 2 vehicles were burnt.");
    expect(all.map((c) => c.valueLow)).toEqual([14]);
  });

  it("a people named by nationality closes the phrase ('killed 160 Yemenis, most of them …')", () => {
    const c = only("The strikes have killed at least 160 Yemenis, most of them fishermen, the monitor said.");
    expect([c.valueLow, c.qualifier, c.metric, c.subject]).toEqual([160, "at_least", "killed", "Yemenis"]);
  });
});

describe("a hedge shared by a pair of figures", () => {
  it("'up to N people dead and M wounded' bounds both", () => {
    const all = claims("Doctors said the siege had left up to 900 people dead and 3,100 wounded.");
    expect(all.map((c) => [c.valueLow, c.valueHigh, c.qualifier, c.metric])).toEqual([
      [null, 900, "up_to", "killed"],
      [null, 3_100, "up_to", "wounded"],
    ]);
  });

  it("'at least N soldiers and M civilians' bounds both, and equal parts are two claims", () => {
    const all = claims("The shelling killed at least four soldiers and four civilians near the border.");
    expect(all.map((c) => [c.valueLow, c.valueHigh, c.qualifier, c.duplicateOf])).toEqual([
      [4, null, "at_least", null],
      [4, null, "at_least", null],
    ]);
  });

  it("a second figure with its own verb keeps its own interval", () => {
    const all = claims("The bombing killed at least 12 people and wounded 40, the police said.");
    expect(all.map((c) => [c.valueLow, c.valueHigh, c.qualifier])).toEqual([
      [12, null, "at_least"],
      [40, 40, "exact"],
    ]);
  });
});

describe("parts of a figure", () => {
  it("'…, of whom N were children' is a part of the toll before", () => {
    const all = claims(
      "The agency said 310 people had died since the shelling began, of whom 85 were children.",
    );
    expect(all.map((c) => [c.valueLow, c.metric, c.subject])).toEqual([
      [310, "killed", "people"],
      [85, "killed", "children"],
    ]);
  });

  it("'Of the N hostages, M were women' and 'Out of the N soldiers killed, M were officers'", () => {
    const a = claims("Of the 40 hostages, 9 were women.");
    expect(a.map((c) => [c.valueLow, c.metric])).toEqual([
      [40, "captured"],
      [9, "captured"],
    ]);
    const b = claims("Out of the 650 soldiers killed near the dam, 70 were officers.");
    expect(b.map((c) => [c.valueLow, c.metric])).toEqual([
      [650, "killed"],
      [70, "killed"],
    ]);
  });

  it("a number followed by 'were' and a noun without a subset lead is no part ('12 were students' alone)", () => {
    expect(claims("Last year 12 were students at the college.")).toEqual([]);
  });
});

describe("a force's size in apposition", () => {
  it("'the armed forces, estimated at about N' is the size of the force", () => {
    const c = only("That would outnumber the republic's armed forces, estimated at about 42,000.");
    expect([c.valueLow, c.qualifier, c.metric]).toEqual([42_000, "approximate", "force_size"]);
  });

  it("a figure followed by what it counts that is no person is no toll", () => {
    expect(
      claims("At least 40 people were killed and 12 houses burnt in the raid.").map((c) => c.valueLow),
    ).toEqual([40]);
    expect(
      claims("More than 300 people were killed and 90,000 others were displaced in the clashes.").map(
        (c) => c.valueLow,
      ),
    ).toEqual([300]);
  });

  it("'gunned down' and 'shot and killed' count the dead", () => {
    expect(only("Three more fighters were gunned down near the bridge.").metric).toBe("killed");
    expect(only("Gunmen shot and killed five villagers on Sunday.").metric).toBe("killed");
  });

  it("an aside listing three kinds of people does not end the clause", () => {
    const c = only(
      "An estimated 12,000 people, including farmers, fighters and police officers, have been killed since 2004.",
    );
    expect([c.valueLow, c.metric]).toEqual([12_000, "killed"]);
  });
});
