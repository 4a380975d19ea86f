import { z } from "zod";

/**
 * Options of a field that may be null. Fields are non-null unless they say so (the builder's default); these
 * say so, with the field's description.
 */
export const optional = (description: string) => ({ nullable: true, description }) as const;

/** Options of a field of the given type that may be null. */
export const optionalOf = <const Type>(type: Type, description: string) =>
  ({ type, nullable: true, description }) as const;

/** The words a list filter's `search` takes: enough for any real search, and no more. */
export const searchText = z.string().max(200, "search must be at most 200 characters");
