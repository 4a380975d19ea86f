import SchemaBuilder from "@pothos/core";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import type PrismaTypes from "../generated/pothos-types.ts";
import { getDatamodel } from "../generated/pothos-types.ts";
import type { Context } from "./context.ts";

/** The one schema builder: it owns the plugins and scalars; each domain type lives in its own file. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { signedIn: boolean; editor: boolean; admin: boolean };
  Scalars: {
    Date: { Input: Date; Output: Date };
    DateTime: { Input: Date; Output: Date };
  };
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin],
  scopeAuth: {
    authScopes: (context) => ({
      signedIn: context.viewer !== null,
      editor: context.viewer?.role === "editor" || context.viewer?.role === "admin",
      admin: context.viewer?.role === "admin",
    }),
  },
  prisma: {
    client: (context) => context.prisma,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: process.env.NODE_ENV === "production" ? null : "warn",
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
  errors: { defaultTypes: [] },
});

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

builder.scalarType("Date", {
  description: "A calendar date, YYYY-MM-DD. Read it with the precision field beside it.",
  serialize: (value) => value.toISOString().slice(0, 10),
  parseValue: (value) => {
    if (typeof value !== "string" || !ISO_DAY.test(value) || Number.isNaN(Date.parse(value))) {
      throw new TypeError("Date must be a real calendar date written YYYY-MM-DD");
    }
    const date = new Date(`${value}T00:00:00Z`);
    if (date.toISOString().slice(0, 10) !== value)
      throw new TypeError(`${value} is not a real calendar date`);
    return date;
  },
});

builder.scalarType("DateTime", {
  description: "An instant, ISO 8601 in UTC.",
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === "string" ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new TypeError("DateTime must be an ISO 8601 instant");
    return date;
  },
});

builder.queryType({ description: "Everything Headcount knows, readable by anyone." });
