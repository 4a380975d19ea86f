import { lexicographicSortSchema } from "graphql";
import { builder } from "../builder.ts";
import "./enums.ts";
import "./entity.ts";
import "./article.ts";

export const schema = lexicographicSortSchema(builder.toSchema());
