import { graphql, type ResultOf } from "./graphql";

/** An entity as the editor's pickers show and choose it. */
export const EntityChoiceFields = graphql(`
  fragment EntityChoice on Entity @_unmask {
    id
    name
    type
  }
`);
export type EntityChoice = ResultOf<typeof EntityChoiceFields>;
export type EntityType = EntityChoice["type"];

export const ENTITY_TYPE_LABELS: Record<EntityType, string> = {
  PERSON: "person",
  ORGANIZATION: "organisation",
  PLACE: "place",
  GROUP: "group",
};

/**
 * Which kinds of entity each reference suggests. A country is a place that can speak for itself, so a source
 * may be any kind; the place of a claim is a place; whose forces are counted is a country, an organisation
 * or an armed group; a relay is someone who passed the number on; a side is a country, an alliance or a group.
 */
export const PICKER_TYPES = {
  source: ["PERSON", "ORGANIZATION", "GROUP", "PLACE"],
  location: ["PLACE"],
  subjectEntity: ["PLACE", "ORGANIZATION", "GROUP"],
  via: ["PERSON", "ORGANIZATION", "GROUP"],
  affiliation: ["PLACE", "ORGANIZATION", "GROUP"],
} as const satisfies Record<string, readonly EntityType[]>;

/** How many suggestions the list shows; more are fetched so that names starting with the text can lead. */
export const SUGGESTION_COUNT = 8;
export const SUGGESTION_FETCH = 20;

export const ENTITY_SUGGESTIONS_QUERY = graphql(
  `
  query EntitySuggestions($search: String, $types: [EntityType!], $first: Int!) {
    entities(first: $first, filter: { search: $search, type: $types }) {
      totalCount
      edges {
        node {
          ...EntityChoice
        }
      }
    }
  }
`,
  [EntityChoiceFields],
);

export type EntitySuggestionsData = ResultOf<typeof ENTITY_SUGGESTIONS_QUERY>;

const folded = (text: string) =>
  text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * The API lists matches by name; a picker serves the typist better with names that start with the text first,
 * then names with a word starting with it, then the rest (matched through an alias or mid-word).
 */
export function rankSuggestions(text: string, entities: EntityChoice[], limit = SUGGESTION_COUNT) {
  const query = folded(text);
  const rank = (entity: EntityChoice) => {
    const name = folded(entity.name);
    if (query === "") return 0;
    if (name.startsWith(query)) return 0;
    if (name.split(" ").some((word) => word.startsWith(query))) return 1;
    return 2;
  };
  return entities
    .map((entity, index) => ({ entity, index, rank: rank(entity) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .slice(0, limit)
    .map((ranked) => ranked.entity);
}
