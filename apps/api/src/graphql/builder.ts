import { isoDay } from "@headcount/shared";
import SchemaBuilder from "@pothos/core";
import ComplexityPlugin from "@pothos/plugin-complexity";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin, { decodeGlobalID, resolveNodes } from "@pothos/plugin-relay";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ValidationPlugin from "@pothos/plugin-validation";
import { GraphQLError, type GraphQLResolveInfo, getNamedType, Kind, print } from "graphql";
import { z } from "zod";
import { isProduction } from "../config.ts";
import { NotAuthorizedError } from "../curation/errors.ts";
import type PrismaTypes from "../generated/pothos-types.ts";
import { getDatamodel } from "../generated/pothos-types.ts";
import type { Context } from "./context.ts";
import { encodeDatabaseGlobalId, isDatabaseIdText } from "./ids.ts";
import LoadedColumnsPlugin from "./loaded-columns.ts";
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PAGED_COST_LIMIT } from "./pagination.ts";
import { deferRawJson, rawJsonAllowed } from "./raw-json.ts";
import { readRawNode } from "./sql/raw-node.ts";

const pageSize = (argument: string) =>
  z
    .number()
    .int()
    .min(0, `\`${argument}\` must be between 0 and ${MAX_PAGE_SIZE}`)
    .max(MAX_PAGE_SIZE, `\`${argument}\` must be between 0 and ${MAX_PAGE_SIZE}`);

/**
 * A node that does not exist, or that this viewer may not see (a deleted claim for a reader), is null, as
 * Relay's node(id) promises; Prisma reports it as "record not found" (P2025).
 */
async function orNullWhenMissing<T>(load: Promise<T> | T): Promise<T | null> {
  try {
    return await load;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === "P2025" || (error instanceof Error && error.name === "NotFoundError")) return null;
    throw error;
  }
}

/**
 * How node(id) reads a type that answers in one statement of its own (claim.ts, entity.ts): given the
 * database id, and the plugin's own loading to fall back on for a selection it does not translate.
 */
export type NodeReader = (
  id: string,
  context: Context,
  info: GraphQLResolveInfo,
  fallback: () => Promise<unknown>,
) => Promise<unknown>;

export const nodeReaders = new Map<string, NodeReader>();

/** The one schema builder: it owns the plugins and scalars; each domain type lives in its own file. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { signedIn: boolean; editor: boolean; admin: boolean };
  Scalars: {
    /** Resolvers may return a Date or a day already written YYYY-MM-DD (SQL-built rows, e.g. the chart). */
    Date: { Input: Date; Output: Date | string };
    DateTime: { Input: Date; Output: Date };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
}>({
  // The errors plugin wraps outermost, so an authorisation failure becomes a NotAuthorizedError member of
  // a mutation's result union instead of an exception. Loaded columns wraps the Prisma plugin, so a column
  // already on its row skips the plugin's per-field plan lookup (loaded-columns.ts).
  plugins: [
    ErrorsPlugin,
    ScopeAuthPlugin,
    ValidationPlugin,
    LoadedColumnsPlugin,
    PrismaPlugin,
    RelayPlugin,
    ComplexityPlugin,
  ],
  // Every field costs 1; what is selected inside a connection costs once per item it may return (its
  // `first` or `last`, else the default page), so a query's cost follows the rows it can make us send.
  complexity: {
    fieldComplexity: (args, _context, field) => {
      if (!getNamedType(field.type).name.endsWith("Connection")) return { field: 1, multiplier: 1 };
      const size =
        (args as { first?: number | null; last?: number | null }).first ??
        (args as { last?: number | null }).last ??
        DEFAULT_PAGE_SIZE;
      return { field: 1, multiplier: Math.max(1, size) };
    },
    limit: { complexity: PAGED_COST_LIMIT },
    complexityError: (_kind, result) =>
      new GraphQLError(
        `This query may return too much: its cost counting every item of every page is ${result.complexity}, more than the limit of ${result.maxComplexity}. Ask for smaller pages (first/last) or fewer fields and aliases.`,
        { extensions: { code: "QUERY_TOO_COSTLY", cost: result.complexity, limit: result.maxComplexity } },
      ),
  },
  // Fields are non-null unless they say otherwise: a client should not have to guard every field.
  defaultFieldNullability: false,
  scopeAuth: {
    unauthorizedError: () =>
      new NotAuthorizedError(
        "You are not allowed to do this: sign in with an account that has the role it needs.",
      ),
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
    onUnusedQuery: isProduction() ? null : "warn",
  },
  relay: {
    // Every object's id is a database integer: an ID naming anything else (a huge number, "NaN", "0x10")
    // is refused here, as the client's error, before any query could overflow on it.
    decodeGlobalID: (globalID) => {
      const decoded = decodeGlobalID(globalID);
      if (!isDatabaseIdText(decoded.id)) {
        throw new GraphQLError(`"${globalID.slice(0, 100)}" is not a valid ID.`, {
          extensions: { code: "BAD_USER_INPUT" },
        });
      }
      return decoded;
    },
    // The same IDs, encoded without a Buffer per object (ids.ts).
    encodeGlobalID: (typename, id) => encodeDatabaseGlobalId(typename, id),
    clientMutationId: "omit",
    cursorType: "String",
    edgesFieldOptions: { nullable: false, description: "The items of this page, each with its cursor." },
    nodeFieldOptions: { nullable: false, description: "The item." },
    idFieldOptions: { description: "A globally unique, opaque identifier; pass it to node(id)." },
    nodeTypeOptions: { description: "An object with a global ID, fetchable through node(id)." },
    pageInfoTypeOptions: { description: "Where a page sits in its connection." },
    nodeQueryOptions: {
      description: "Any object, by its global ID; null when there is none the viewer may see.",
      resolve: async (_root, args, context, info, resolveNode) => {
        // Written by PostgreSQL in the selection's shape and sent as it is, when it can be (raw-json.ts).
        if (rawJsonAllowed(context)) {
          const text = await readRawNode(args.id.typename, Number(args.id.id), context, info);
          if (text !== undefined) {
            if (text !== null) deferRawJson(context, info.path, text, "null");
            return null;
          }
        }
        const read = nodeReaders.get(args.id.typename);
        return orNullWhenMissing(
          read ? read(args.id.id, context, info, async () => resolveNode(args.id)) : resolveNode(args.id),
        );
      },
    },
    nodesQueryOptions: {
      description: `Several objects (at most ${MAX_PAGE_SIZE}), by their global IDs, in the order given.`,
      resolve: (_root, args, context, info) => {
        if (args.ids.length > MAX_PAGE_SIZE) {
          throw new GraphQLError(`\`ids\` may hold at most ${MAX_PAGE_SIZE} IDs; got ${args.ids.length}.`, {
            extensions: { code: "BAD_USER_INPUT", argument: "ids" },
          });
        }
        return nodesInOrder(context, info, args.ids);
      },
    },
    cursorFieldOptions: { description: "Pass it as `after` or `before` to page from this item." },
    pageInfoFieldOptions: { description: "Where this page sits in the connection." },
    hasNextPageFieldOptions: { description: "True when there are items after this page." },
    hasPreviousPageFieldOptions: { description: "True when there are items before this page." },
    startCursorFieldOptions: { description: "The cursor of the first item of this page." },
    endCursorFieldOptions: { description: "The cursor of the last item of this page." },
    firstArgOptions: {
      description: "Return at most this many items from the start (0 to 100).",
      validate: pageSize("first"),
    },
    lastArgOptions: {
      description: "Return at most this many items from the end (0 to 100).",
      validate: pageSize("last"),
    },
    afterArgOptions: { description: "Return items after this cursor." },
    beforeArgOptions: { description: "Return items before this cursor." },
    defaultConnectionTypeOptions: { description: "A page of items, Relay-style." },
    defaultEdgeTypeOptions: { description: "An item of a page, with its cursor." },
  },
  errors: { defaultTypes: [] },
  validation: {
    // Invalid input is the client's to fix: a typed, unmasked error naming each offending field.
    validationError: (result) =>
      new GraphQLError(`Invalid input: ${result.issues.map((issue) => issue.message).join("; ")}`, {
        extensions: {
          code: "BAD_USER_INPUT",
          fieldErrors: result.issues.map((issue) => ({
            path: (issue.path ?? []).map((segment) =>
              String(typeof segment === "object" ? segment.key : segment),
            ),
            message: issue.message,
          })),
        },
      }),
  },
});

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A scalar's refusal: the client's error, with the message saying what is expected. */
function badScalar(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

function parseDay(value: unknown): Date {
  if (typeof value !== "string" || !ISO_DAY.test(value)) {
    throw badScalar(
      `A Date is a calendar date written YYYY-MM-DD; got ${JSON.stringify(value)?.slice(0, 40)}.`,
    );
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || isoDay(date) !== value) {
    throw badScalar(`${value} is not a real calendar date.`);
  }
  return date;
}

function parseInstant(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw badScalar(`A DateTime is an ISO 8601 instant; got ${JSON.stringify(value)?.slice(0, 40)}.`);
  }
  return date;
}

builder.scalarType("Date", {
  description: "A calendar date, YYYY-MM-DD. Read it with the precision field beside it.",
  serialize: (value) => (typeof value === "string" ? value : isoDay(value)),
  parseValue: parseDay,
  parseLiteral: (node) => parseDay(node.kind === Kind.STRING ? node.value : print(node)),
});

builder.scalarType("DateTime", {
  description: "An instant, ISO 8601 in UTC.",
  serialize: (value) => value.toISOString(),
  parseValue: parseInstant,
  parseLiteral: (node) => parseInstant(node.kind === Kind.STRING ? node.value : print(node)),
});

builder.queryType({ description: "Everything Headcount knows, readable by anyone." });

/**
 * Each id loaded on its own, so a missing or hidden object is null in its place instead of failing the
 * list (the loads still batch: Prisma folds one tick's findUnique calls into one statement). The loader
 * Pothos passes to a custom `nodes` resolver ignores the ids it is given and loads all of `args.ids`, so
 * taking its first result repeated the first node; the plugin's own resolveNodes is called instead.
 */
function nodesInOrder(
  context: Context,
  info: GraphQLResolveInfo,
  ids: { id: string; typename: string }[],
): Promise<unknown[]> {
  return Promise.all(
    ids.map((id) =>
      orNullWhenMissing(resolveNodes(builder, context, info, [id]).then((nodes) => nodes[0] ?? null)),
    ),
  );
}
