import { GraphQLError } from "graphql";

/** A decoded global ID as the relay plugin passes it to resolvers. */
export interface DecodedGlobalId {
  typename: string;
  id: string;
}

/** Database ids are PostgreSQL `integer`s: 1 to 2,147,483,647. */
export const MAX_DATABASE_ID = 2_147_483_647;

/** True when the text is a database id as written in a global ID: digits, no sign, no leading zero, in range. */
export function isDatabaseIdText(text: string): boolean {
  return /^[1-9]\d{0,9}$/.test(text) && Number(text) <= MAX_DATABASE_ID;
}

/** The database id behind a global ID of the given type; a wrong type or a malformed ID is the client's error. */
export function databaseId(
  globalId: DecodedGlobalId | null | undefined,
  typename: string,
  argument: string,
): number | null {
  if (globalId === null || globalId === undefined) return null;
  if (globalId.typename !== typename || !isDatabaseIdText(globalId.id)) {
    throw new GraphQLError(`\`${argument}\` must be the ID of a ${typename}.`, {
      extensions: { code: "BAD_USER_INPUT", argument },
    });
  }
  return Number(globalId.id);
}
