import { graphql, type ResultOf } from "./graphql";

// Fragments shared by server pages and client components: this module imports nothing server-only.

/** An entity as a link or a choice: its global ID and name. */
export const EntityRefFields = graphql(`
  fragment EntityRef on Entity @_unmask {
    id
    name
  }
`);
export type EntityRef = ResultOf<typeof EntityRefFields>;
