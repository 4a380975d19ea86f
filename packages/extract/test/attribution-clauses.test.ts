import { describe, expect, it } from "vitest";
import { claims, only } from "./support/extract.ts";

/** Wire-copy constructions that name the speaker around a quoted phrase, a list or an aside. */
describe("attribution across clauses, quotes and asides", () => {
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
