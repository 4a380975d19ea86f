import type { EntityType } from "@headcount/shared";
import { SINGULAR_PERSON, SOURCE_NOUNS } from "./attribution-words.ts";

/**
 * A described speaker followed by where it is or what it did: "local authorities in the violent western
 * state" speak as "local authorities"; "sources in Rutshuru territory who accused the rebels …" as "sources in
 * Rutshuru territory" (a named place stays part of the description, a relative clause does not).
 */
const HEAD_THEN_PLACE = new RegExp(
  `${SOURCE_NOUNS.source.replace(/\$$/, "")}\\s+(?:in|at|from|of)\\s+((?:the\\s+)?[^,;]{1,60})$`,
  "iu",
);
const RELATIVE = /\s+(?:who|which|that)\s[^,;]{0,120}$/i;

export function describedHead(described: string): { name: string; type: EntityType } | null {
  const bare = described.replace(RELATIVE, "");
  const m = HEAD_THEN_PLACE.exec(bare);
  const head = m?.[1];
  const place = m?.[2];
  if (!m || !head || !place || bare.split(/\s+/).length > 10) return null;
  // The noun heads the phrase: a few words before it, none a preposition ("a list provided by X Hospital").
  const before = bare.slice(0, m.index);
  if (before.split(/\s+/).filter(Boolean).length > 3 || /\b(?:by|of|from|for|with|at|in)\s/i.test(before))
    return null;
  const noun = bare.slice(0, m.index + head.length);
  const name = /\p{Lu}/u.test(place) ? bare : noun;
  return { name, type: SINGULAR_PERSON.test(noun) ? "person" : "group" };
}

/**
 * "according to two security sources and a local resident", "citing three officials": the people a figure is
 * credited to are its speakers, not a count.
 */
const CITED_BEFORE = /\b(?:according to|citing|quoting|told|cited by|quoted by)\s+$/i;
const CITED_NOUN =
  /^\s+(?:[\p{L}-]+\s+){0,2}?(?:sources?|officials?|witnesses|residents|medics|doctors|diplomats|analysts|activists|people familiar|members of)\b/iu;

export function citedSpeakers(body: string, hedgeStart: number, quantityEnd: number): boolean {
  return (
    CITED_BEFORE.test(body.slice(Math.max(0, hedgeStart - 16), hedgeStart)) &&
    CITED_NOUN.test(body.slice(quantityEnd, quantityEnd + 50))
  );
}
