import { EntityChoiceFields } from "./entity-picker";
import { graphql, type ResultOf } from "./graphql";
import { MutationFailureFields } from "./mutation-result";

/** An entity as its editor reads and changes it. */
export const EditableEntityFields = graphql(
  `
    fragment EditableEntity on Entity @_unmask {
      id
      version
      name
      type
      aliases {
        name
      }
      affiliation {
        ...EntityChoice
      }
    }
  `,
  [EntityChoiceFields],
);
/** The version is the one the editor read: renaming and setting the side are refused when it has moved since. */
export type EditableEntity = ResultOf<typeof EditableEntityFields>;

const EntitySavedFields = graphql(
  `
    fragment EntitySaved on EntityMutationSuccess @_unmask {
      entity {
        ...EditableEntity
      }
    }
  `,
  [EditableEntityFields],
);

/**
 * What every entity mutation answers: the entity saved, or a failure. The four mutations' result unions have
 * the same members, so this fragment on one of them spreads into each.
 */
const EntityOutcomeFields = graphql(
  `
    fragment EntityOutcome on RenameEntityResult @_unmask {
      __typename
      ...EntitySaved
      ...MutationFailure
    }
  `,
  [EntitySavedFields, MutationFailureFields],
);

export const RENAME_ENTITY_MUTATION = graphql(
  `
    mutation RenameEntity($id: ID!, $expectedVersion: Int!, $name: String!, $note: String) {
      renameEntity(id: $id, expectedVersion: $expectedVersion, name: $name, note: $note) {
        ...EntityOutcome
      }
    }
  `,
  [EntityOutcomeFields],
);

export const ADD_ENTITY_ALIAS_MUTATION = graphql(
  `
    mutation AddEntityAlias($id: ID!, $name: String!, $note: String) {
      addEntityAlias(id: $id, name: $name, note: $note) {
        ...EntityOutcome
      }
    }
  `,
  [EntityOutcomeFields],
);

export const REMOVE_ENTITY_ALIAS_MUTATION = graphql(
  `
    mutation RemoveEntityAlias($id: ID!, $name: String!, $note: String) {
      removeEntityAlias(id: $id, name: $name, note: $note) {
        ...EntityOutcome
      }
    }
  `,
  [EntityOutcomeFields],
);

export const SET_ENTITY_AFFILIATION_MUTATION = graphql(
  `
    mutation SetEntityAffiliation($id: ID!, $expectedVersion: Int!, $affiliation: ID, $note: String) {
      setEntityAffiliation(id: $id, expectedVersion: $expectedVersion, affiliation: $affiliation, note: $note) {
        ...EntityOutcome
      }
    }
  `,
  [EntityOutcomeFields],
);

/** What every entity mutation answers (the four share one result shape). */
export type EntityMutationResult = ResultOf<typeof RENAME_ENTITY_MUTATION>["renameEntity"];
