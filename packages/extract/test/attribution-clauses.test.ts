import { describe, expect, it } from "vitest";
import { claims, only } from "./helpers.ts";

/** Wire-copy constructions that name the speaker around a quoted phrase, a list or an aside. */
describe("attribution across clauses, quotes and asides", () => {
  it("a short quoted phrase inside a reported clause keeps the sentence's speaker", () => {
    const c = only(
      'A raid on a farming village has killed "up to 70" people, a local rights group said on Friday.',
    );
    expect(c.source).toBe("local rights group");
  });

  it("a quotation run on from 'that' is the reporter's clause, not a separate speech", () => {
    const c = claims(
      "A nurse at the district hospital told reporters on condition of anonymity that the ward received “no fewer than 14 bodies and dozens of wounded people,” amid shortages.",
    );
    expect(c.map((x) => x.source)).toEqual([
      "nurse at the district hospital",
      "nurse at the district hospital",
    ]);
  });

  it("speech set off with a colon keeps the quote's own speaker", () => {
    const c = only("Colonel Ivo Marsh said: “We have lost about 120 soldiers in the last week alone.”");
    expect(c.source).toBe("Ivo Marsh");
  });

  it("the first of two named bodies leads a coordinated source", () => {
    const c = only(
      "More than 4,000 people have been killed since March, according to the United Nations and local officials.",
    );
    expect(c.source).toBe("United Nations");
  });

  it("two described groups together are one described source", () => {
    const c = only(
      "Eyewitnesses and local journalists told the agency that 40 villagers were killed in the raid.",
    );
    expect(c.source).toBe("Eyewitnesses and local journalists");
  });

  it("an appositive without an article describes the name before it", () => {
    const c = only(
      "A new report by Helen Marsh, head of the Regional Health Office, said the fighting had left up to 900 people dead.",
    );
    expect(c.source).toBe("Helen Marsh");
  });

  it("an appositive and a day between the name and the verb", () => {
    const c = only(
      "Pavel Orlov, a military adviser to the president, on Thursday claimed the true number of dead is over 6,000.",
    );
    expect(c.source).toBe("Pavel Orlov");
  });

  it("a title before a name gives the person", () => {
    const c = only(
      "Ministry spokesperson Karim Haddad stated that the strikes on the port resulted in 85 casualties.",
    );
    expect(c.source).toBe("Karim Haddad");
  });

  it("'told' with an object that is a possessive phrase still ends the clause", () => {
    const c = only(
      "Nine sailors were also injured, a U.S. official told the network’s partner station WKRT.",
    );
    expect(c.source).toBe("U.S. official");
  });

  it("a long inverted speaker after 'said' with an aside", () => {
    const c = claims(
      "The shelling of the market killed 17 civilians and injured four others, said a member of a local defence militia under the command of the regional council, declining to be named.",
    );
    expect(c.map((x) => x.source)).toEqual([
      "member of a local defence militia",
      "member of a local defence militia",
    ]);
  });

  it("experts named by their body speak as themselves", () => {
    const c = only("The rebels are backed by some 3,000 foreign troops, according to U.N. experts.");
    expect(c.source).toBe("U.N. experts");
  });

  it("a wire description of a known agency is that agency", () => {
    const c = only("The clashes left at least 300 people dead, the U.N. health agency said on Monday.");
    expect(c.source).toBe("World Health Organization");
  });

  it("a body named with its owner is named whole", () => {
    const c = only("Sudan's Nurses' Union said in a statement that eight health workers were killed.");
    expect(c.source).toBe("Sudan's Nurses' Union");
  });

  it("'cited' reports a figure; 'cited by' relays it", () => {
    expect(only("The WHO cited nearly 1,200 injuries in the fighting.").source).toBe(
      "World Health Organization",
    );
    const relayed = only("According to figures cited by Reuters, the army said 500 soldiers were sent.");
    expect(relayed.source).toBe("army");
  });

  it("a clause joined by 'and' goes on with the same speaker", () => {
    const c = claims(
      "The camps were shelled on Friday, Amira Nour said in a statement, and six aid workers were killed.",
    );
    expect(c.map((x) => x.source)).toEqual(["Amira Nour"]);
  });

  it("a clause with a new speaker after 'while' does not inherit the first", () => {
    const c = claims(
      "The army said 30 soldiers died, while the rebels claimed they had killed 200 soldiers.",
    );
    expect(c.map((x) => x.source)).toEqual(["army", "rebels"]);
  });

  it("an opening time adverbial is not the subject of a participle frame", () => {
    const c = only(
      "Earlier on Sunday, the Northern Command seized a rebel base near the river, claiming to kill more than 40 fighters.",
    );
    expect(c.source).toBe("Northern Command");
  });

  it("'they' after a named agency in the same sentence is the outlet", () => {
    const c = only(
      "The minister accused Reuters of lying when they reported that about 9,000 soldiers had been killed.",
    );
    expect(c.source).toBe("Reuters");
  });

  it("a surname alone after the full name was given is that person", () => {
    const c = claims(
      "Lena Okafor-Brandt, the regional coordinator, visited on Monday. The camp was shelled twice, Okafor-Brandt said in a statement, and 11 aid workers were killed.",
    );
    expect(c.map((x) => x.source)).toEqual(["Lena Okafor-Brandt"]);
  });

  it("research by described people, with a parenthetical adverb, names them", () => {
    const c = only("Research from British scholars, however, estimates the death toll at around 90,000.");
    expect(c.source).toBe("British scholars");
  });

  it("'told reporters by telephone' ends the clause", () => {
    const c = claims(
      "Brigadier Tomas Vell spoke on Friday. The insurgents killed three soldiers and wounded five others, he told reporters by telephone.",
    );
    expect(c.map((x) => x.source)).toEqual(["Tomas Vell", "Tomas Vell"]);
  });

  it("a speaker reported by another is the deeper source", () => {
    const c = only(
      "Colonel Rui Matos said villagers recounted seeing up to 10 fighters dead after the raid.",
    );
    expect(c.source).toBe("villagers");
    expect(c.via.map((v) => v.name)).toEqual(["Rui Matos"]);
  });

  it("modifiers sharing one head are one described source", () => {
    const c = only(
      "Gunmen killed around 30 people in the market on Sunday, security and local officials said.",
    );
    expect(c.source).toBe("security and local officials");
  });

  it("a long speaker before 'told' is the speaker; the listener only relays", () => {
    const c = only(
      "The toll has risen to 41, rights lawyer and community activist Mireille Tchana from the Centre for Civic Rights told CNN on Monday.",
    );
    expect(c.source).toBe("Mireille Tchana");
    expect(c.via.map((v) => v.name)).toEqual(["CNN"]);
  });

  it("'reports' after the figure is a noun unless a name says it", () => {
    const c = only(
      "Brigadier Tomas Vell said: “The fire caused the death of six soldiers, contrary to social media reports.”",
    );
    expect(c.source).toBe("Tomas Vell");
  });

  it("a name before 'town' is a place, not a person the next pronoun can point to", () => {
    const c = claims(
      "Major Ines Carvalho said 4 soldiers were killed near Vila Nova Serra town on Monday. “We lost 4 men,” she said.",
    );
    expect(c[0]?.source).toBe("Ines Carvalho");
    expect(c.every((x) => x.source === "Ines Carvalho")).toBe(true);
  });

  it("official records are a described source; bare records are none", () => {
    expect(only("More than 9,000 have died since 1991, according to official records.").source).toBe(
      "official records",
    );
    expect(only("More than 9,000 have died since 1991, according to records.").source).toBeNull();
  });
});
