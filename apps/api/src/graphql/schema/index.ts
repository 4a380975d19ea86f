import { type GraphQLSchema, isObjectType, lexicographicSortSchema } from "graphql";
import { builder } from "../builder.ts";
import "./enums.ts";
import "./entity.ts";
import "./article.ts";
import "./claim.ts";
import "./claim-series.ts";
import "./claim-facets.ts";
import "./search.ts";
import "./subscription.ts";
import "./viewer.ts";
import "./mutations.ts";
import "./claim-mutations.ts";
import "./entity-mutations.ts";
import "./article-mutations.ts";
import "./history.ts";
import "./auth.ts";
import "./users.ts";
import "./ingest.ts";
import "./feeds.ts";

export { expectedFailure } from "./errors.ts";

/**
 * The relay plugin offers no option to describe a few of the fields and arguments it generates; every
 * part of the schema carries a description, so those few are filled in here.
 */
function describeGenerated(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType()?.getFields();
  const idArg = query?.node?.args.find((arg) => arg.name === "id");
  if (idArg) idArg.description = "A global ID.";
  const idsArg = query?.nodes?.args.find((arg) => arg.name === "ids");
  if (idsArg) idsArg.description = "Global IDs.";
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || !type.name.endsWith("Connection")) continue;
    const totalCount = type.getFields().totalCount;
    if (totalCount && !totalCount.description)
      totalCount.description = "How many items match, on every page.";
  }
  return schema;
}

export const schema = describeGenerated(lexicographicSortSchema(builder.toSchema()));
