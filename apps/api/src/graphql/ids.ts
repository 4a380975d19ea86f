import { GraphQLError } from "graphql";

/** A decoded global ID as the relay plugin passes it to resolvers. */
export interface DecodedGlobalId {
  typename: string;
  id: string;
}

/** The database id behind a global ID of the given type; a wrong type or a malformed ID is the client's error. */
export function databaseId(
  globalId: DecodedGlobalId | null | undefined,
  typename: string,
  argument: string,
): number | null {
  if (globalId === null || globalId === undefined) return null;
  const id = Number(globalId.id);
  if (globalId.typename !== typename || !Number.isSafeInteger(id) || id <= 0) {
    throw new GraphQLError(`\`${argument}\` must be the ID of a ${typename}.`, {
      extensions: { code: "BAD_USER_INPUT", argument },
    });
  }
  return id;
}
