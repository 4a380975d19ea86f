import type { EntityChoice, EntityType } from "./entity-picker";
import { FAILURE_FIELDS, type MutationFailure } from "./mutation-result";

/** An entity as its editor reads and changes it. */
export interface EditableEntity {
  id: string;
  /** The version the editor read; renaming and setting the side are refused when it has moved since. */
  version: number;
  name: string;
  type: EntityType;
  aliases: { name: string }[];
  affiliation: EntityChoice | null;
}

const ENTITY_RESULT = /* GraphQL */ `
  __typename
  ... on EntityMutationSuccess {
    entity {
      id
      version
      name
      type
      aliases {
        name
      }
      affiliation {
        id
        name
        type
      }
    }
  }
  ... on ConflictError {
    message
    currentVersion
  }
  ${FAILURE_FIELDS}
`;

export const RENAME_ENTITY_MUTATION = /* GraphQL */ `
  mutation RenameEntity($id: ID!, $expectedVersion: Int!, $name: String!, $note: String) {
    renameEntity(id: $id, expectedVersion: $expectedVersion, name: $name, note: $note) {
      ${ENTITY_RESULT}
    }
  }
`;

export const ADD_ENTITY_ALIAS_MUTATION = /* GraphQL */ `
  mutation AddEntityAlias($id: ID!, $name: String!, $note: String) {
    addEntityAlias(id: $id, name: $name, note: $note) {
      ${ENTITY_RESULT}
    }
  }
`;

export const REMOVE_ENTITY_ALIAS_MUTATION = /* GraphQL */ `
  mutation RemoveEntityAlias($id: ID!, $name: String!, $note: String) {
    removeEntityAlias(id: $id, name: $name, note: $note) {
      ${ENTITY_RESULT}
    }
  }
`;

export const SET_ENTITY_AFFILIATION_MUTATION = /* GraphQL */ `
  mutation SetEntityAffiliation($id: ID!, $expectedVersion: Int!, $affiliation: ID, $note: String) {
    setEntityAffiliation(id: $id, expectedVersion: $expectedVersion, affiliation: $affiliation, note: $note) {
      ${ENTITY_RESULT}
    }
  }
`;

export type EntityMutationResult =
  | { __typename: "EntityMutationSuccess"; entity: EditableEntity }
  | MutationFailure;
