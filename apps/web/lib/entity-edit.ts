import type { EntityChoice, EntityType } from "./entity-picker";
import { FAILURE_FIELDS, type MutationFailure } from "./mutation-result";

/** An entity as its editor reads and changes it. */
export interface EditableEntity {
  id: string;
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

/** The entity's name and side as now stored, to check that nobody changed them since the page was read. */
export const ENTITY_AS_STORED_QUERY = /* GraphQL */ `
  query EntityAsStored($id: ID!) {
    node(id: $id) {
      id
      ... on Entity {
        name
        affiliation {
          id
          name
        }
      }
    }
  }
`;

export interface EntityAsStored {
  node: { id: string; name?: string; affiliation?: { id: string; name: string } | null } | null;
}

export type EntityMutationResult =
  | { __typename: "EntityMutationSuccess"; entity: EditableEntity }
  | MutationFailure;

/**
 * No entity is ever at version 0 (versions start at 1), so an attempt at it is refused with a ConflictError
 * that carries the stored version and changes nothing.
 */
export const UNREAD_VERSION = 0;

/**
 * Renaming and setting the side want the version the editor read, which the API does not list on an entity.
 * A first attempt at {@link UNREAD_VERSION} learns the stored version; the change is then sent at that
 * version only when the field still holds what the editor saw, and any change in between moves the version,
 * so a concurrent edit is reported as a conflict and never overwritten.
 */
export async function atStoredVersion(
  attempt: (expectedVersion: number) => Promise<EntityMutationResult | undefined>,
  unchangedSinceRead: () => Promise<{ unchanged: true } | { unchanged: false; now: string }>,
): Promise<EntityMutationResult | undefined> {
  const first = await attempt(UNREAD_VERSION);
  if (first?.__typename !== "ConflictError") return first;
  const check = await unchangedSinceRead();
  if (!check.unchanged) {
    return {
      __typename: "ConflictError",
      currentVersion: first.currentVersion,
      message: `Someone else changed it meanwhile (now ${check.now}); nothing of yours was saved. The page shows the stored entity.`,
    };
  }
  return attempt(first.currentVersion);
}
