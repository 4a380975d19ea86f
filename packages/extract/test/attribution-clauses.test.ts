import { describe, expect, it } from "vitest";
import { claims, only } from "./support/extract.ts";

/** Wire-copy constructions that name the speaker around a quoted phrase, a list or an aside. */
describe("attribution across clauses, quotes and asides", () => {
  it.each([
    [
      "a short quoted phrase inside a reported clause keeps the sentence's speaker",
      'A raid on a farming village has killed "up to 70" people, a local rights group said on Friday.',
      "local rights group",
    ],
    [
      "speech set off with a colon keeps the quote's own speaker",
      "Colonel Ivo Marsh said: “We have lost about 120 soldiers in the last week alone.”",
      "Ivo Marsh",
    ],
    [
      "the first of two named bodies leads a coordinated source",
      "More than 4,000 people have been killed since March, according to the United Nations and local officials.",
      "United Nations",
    ],
    [
      "two described groups together are one described source",
      "Eyewitnesses and local journalists told the agency that 40 villagers were killed in the raid.",
      "Eyewitnesses and local journalists",
    ],
    [
      "an appositive without an article describes the name before it",
      "A new report by Helen Marsh, head of the Regional Health Office, said the fighting had left up to 900 people dead.",
      "Helen Marsh",
    ],
    [
      "an appositive and a day between the name and the verb",
      "Pavel Orlov, a military adviser to the president, on Thursday claimed the true number of dead is over 6,000.",
      "Pavel Orlov",
    ],
    [
      "a title before a name gives the person",
      "Ministry spokesperson Karim Haddad stated that the strikes on the port resulted in 85 casualties.",
      "Karim Haddad",
    ],
    [
      "'told' with an object that is a possessive phrase still ends the clause",
      "Nine sailors were also injured, a U.S. official told the network’s partner station WKRT.",
      "U.S. official",
    ],
    [
      "experts named by their body speak as themselves",
      "The rebels are backed by some 3,000 foreign troops, according to U.N. experts.",
      "U.N. experts",
    ],
    [
      "a wire description of a known agency is that agency",
      "The clashes left at least 300 people dead, the U.N. health agency said on Monday.",
      "World Health Organization",
    ],
    [
      "a body named with its owner is named whole",
      "Sudan's Nurses' Union said in a statement that eight health workers were killed.",
      "Sudan's Nurses' Union",
    ],
    [
      "an opening time adverbial is not the subject of a participle frame",
      "Earlier on Sunday, the Northern Command seized a rebel base near the river, claiming to kill more than 40 fighters.",
      "Northern Command",
    ],
    [
      "'they' after a named agency in the same sentence is the outlet",
      "The minister accused Reuters of lying when they reported that about 9,000 soldiers had been killed.",
      "Reuters",
    ],
    [
      "research by described people, with a parenthetical adverb, names them",
      "Research from British scholars, however, estimates the death toll at around 90,000.",
      "British scholars",
    ],
    [
      "modifiers sharing one head are one described source",
      "Gunmen killed around 30 people in the market on Sunday, security and local officials said.",
      "security and local officials",
    ],
    [
      "'reports' after the figure is a noun unless a name says it",
      "Brigadier Tomas Vell said: “The fire caused the death of six soldiers, contrary to social media reports.”",
      "Tomas Vell",
    ],
  ])("%s", (_name, text, expected) => {
    expect(only(text).source).toBe(expected);
  });

  it.each([
    [
      "a quotation run on from 'that' is the reporter's clause, not a separate speech",
      "A nurse at the district hospital told reporters on condition of anonymity that the ward received “no fewer than 14 bodies and dozens of wounded people,” amid shortages.",
      ["nurse at the district hospital", "nurse at the district hospital"],
    ],
    [
      "a long inverted speaker after 'said' with an aside",
      "The shelling of the market killed 17 civilians and injured four others, said a member of a local defence militia under the command of the regional council, declining to be named.",
      ["member of a local defence militia", "member of a local defence militia"],
    ],
    [
      "a clause joined by 'and' goes on with the same speaker",
      "The camps were shelled on Friday, Amira Nour said in a statement, and six aid workers were killed.",
      ["Amira Nour"],
    ],
    [
      "a clause with a new speaker after 'while' does not inherit the first",
      "The army said 30 soldiers died, while the rebels claimed they had killed 200 soldiers.",
      ["army", "rebels"],
    ],
    [
      "a surname alone after the full name was given is that person",
      "Lena Okafor-Brandt, the regional coordinator, visited on Monday. The camp was shelled twice, Okafor-Brandt said in a statement, and 11 aid workers were killed.",
      ["Lena Okafor-Brandt"],
    ],
    [
      "'told reporters by telephone' ends the clause",
      "Brigadier Tomas Vell spoke on Friday. The insurgents killed three soldiers and wounded five others, he told reporters by telephone.",
      ["Tomas Vell", "Tomas Vell"],
    ],
  ])("%s", (_name, text, expected) => {
    expect(claims(text).map((x) => x.source)).toEqual(expected);
  });

  it("'cited' reports a figure; 'cited by' relays it", () => {
    expect(only("The WHO cited nearly 1,200 injuries in the fighting.").source).toBe(
      "World Health Organization",
    );
    const relayed = only("According to figures cited by Reuters, the army said 500 soldiers were sent.");
    expect(relayed.source).toBe("army");
  });

  it("a speaker reported by another is the deeper source", () => {
    const c = only(
      "Colonel Rui Matos said villagers recounted seeing up to 10 fighters dead after the raid.",
    );
    expect(c.source).toBe("villagers");
    expect(c.via.map((v) => v.name)).toEqual(["Rui Matos"]);
  });

  it("a long speaker before 'told' is the speaker; the listener only relays", () => {
    const c = only(
      "The toll has risen to 41, rights lawyer and community activist Mireille Tchana from the Centre for Civic Rights told CNN on Monday.",
    );
    expect(c.source).toBe("Mireille Tchana");
    expect(c.via.map((v) => v.name)).toEqual(["CNN"]);
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
