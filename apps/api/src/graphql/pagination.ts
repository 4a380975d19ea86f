import { GraphQLError } from "graphql";

export const MAX_PAGE_SIZE = 100;

/** A page larger than the cap is refused with a clear message rather than silently shortened. */
export function assertPageSize(args: { first?: number | null; last?: number | null }): void {
  for (const key of ["first", "last"] as const) {
    const value = args[key];
    if (value === null || value === undefined) continue;
    if (value < 0 || value > MAX_PAGE_SIZE) {
      throw new GraphQLError(`\`${key}\` must be between 0 and ${MAX_PAGE_SIZE}; got ${value}.`, {
        extensions: { code: "BAD_USER_INPUT", argument: key },
      });
    }
  }
}
