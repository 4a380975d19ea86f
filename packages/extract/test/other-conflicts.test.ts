import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";

const read = (body: string, title = "Report") =>
  extractArticle(`${title}\n\n${body}`, { publishedAt: "2025-03-08", precision: "day" });
const figures = (body: string) =>
  read(body).claims.map((c) => ({ v: [c.valueLow, c.valueHigh], m: c.metric }));

// Constructions of wire copy from the Sahel, the Horn, Myanmar and Ukraine's exchanges, in invented sentences.
describe("reporting from other conflicts", () => {
  it("a four-digit time of day is not a figure", () => {
    expect(figures("Jihadists stormed the camp of roughly 150 soldiers at 0600 GMT, the army said.")).toEqual(
      [{ v: [150, 150], m: "deployed" }],
    );
    expect(figures("The attack at 1500 GMT killed 12 soldiers.")).toEqual([{ v: [12, 12], m: "killed" }]);
  });

  it("close alternatives are the range between them; far ones are not", () => {
    expect(figures("Local sources said 12 or 13 people were killed.")[0]?.v).toEqual([12, 13]);
    expect(figures("Two or three soldiers were wounded.")[0]?.v).toEqual([2, 3]);
    expect(figures("Somewhere between 10 or 100 soldiers were killed.").map((f) => f.v)).not.toContainEqual([
      10, 100,
    ]);
  });

  it("nationals, citizens and foreigners are people a toll counts", () => {
    for (const noun of ["Syrian nationals", "citizens", "foreigners", "tourists", "Rohingya"])
      expect(figures(`The strike killed at least 14 ${noun}, officials said.`)).toEqual([
        { v: [14, null], m: "killed" },
      ]);
  });

  it("the bodies of the dead handed back are repatriated, the bodies found are a toll", () => {
    expect(figures("The bodies of 121 fallen soldiers were returned to Ukraine.")[0]?.m).toBe("repatriated");
    expect(figures("Russia handed over the bodies of 563 soldiers.")[0]?.m).toBe("repatriated");
    expect(figures("The bodies of 27 migrants were recovered from the sea.")[0]?.m).toBe("killed");
  });

  it("a photo credit line is a caption, not the article's first figure", () => {
    const a = read(
      '"We have 15 dead in our ranks," said a spokesman (AFP Photo/A. Photographer)\nFifteen soldiers were killed in an attack, authorities said.',
    );
    expect(a.claims).toHaveLength(1);
    expect(a.claims[0]?.quote).toBe("Fifteen soldiers were killed in an attack");
  });

  it("a figure first given by a description is the named person's who gives it again", () => {
    const a = read(
      'Fifteen soldiers were killed in an attack on a patrol, authorities said Thursday.\n"We have 15 dead in our ranks," said Colonel Amadou Diallo, the army spokesman.',
    );
    const [root, repeat] = a.claims;
    expect(root?.source).toBe("Amadou Diallo");
    expect(repeat?.duplicateOf).toBe(0);
  });

  it("several speakers described together keep the figure they gave", () => {
    const a = read(
      "An air strike killed ten civilians, locals and media said.\nTen people were killed, said Ko Min Aung, a resident.",
    );
    expect(a.claims[0]?.source).toBe("locals and media");
  });

  it("corpses recovered are a toll, said by whoever confirmed the attack", () => {
    const a = read(
      "The police spokesman, ASP Musa Danjuma Bello, confirmed the attack saying 12 corpses were recovered.",
    );
    expect(a.claims.map((c) => [c.valueLow, c.metric, c.source])).toEqual([
      [12, "killed", "Musa Danjuma Bello"],
    ]);
  });

  it("a body's abbreviation in brackets, even with a stray comma, is not the speaker's name", () => {
    const a = read("The Civic Rights Network (CRN), says more than 100 gang members have been killed.");
    expect(a.claims[0]?.source).toBe("Civic Rights Network");
  });

  it("a single casualty written as a toll is a claim; one person mentioned is not", () => {
    expect(figures("Gunmen killed 18 farmers. One person was also injured, police said.")).toEqual([
      { v: [18, 18], m: "killed" },
      { v: [1, 1], m: "wounded" },
    ]);
    expect(figures("One civilian died later in hospital.")).toEqual([{ v: [1, 1], m: "killed" }]);
    expect(figures("One of the soldiers said he saw the convoy.")).toEqual([]);
  });

  it("a part of the wounded or the dead named by who they were is counted; their care is not", () => {
    expect(figures("The strike injured 31 people. Four of the injured were children.")).toEqual([
      { v: [31, 31], m: "wounded" },
      { v: [4, 4], m: "wounded" },
    ]);
    expect(figures("The minister said 612 of the wounded were treated in the emergency room.")).toEqual([]);
  });

  it("defenders handed back are soldiers repatriated; a singular noun after a count is still people", () => {
    expect(figures("Ukraine managed to return 230 defenders home.")).toEqual([
      { v: [230, 230], m: "repatriated" },
    ]);
    expect(figures("The fighting has killed at least 37 civilian in the south.")).toEqual([
      { v: [37, null], m: "killed" },
    ]);
  });

  it("soldiers freed in an exchange are repatriated", () => {
    expect(figures("The government says 41 of its soldiers have been freed in a swap.")).toEqual([
      { v: [41, 41], m: "repatriated" },
    ]);
    expect(figures("We managed to free 41 of our soldiers, he said.")[0]?.m).toBe("repatriated");
  });

  it("a body named later gives what a described body said, never what a described person said", () => {
    const org = read(
      "At least 40 civilians were killed on Sunday, according to a local lobby organization.\nThe Abu Tala Resistance Committee said at least 40 civilians were killed in the attack.",
    );
    expect(org.claims[0]?.source).toBe("Abu Tala Resistance Committee");
    const person = read(
      "At least 38 villagers were killed, a local security source said.\nThe Wolf Brigade said at least 38 villagers were killed.",
    );
    expect(person.claims[0]?.source).toBe("local security source");
  });

  it("the verb whose object a figure is decides it: killing, kidnapping, 'killed only'", () => {
    expect(
      figures("Bandits attacked the village, killing four persons and kidnapping over 300 villagers."),
    ).toEqual([
      { v: [4, 4], m: "killed" },
      { v: [300, null], m: "captured" },
    ]);
    expect(figures("The police said the bandits killed only four people and kidnapped 50 persons.")).toEqual([
      { v: [4, 4], m: "killed" },
      { v: [50, 50], m: "captured" },
    ]);
  });

  it("beheading is killing", () => {
    expect(figures("Insurgents beheaded three citizens in the village.")).toEqual([
      { v: [3, 3], m: "killed" },
    ]);
  });

  it("a body's spokesman named later speaks for the body, which keeps the figure", () => {
    const a = read(
      "Insurgents fired at troops retrieving the bodies of 16 workers, the military said.\n“When we were moving 16 bodies to the landing site, we were fired on,” Colonel Jonas Sitompul said.",
    );
    expect(a.claims[0]?.source).toBe("military");
  });

  it("an inverted speaker ends where a clause begins", () => {
    const a = read(
      "“Two soldiers have been kidnapped,” said Defense Minister Luis Herrera after President Juan Ortega convened his security council.",
    );
    expect(a.claims[0]?.source).toBe("Luis Herrera");
  });

  it("the wounded are also those who received injuries or were taken for treatment", () => {
    expect(figures("Twelve soldiers were killed and five others received injuries.")).toEqual([
      { v: [12, 12], m: "killed" },
      { v: [5, 5], m: "wounded" },
    ]);
    expect(figures("Eight were killed and at least 24 were taken for treatment.")[1]).toEqual({
      v: [24, null],
      m: "wounded",
    });
    expect(figures("Dozens more were transferred to hospital for treatment.")[0]?.m).toBe("wounded");
    expect(figures("The army transferred 300 troops to the border.")[0]?.m).toBe("deployed");
  });

  it("tolls: 'was in fact 13', 'wounded another 26', rescuers, 'at least 20 and possibly 40'", () => {
    expect(figures("Officials later said the death toll was in fact 13.")).toEqual([
      { v: [13, 13], m: "killed" },
    ]);
    expect(figures("The bomb killed 11 people and wounded another 26.")[1]).toEqual({
      v: [26, 26],
      m: "wounded",
    });
    expect(figures("Five rescuers were killed in the second strike.")).toEqual([{ v: [5, 5], m: "killed" }]);
    expect(figures("Rights groups say at least 20 and possibly 40 people have been killed.")).toEqual([
      { v: [20, 40], m: "killed" },
    ]);
  });

  it("a media wing speaks", () => {
    expect(read("Twelve soldiers were killed, the military’s media wing said.").claims[0]?.source).toBe(
      "military’s media wing",
    );
  });

  it("police and an armed group's members are people a toll counts", () => {
    expect(
      figures(
        "Insurgents attacked police posts, killing five police and wounding six. Also, 12 Taliban were killed.",
      ),
    ).toEqual([
      { v: [5, 5], m: "killed" },
      { v: [6, 6], m: "wounded" },
      { v: [12, 12], m: "killed" },
    ]);
    expect(figures("In 2021 Taliban fighters took the city.")).toEqual([]);
  });

  it("a ministry named by its country keeps the country: one country's ministry is not every country's", () => {
    expect(
      read("A total of 1,920 soldiers were killed, Armenia's Defense Ministry said.").claims[0]?.source,
    ).toBe("Armenia's Defense Ministry");
    expect(read("Ukraine's Defence Ministry said 10 soldiers were killed.").claims[0]?.source).toBe(
      "Ukrainian Ministry of Defense",
    );
  });

  it("the whole of a partitive is not a count of its own, unless it names a toll", () => {
    expect(figures("Two of the five soldiers were killed.")).toEqual([{ v: [2, 2], m: "killed" }]);
    expect(
      figures("The UN said three of the four peacekeepers have been found dead.").map((f) => f.v),
    ).toEqual([[3, 3]]);
    expect(figures("Five of the 22 injured were children.").map((f) => f.v)).toContainEqual([22, 22]);
    expect(figures("Three of the hostages are Americans.")).toEqual([]);
  });

  it("the death of one soldier is a toll", () => {
    expect(figures("The mission confirmed the death of one soldier in the attack.")).toEqual([
      { v: [1, 1], m: "killed" },
    ]);
  });

  it("a ministry named with its owner and later without it is one speaker: one claim, two appearances", () => {
    const a = read(
      "A total of 640 soldiers were wounded, Georgia's Defense Ministry said.\nThe ministry said 640 soldiers were wounded during the war.",
    );
    expect(a.claims[1]?.duplicateOf).toBe(0);
  });

  it("Boko Haram is an armed group, never a person 'he' could point to", () => {
    const entity = read(
      "Suspected Boko Haram fighters attacked the village, killing 12 people.",
    ).entities.find((e) => e.name === "Boko Haram");
    expect(entity?.type).not.toBe("person");
  });

  it("a governorate is a place, and a funeral of soldiers counts the dead", () => {
    const a = read("Eleven soldiers were killed in Marib Governorate on Monday.");
    expect(a.entities.find((e) => e.name === "Marib Governorate")?.type).toBe("place");
    expect(figures("The ministry posted a photograph of the funeral of eleven soldiers.")[0]?.m).toBe(
      "killed",
    );
  });

  it("a toll reaching the figure names it, whatever words stand between", () => {
    expect(figures("The death toll from fighting has climbed to at least 96 people.")).toEqual([
      { v: [96, null], m: "killed" },
    ]);
    expect(figures("The toll of wounded has risen to 200 people.")).toEqual([
      { v: [200, 200], m: "wounded" },
    ]);
  });

  it("a gapped second subject shares the verb and noun: 'the Front has 1,800 fighters and the League about 4,000'", () => {
    expect(
      figures(
        "Analysts estimate the Northern Front has some 1,800 fighters and the Free League about 4,000.",
      ),
    ).toEqual([
      { v: [1800, 1800], m: "force_size" },
      { v: [4000, 4000], m: "force_size" },
    ]);
    expect(figures("The strike killed 12 people and Hamas 300 years ago.")).toEqual([
      { v: [12, 12], m: "killed" },
    ]);
  });

  it("'with some outlets saying …': the preposition is not part of the speaker", () => {
    expect(
      read("Local media reported the strikes, with some outlets saying nine people had been killed.")
        .claims[0]?.source,
    ).toBe("outlets");
  });

  it("'It said' after an outlet reported on a body is the body, not the outlet", () => {
    const a = read(
      "The Health Ministry has released its latest report on casualties, Al Jazeera reported.\nIn a statement, it said seven deaths and five injuries were recorded in the past 24 hours.",
    );
    expect(a.claims.map((c) => c.source)).toEqual(["Health Ministry", "Health Ministry"]);
  });
});
