import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
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

/** The global ID of an object that is not fetched through node(id) (an appearance, a user, a feed, …). */
export function globalIdOf(typename: string, id: number): string {
  return encodeGlobalID(typename, id);
}

/**
 * The database id behind such a global ID when it names one of the given types, else null: the caller
 * says how the client got it wrong.
 */
export function databaseIdOf(globalId: string, typenames: readonly string[]): number | null {
  let decoded: DecodedGlobalId;
  try {
    decoded = decodeGlobalID(globalId);
  } catch {
    return null;
  }
  return typenames.includes(decoded.typename) && isDatabaseIdText(decoded.id) ? Number(decoded.id) : null;
}
