import { normalizeName } from "@headcount/extract/variants";

/**
 * The lookup form of an entity name or alias, as stored in `normalizedName` / `EntityAlias.normalized` and
 * as searched: the extractor's own normal form (so "The Pentagon", "Pentagon's" and "the pentagon" agree with
 * what ingestion matches), or the plain lower-cased name where that form is empty (a bare title, "General").
 */
export function lookupName(name: string): string {
  return normalizeName(name) || name.trim().toLowerCase();
}
