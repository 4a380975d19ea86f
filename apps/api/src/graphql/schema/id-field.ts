import type { builder } from "../builder.ts";
import { globalIdOf } from "../ids.ts";

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/**
 * The ID of an object that is not fetched through node(id) (an appearance, a user, a feed, …): its row's id
 * as a global ID of its type, so that every ID the API gives has one form.
 */
export function globalIdField<Row extends { id: number }>(
  t: PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Row>,
  typename: string,
  description: string,
) {
  return t.id({ description, resolve: (row) => globalIdOf(typename, row.id) });
}
