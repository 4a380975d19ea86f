import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";

/**
 * A column exposed on a select-mode Prisma type answers straight from its row when the row carries it.
 *
 * In select mode the Prisma plugin wraps every exposed column: for each field of each row it builds the
 * field's response path as a string and looks up which plan loaded the row, to load the column on its own
 * when no plan did. A row that already holds the column (every plan that selects the field puts it there,
 * and one that does not leaves the key out) needs none of that: the value is the column's, whichever plan
 * read it. On a claims page that lookup ran some 750 times a request. A row without the column still goes
 * through the plugin, which loads it.
 */
export class LoadedColumnsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types["Context"], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types["Context"], object> {
    const column = exposedColumn(fieldConfig);
    if (column === null) return resolver;
    return (parent, args, context, info) => {
      const value = (parent as Record<string, unknown>)[column];
      return value === undefined ? resolver(parent, args, context, info) : value;
    };
  }
}

/** The column a field exposes as it is (`t.expose*`) and alone selects, or null for any other field. */
function exposedColumn<Types extends SchemaTypes>(
  fieldConfig: PothosOutputFieldConfig<Types>,
): string | null {
  if (fieldConfig.kind !== "PrismaObject") return null;
  const extensions = fieldConfig.extensions ?? {};
  const column = extensions.pothosExposedField;
  const select = extensions.pothosPrismaSelect;
  if (typeof column !== "string" || typeof select !== "object" || select === null) return null;
  const keys = Object.keys(select);
  return keys.length === 1 && keys[0] === column && (select as Record<string, unknown>)[column] === true
    ? column
    : null;
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      loadedColumns: LoadedColumnsPlugin<Types>;
    }
  }
}

const pluginName = "loadedColumns";
SchemaBuilder.registerPlugin(pluginName, LoadedColumnsPlugin);
export default pluginName;
