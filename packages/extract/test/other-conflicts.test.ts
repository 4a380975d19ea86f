import { describe, expect, it } from "vitest";
import { extractArticle } from "../src/index.ts";

const read = (body: string, title = "Report") =>
  extractArticle(`${title}\n\n${body}`, { publishedAt: "2025-03-08", precision: "day" });
const figures = (body: string) =>
  read(body).claims.map((c) => ({ v: [c.valueLow, c.valueHigh], m: c.metric }));

// Constructions of wire copy from the Sahel, the Horn, Myanmar and Ukraine's exchanges, in invented sentences.
// The claims each sentence gives are rows of cases/other-conflicts.yaml; here, what a row cannot say.
describe("reporting from other conflicts", () => {
  it("far alternatives are not the range between them", () => {
    expect(figures("Somewhere between 10 or 100 soldiers were killed.").map((f) => f.v)).not.toContainEqual([
      10, 100,
    ]);
  });

  it("the whole of a partitive that names a toll is a count of its own", () => {
    expect(figures("Five of the 22 injured were children.").map((f) => f.v)).toContainEqual([22, 22]);
  });

  it("Boko Haram is an armed group, never a person 'he' could point to", () => {
    const entity = read(
      "Suspected Boko Haram fighters attacked the village, killing 12 people.",
    ).entities.find((e) => e.name === "Boko Haram");
    expect(entity?.type).not.toBe("person");
  });

  it("a governorate is a place", () => {
    const a = read("Eleven soldiers were killed in Marib Governorate on Monday.");
    expect(a.entities.find((e) => e.name === "Marib Governorate")?.type).toBe("place");
  });
});
