import { encodeBase64, encodeCursorChunk } from "@pothos/core";
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getArgumentValues,
  isAbstractType,
  isObjectType,
  Kind,
  type SelectionSetNode,
} from "graphql";
import { queryRows } from "../../db/prisma.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { type Context, canEdit } from "../context.ts";
import { MAX_PAGE_SIZE } from "../pagination.ts";
import {
  CANNOT_TEXT,
  GRAPHQL_NAME,
  globalIdSql,
  guarded,
  objectSql,
  orNull,
  type Page,
  scalarSql,
  TABLES,
  type Table,
  VISIBLE,
} from "./raw-tables.ts";

/**
 * node(id) answered as the JSON text of its GraphQL selection, written by PostgreSQL and sent as it is
 * (graphql/raw-json.ts), for the selections whose every field is a column, a to-one relation or a page
 * of claims known here. graphql-js then completes no field of the node: the keys, the global IDs, the
 * enums (upper case), the days and instants and the pages' `totalCount` and `hasNextPage` are written as
 * the resolvers would make them. Anything else (a field not listed, a directive, a cursor, `last`,
 * `after`, a page size outside 1–100) returns null and the node is resolved as before.
 */

class Unsupported extends Error {}

interface Compile {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  aliases: number;
  /** Whether the viewer may edit (the fields fixed by the viewer: claim.ts' viewerCan). */
  editor: boolean;
}

/**
 * The fields of `sets` that apply to an object of `type`, merged by response key in the order graphql-js
 * collects them (fragments spread in place, a type condition kept when the type is or implements it).
 */
function collectFields(
  compile: Compile,
  type: GraphQLObjectType,
  sets: readonly (SelectionSetNode | undefined)[],
  fields = new Map<string, FieldNode[]>(),
  spread = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const set of sets) {
    for (const selection of set?.selections ?? []) {
      if (selection.directives?.length) throw new Unsupported("directive");
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const same = fields.get(key);
        if (same) same.push(selection);
        else fields.set(key, [selection]);
        continue;
      }
      let fragment: {
        typeCondition?: { name: { value: string } } | undefined;
        selectionSet: SelectionSetNode;
      };
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        fragment = selection;
      } else {
        const name = selection.name.value;
        // graphql-js spreads a named fragment once per selection set.
        if (spread.has(name)) continue;
        spread.add(name);
        const definition = compile.fragments[name];
        if (!definition || definition.directives?.length) throw new Unsupported("fragment");
        fragment = definition;
      }
      const condition = fragment.typeCondition?.name.value;
      if (condition !== undefined && condition !== type.name) {
        const conditionType = compile.schema.getType(condition);
        if (
          !conditionType ||
          !isAbstractType(conditionType) ||
          !compile.schema.isSubType(conditionType, type)
        )
          continue;
      }
      collectFields(compile, type, [fragment.selectionSet], fields, spread);
    }
  }
  return fields;
}

/** The fields selected on `type` under `parents`, by response key, with each one's field name. */
function selected(
  compile: Compile,
  type: GraphQLObjectType,
  parents: readonly FieldNode[],
): [key: string, name: string, nodes: FieldNode[]][] {
  return [
    ...collectFields(
      compile,
      type,
      parents.map((node) => node.selectionSet),
    ),
  ].map(([key, nodes]) => {
    if (!GRAPHQL_NAME.test(key)) throw new Unsupported(key);
    return [key, (nodes[0] as FieldNode).name.value, nodes];
  });
}

function objectType(compile: Compile, name: string): GraphQLObjectType {
  const type = compile.schema.getType(name);
  if (!isObjectType(type)) throw new Unsupported(name);
  return type;
}

function fieldOf(type: GraphQLObjectType, name: string): GraphQLField<unknown, unknown> {
  const field = type.getFields()[name];
  if (!field) throw new Unsupported(`${type.name}.${name}`);
  return field;
}

function argumentsOf(compile: Compile, field: GraphQLField<unknown, unknown>, node: FieldNode) {
  return getArgumentValues(field, node, compile.variables) as Record<string, unknown>;
}

function nextAlias(compile: Compile): string {
  compile.aliases += 1;
  return `r${compile.aliases}`;
}

/** The JSON object of the row of `typeName` under `alias`, for the field nodes' selection. */
function rowSql(compile: Compile, typeName: string, alias: string, nodes: readonly FieldNode[]): string {
  const table = TABLES[typeName];
  if (!table) throw new Unsupported(typeName);
  const type = objectType(compile, typeName);
  if (guarded(type)) throw new Unsupported(typeName);
  const pairs: [string, string][] = [];
  for (const [key, name, same] of selected(compile, type, nodes)) {
    if (name === "__typename") {
      pairs.push([key, `'"${type.name}"'`]);
      continue;
    }
    if (guarded(fieldOf(type, name))) throw new Unsupported(`${typeName}.${name}`);
    if (name === "id") {
      pairs.push([key, globalIdSql(type.name, `${alias}.id`)]);
      continue;
    }
    const scalar = table.scalars[name];
    if (scalar) {
      pairs.push([key, scalarSql(scalar.kind, `${alias}."${scalar.column}"`)]);
      continue;
    }
    const computed = table.computed?.[name];
    if (computed) {
      pairs.push([key, computed(alias)]);
      continue;
    }
    const flags = table.viewerFlags?.[name];
    if (flags) {
      pairs.push([key, flagsSql(compile, fieldOf(type, name), same, flags(compile.editor))]);
      continue;
    }
    const toOne = table.toOne[name];
    if (toOne) {
      const inner = nextAlias(compile);
      const json = rowSql(compile, toOne.type, inner, same);
      const target = TABLES[toOne.type] as Table;
      pairs.push([
        key,
        orNull(
          `(select ${json} from "${target.table}" ${inner} where ${inner}.id = ${alias}."${toOne.column}")`,
        ),
      ]);
      continue;
    }
    const page = table.pages[name];
    if (page) {
      pairs.push([key, pageSql(compile, type, alias, name, page, same)]);
      continue;
    }
    const list = table.lists?.[name];
    if (list) {
      const inner = nextAlias(compile);
      const json = rowSql(compile, list.type, inner, same);
      const target = TABLES[list.type] as Table;
      const where = list.where ? ` and ${list.where(inner)}` : "";
      pairs.push([
        key,
        `'[' || coalesce((select string_agg(${json}, ',' order by ${list.orderBy(inner)}) from "${target.table}" ${inner}
          where ${inner}."${list.parentColumn}" = ${alias}.id${where}), '') || ']'`,
      ]);
      continue;
    }
    throw new Unsupported(`${typeName}.${name}`);
  }
  return objectSql(pairs);
}

/** An object of booleans fixed for the viewer, as the JSON text of its selection. */
function flagsSql(
  compile: Compile,
  field: GraphQLField<unknown, unknown>,
  nodes: readonly FieldNode[],
  values: Record<string, boolean>,
): string {
  const type = objectType(compile, fieldTypeName(field));
  if (guarded(type)) throw new Unsupported(type.name);
  const pairs: [string, string][] = [];
  for (const [key, name] of selected(compile, type, nodes)) {
    if (name === "__typename") pairs.push([key, `'"${type.name}"'`]);
    else if (name in values) pairs.push([key, values[name] ? `'true'` : `'false'`]);
    else throw new Unsupported(`${type.name}.${name}`);
  }
  return objectSql(pairs);
}

/**
 * A connection's page as its JSON object: `totalCount` counts every matching row, `edges { node }` are the
 * first `first` rows in the connection's order, `pageInfo { hasNextPage }` whether there are more (the
 * relay plugin asks for one row more). Cursors and the other pageInfo fields are left to the resolvers.
 */
function pageSql(
  compile: Compile,
  parentType: GraphQLObjectType,
  parentAlias: string,
  name: string,
  page: Page,
  nodes: FieldNode[],
): string {
  const field = fieldOf(parentType, name);
  let first: number | null = null;
  for (const node of nodes) {
    const args = argumentsOf(compile, field, node);
    for (const [arg, value] of Object.entries(args)) {
      if (value === undefined || value === null) continue;
      if (arg !== "first") throw new Unsupported(`${name}(${arg})`);
    }
    const size = args.first ?? page.defaultSize;
    // `first: 0` is a page of no rows: its count and whether there are rows at all (the entity list).
    if (typeof size !== "number" || !Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE)
      throw new Unsupported(`${name}(first)`);
    if (first !== null && first !== size) throw new Unsupported(`${name}(first)`);
    first = size;
  }
  if (first === null) throw new Unsupported(name);
  const connection = objectType(compile, fieldTypeName(field));
  const rows = nextAlias(compile);
  const counted = nextAlias(compile);
  const source = nextAlias(compile);
  const child = TABLES[page.type] as Table;
  const condition = (alias: string) =>
    `${alias}."${page.parentColumn}" = ${parentAlias}.id${page.where ? ` and ${page.where(alias)}` : ""}`;
  // More rows than the page holds: the relay plugin reads one more row than `first` to tell.
  const more = nextAlias(compile);
  const hasNextPage = `case when (select count(*) from (select 1 from "${child.table}" ${more}
      where ${condition(more)} limit ${first + 1}) ${more}) > ${first} then 'true' else 'false' end`;
  const parts: [string, string][] = [];
  /** The field nodes of `edges { node }`, whose selection each row's JSON is written for. */
  let nodeNodes: FieldNode[] | null = null;
  let edgeJson: (node: string) => string = () => `'{}'`;
  for (const [key, fieldName, same] of selected(compile, connection, nodes)) {
    if (fieldName === "__typename") {
      parts.push([key, `'"${connection.name}"'`]);
    } else if (fieldName === "totalCount") {
      parts.push([
        key,
        `(select count(*) from "${child.table}" ${counted} where ${condition(counted)})::text`,
      ]);
    } else if (fieldName === "pageInfo") {
      const pageInfo = objectType(compile, fieldTypeName(fieldOf(connection, "pageInfo")));
      const infoPairs: [string, string][] = [];
      for (const [infoKey, infoName] of selected(compile, pageInfo, same)) {
        if (infoName === "__typename") infoPairs.push([infoKey, `'"${pageInfo.name}"'`]);
        else if (infoName === "hasNextPage") infoPairs.push([infoKey, hasNextPage]);
        else throw new Unsupported(`pageInfo.${infoName}`);
      }
      parts.push([key, objectSql(infoPairs)]);
    } else if (fieldName === "edges") {
      const selected = edgeSelection(compile, connection, same, nodeNodes);
      const edgePairs = selected.pairs;
      nodeNodes = selected.nodeNodes;
      edgeJson = (node) => objectSql(edgePairs.map(([k, v]) => [k, v === NODE ? node : v]));
      parts.push([key, EDGES]);
    } else {
      throw new Unsupported(`${connection.name}.${fieldName}`);
    }
  }
  const nodeJson = nodeNodes ? rowSql(compile, page.type, source, nodeNodes) : `'{}'`;
  const edges = `(select coalesce(string_agg(${rows}.edge, ','), '') from (
      select ${edgeJson(nodeJson)} as edge from "${child.table}" ${source} where ${condition(source)}
      order by ${page.orderBy(source)} limit ${first}) ${rows})`;
  return objectSql(parts.map(([key, value]) => [key, value === EDGES ? `'[' || ${edges} || ']'` : value]));
}

/** Stand-ins in a page's parts for what is written once the selection is read through. */
const EDGES = "\u0001edges";
const NODE = "\u0001node";

/**
 * The keys an edge's selection asks for (`NODE` standing for the node's object) and the node's own
 * selection. One node per edge: two keys for it (aliases) would need two row objects.
 */
function edgeSelection(
  compile: Compile,
  connection: GraphQLObjectType,
  same: readonly FieldNode[],
  nodeNodes: FieldNode[] | null,
): { pairs: [string, string][]; nodeNodes: FieldNode[] | null } {
  const edge = objectType(compile, fieldTypeName(fieldOf(connection, "edges")));
  const pairs: [string, string][] = [];
  let found = nodeNodes;
  for (const [edgeKey, edgeName, edgeNodes] of selected(compile, edge, same)) {
    if (edgeName === "__typename") {
      pairs.push([edgeKey, `'"${edge.name}"'`]);
    } else if (edgeName === "node") {
      if (found) throw new Unsupported("node twice");
      found = edgeNodes;
      pairs.push([edgeKey, NODE]);
    } else {
      throw new Unsupported(`edges.${edgeName}`);
    }
  }
  return { pairs, nodeNodes: found };
}

function fieldTypeName(field: GraphQLField<unknown, unknown>): string {
  let type: unknown = field.type;
  while (type && typeof type === "object" && "ofType" in type && (type as { ofType: unknown }).ofType)
    type = (type as { ofType: unknown }).ofType;
  return (type as { name: string }).name;
}

/**
 * The statement writing node(id)'s JSON text for a row of `typeName`, or null when the type or the
 * selection has anything not written here.
 */
export function rawNodeStatement(
  typeName: string,
  id: number,
  context: Context,
  info: GraphQLResolveInfo,
): Prisma.Sql | null {
  const visible = VISIBLE[typeName];
  if (!visible) return null;
  const compile = compileOf(context, info);
  let json: string;
  try {
    json = rowSql(compile, typeName, "r0", info.fieldNodes);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  const table = (TABLES[typeName] as Table).table;
  return Prisma.sql`select ${Prisma.raw(json)} as json from ${Prisma.raw(`"${table}" r0`)} where ${visible(id, context)}`;
}

/** node(id)'s JSON text (null when there is no such row), or undefined when rawNodeStatement writes none. */
export async function readRawNode(
  typeName: string,
  id: number,
  context: Context,
  info: GraphQLResolveInfo,
): Promise<string | null | undefined> {
  const statement = rawNodeStatement(typeName, id, context, info);
  if (!statement) return undefined;
  const [row] = await queryRows<{ json: string }>(context.prisma, statement, { prepare: true });
  if (row?.json.includes(CANNOT_TEXT)) return undefined;
  return row?.json ?? null;
}

/** What readRawPage's statements fill into the connection's text. */
type Filled = "count" | "edges" | "hasNextPage" | "startCursor" | "endCursor";
const ROW_PARTS: ReadonlySet<string> = new Set(["edges", "hasNextPage", "startCursor", "endCursor"]);

/**
 * A row's cursor as the Prisma plugin writes it for a connection paged by `id` (LIST_PAGING), as JSON;
 * null for an empty page.
 */
function cursorJson(id: string | undefined): string {
  if (id === undefined) return "null";
  return JSON.stringify(encodeBase64(`GPC:${encodeCursorChunk(Number(id))}`));
}

/** A root connection's page read by the resolver's own condition and order (see readRawPage). */
export interface RawPageRead {
  /** The type of the page's nodes (a type written here). */
  type: string;
  /** The alias of the rows in `from`, `where` and `orderBy`; not of the form `r<n>`. */
  alias: string;
  from: Prisma.Sql;
  where: Prisma.Sql;
  /** SQL order terms over `alias`. */
  orderBy: Prisma.Sql[];
  /** The page size, already checked by the connection's arguments. */
  first: number;
}

/**
 * A root connection (`{ totalCount pageInfo { hasNextPage } edges { node { … } } }`, any of them, any
 * order, aliases and fragments) as the JSON text of its selection: the page's nodes written by PostgreSQL
 * in one statement, the count (when asked) in a second one sent at the same time, as json-read sends them.
 * Undefined when the selection has anything not written here (cursors, other pageInfo fields, a field not
 * listed), before any statement.
 */
export async function readRawPage(
  context: Context,
  info: GraphQLResolveInfo,
  read: RawPageRead,
): Promise<{ text: string; count: number | null } | undefined> {
  if (!Number.isInteger(read.first) || read.first < 1 || read.first > MAX_PAGE_SIZE) return undefined;
  const compile = compileOf(context, info);
  /** The object's parts in the selection's order: literal text, or what the statements fill in. */
  const parts: (string | Filled)[] = [];
  let edge: string | null = null;
  try {
    const connection = objectType(
      compile,
      fieldTypeName(info.parentType.getFields()[info.fieldName] as never),
    );
    let nodeNodes: FieldNode[] | null = null;
    let open = "{";
    const key = (name: string) => {
      if (!GRAPHQL_NAME.test(name)) throw new Unsupported(name);
      const text = `${open}"${name}":`;
      open = ",";
      return text;
    };
    for (const [name, fieldName, same] of selected(compile, connection, info.fieldNodes)) {
      if (fieldName === "__typename") {
        parts.push(`${key(name)}"${connection.name}"`);
      } else if (fieldName === "totalCount") {
        parts.push(key(name), "count");
      } else if (fieldName === "pageInfo") {
        const pageInfo = objectType(compile, fieldTypeName(fieldOf(connection, "pageInfo")));
        parts.push(key(name));
        let infoOpen = "{";
        for (const [infoKey, infoName] of selected(compile, pageInfo, same)) {
          parts.push(`${infoOpen}"${infoKey}":`);
          infoOpen = ",";
          if (infoName === "__typename") parts.push(`"${pageInfo.name}"`);
          else if (infoName === "hasNextPage") parts.push("hasNextPage");
          // A first page read forwards (no `after`, `before` or `last`): the relay plugin says false.
          else if (infoName === "hasPreviousPage") parts.push("false");
          else if (infoName === "startCursor") parts.push("startCursor");
          else if (infoName === "endCursor") parts.push("endCursor");
          else throw new Unsupported(`pageInfo.${infoName}`);
        }
        parts.push(infoOpen === "{" ? "{}" : "}");
      } else if (fieldName === "edges") {
        if (edge !== null) throw new Unsupported("edges twice");
        const selected = edgeSelection(compile, connection, same, nodeNodes);
        nodeNodes = selected.nodeNodes;
        const nodeJson = nodeNodes ? rowSql(compile, read.type, read.alias, nodeNodes) : `'{}'`;
        edge = objectSql(selected.pairs.map(([k, v]) => [k, v === NODE ? nodeJson : v]));
        parts.push(key(name), "edges");
      } else {
        throw new Unsupported(`${connection.name}.${fieldName}`);
      }
    }
    parts.push(open === "{" ? "{}" : "}");
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const order = Prisma.join(read.orderBy);
  const alias = Prisma.raw(read.alias);
  const needsRows = parts.some((part) => ROW_PARTS.has(part));
  // The page's edges and one row more (whether there is a next page), in order, joined by a character
  // JSON text never holds unescaped (PostgreSQL's to_json escapes every control character), and their ids
  // (the cursors).
  const page = Prisma.sql`
    select string_agg(p.edge, E'\x01') as edges, string_agg(p.id::text, ',') as ids
    from (
      select ${Prisma.raw(edge ?? "''")} as edge, ${alias}.id
      from (select ${alias}.* from ${read.from} where ${read.where} order by ${order}
        limit ${Prisma.raw(String(read.first + 1))}) ${alias}
      order by ${order}
    ) p`;
  const countStatement = Prisma.sql`select count(*)::int as count from ${read.from} where ${read.where}`;
  const [rows, counted] = await Promise.all([
    needsRows
      ? queryRows<{ edges: string | null; ids: string | null }>(context.prisma, page, { prepare: true })
      : Promise.resolve(null),
    parts.includes("count")
      ? queryRows<{ count: number }>(context.prisma, countStatement)
      : Promise.resolve(null),
  ]);
  const written = rows?.[0]?.edges;
  if (written?.includes(CANNOT_TEXT)) return undefined;
  const items = written ? written.split("\x01") : [];
  const hasNextPage = items.length > read.first;
  const edges = items.slice(0, read.first).join(",");
  const ids = (rows?.[0]?.ids ?? "").split(",").filter(Boolean).slice(0, read.first);
  const count = counted?.[0]?.count ?? null;
  let text = "";
  for (const part of parts) {
    if (part === "count") text += String(count);
    else if (part === "edges") text += `[${edges}]`;
    else if (part === "hasNextPage") text += hasNextPage ? "true" : "false";
    else if (part === "startCursor") text += cursorJson(ids[0]);
    else if (part === "endCursor") text += cursorJson(ids[ids.length - 1]);
    else text += part;
  }
  return { text, count };
}

function compileOf(context: Context, info: GraphQLResolveInfo): Compile {
  return {
    schema: info.schema,
    fragments: info.fragments,
    variables: info.variableValues,
    aliases: 0,
    editor: canEdit(context.viewer),
  };
}

/**
 * The fields selected on an object of `typeName` under the field nodes, merged by response key in
 * graphql-js' order, with each one's field name and nodes; undefined when a directive or a key that is not
 * a GraphQL name is there.
 */
export function selectedFields(
  context: Context,
  info: GraphQLResolveInfo,
  typeName: string,
  nodes: readonly FieldNode[],
): [key: string, name: string, nodes: FieldNode[]][] | undefined {
  try {
    return selected(compileOf(context, info), objectType(compileOf(context, info), typeName), nodes);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

/**
 * Rows of `typeName` by id, each as the JSON text of the field nodes' selection, in one statement; undefined
 * when the selection has anything not written here (before any statement) or a value PostgreSQL cannot
 * write as JavaScript would. An id with no row is absent from the map.
 */
export async function readRawRows(
  typeName: string,
  ids: readonly number[],
  nodes: readonly FieldNode[],
  context: Context,
  info: GraphQLResolveInfo,
): Promise<Map<number, string> | undefined> {
  const table = TABLES[typeName];
  if (!table) return undefined;
  let json: string;
  try {
    json = rowSql(compileOf(context, info), typeName, "r0", nodes);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  const rows = await queryRows<{ id: number; json: string }>(
    context.prisma,
    Prisma.sql`select r0.id, ${Prisma.raw(json)} as json from ${Prisma.raw(`"${table.table}" r0`)}
      where r0.id = any(${[...ids]}::int[])`,
    { prepare: true },
  );
  const byId = new Map<number, string>();
  for (const row of rows) {
    if (row.json.includes(CANNOT_TEXT)) return undefined;
    byId.set(row.id, row.json);
  }
  return byId;
}
