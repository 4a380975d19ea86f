import { brandWithType } from "@pothos/core";
import { queryFromInfo } from "@pothos/plugin-prisma";
import { type PrismaClient, queryRows } from "../../db/prisma.ts";
import { getDatamodel } from "../../generated/pothos-types.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import type { NodeReader } from "../builder.ts";
import type { Context } from "../context.ts";

/**
 * A Prisma read answered by one SQL statement. Pothos hands a resolver the Prisma query its GraphQL
 * selection needs (`select`/`include` with nested relations, their page, order and `_count`); Prisma would
 * send one statement per relation level. Here PostgreSQL builds every row with its relations as JSON
 * (json_build_object, json_agg over correlated subqueries) and the rows come back in the shape Prisma
 * returns, so Pothos resolves the nested fields from them as it would from Prisma's. A query using
 * something not translated here (a cursor, a negative `take`, `distinct`, a filter other than plain
 * equality or `in`) throws UnsupportedRead before any statement, and the caller asks Prisma instead.
 */

export class UnsupportedRead extends Error {}

interface ModelField {
  name: string;
  kind: string;
  type: string;
  isList: boolean;
  isId: boolean;
  relationName?: string;
  relationFromFields?: string[];
}

interface Model {
  name: string;
  scalars: ModelField[];
  fields: Map<string, ModelField>;
  id: string | null;
}

const datamodel = getDatamodel().datamodel.models as unknown as Record<string, { fields: ModelField[] }>;
const models = new Map<string, Model>(
  Object.entries(datamodel).map(([name, { fields }]) => [
    name,
    {
      name,
      scalars: fields.filter((field) => field.kind !== "object"),
      fields: new Map(fields.map((field) => [field.name, field])),
      id: fields.find((field) => field.isId)?.name ?? null,
    },
  ]),
);

function modelOf(name: string): Model {
  const model = models.get(name);
  if (!model) throw new UnsupportedRead(`no model ${name}`);
  return model;
}

const ident = (name: string) => Prisma.raw(`"${name.replaceAll('"', '""')}"`);
/** A key of a JSON object: a field name of the data model, written as a literal. */
const key = (name: string) => Prisma.raw(`'${name.replaceAll("'", "''")}'`);
const column = (alias: string, name: string) => Prisma.raw(`${alias}."${name.replaceAll('"', '""')}"`);

/** How a relation joins: the child's columns equal to the parent's. */
interface Join {
  target: Model;
  /** Pairs of [column on the parent, column on the target]. */
  on: [string, string][];
  list: boolean;
}

function joinOf(model: Model, field: ModelField): Join {
  const target = modelOf(field.type);
  const from = field.relationFromFields ?? [];
  if (from.length > 0) {
    // The foreign key is on this side and references the target's id.
    if (from.length !== 1 || !target.id) throw new UnsupportedRead(`relation ${field.name}`);
    return { target, on: [[from[0] as string, target.id]], list: field.isList };
  }
  const back = [...target.fields.values()].find(
    (other) =>
      other.relationName === field.relationName &&
      other !== field &&
      (other.relationFromFields?.length ?? 0) > 0,
  );
  if (back?.relationFromFields?.length !== 1 || !model.id)
    throw new UnsupportedRead(`relation ${field.name}`);
  return { target, on: [[model.id, back.relationFromFields[0] as string]], list: field.isList };
}

// Subquery aliases are numbered from 1 in each statement (built synchronously), so the same selection
// always makes the same text and PostgreSQL's statement statistics group it.
let aliasCounter = 0;
function nextAlias(): string {
  aliasCounter += 1;
  return `j${aliasCounter}`;
}

type Args = Record<string, unknown>;

function joinCondition(join: Join, parent: string, child: string): Prisma.Sql {
  return Prisma.join(
    join.on.map(([mine, theirs]) => Prisma.sql`${column(child, theirs)} = ${column(parent, mine)}`),
    " and ",
  );
}

/** A Prisma `where` of plain equalities (`null` included) and `in` lists. */
function whereSql(model: Model, alias: string, where: unknown): Prisma.Sql[] {
  if (where === undefined || where === null) return [];
  if (typeof where !== "object") throw new UnsupportedRead("where");
  const conditions: Prisma.Sql[] = [];
  for (const [name, value] of Object.entries(where as Args)) {
    if (value === undefined) continue;
    const field = model.fields.get(name);
    if (!field || field.kind === "object" || field.isList) throw new UnsupportedRead(`where ${name}`);
    const cast = field.kind === "enum" ? Prisma.raw(`::"${field.type}"`) : Prisma.empty;
    if (value === null) {
      conditions.push(Prisma.sql`${column(alias, name)} is null`);
    } else if (typeof value !== "object" || value instanceof Date) {
      conditions.push(Prisma.sql`${column(alias, name)} = ${value}${cast}`);
    } else {
      const keys = Object.keys(value);
      const operand = (value as Args).in;
      if (keys.length !== 1 || !Array.isArray(operand) || field.kind === "enum")
        throw new UnsupportedRead(`where ${name}`);
      conditions.push(
        operand.length === 0
          ? Prisma.sql`false`
          : Prisma.sql`${column(alias, name)} in (${Prisma.join(operand)})`,
      );
    }
  }
  return conditions;
}

/** A Prisma `orderBy` (scalars, or a scalar of a to-one relation), in SQL over `alias`. */
export function orderSql(modelName: string, alias: string, orderBy: unknown): Prisma.Sql[] {
  return orderTerms(modelOf(modelName), alias, orderBy).map(
    ({ value, sort }) => Prisma.sql`${value} ${sort}`,
  );
}

function orderTerms(
  model: Model,
  alias: string,
  orderBy: unknown,
): { value: Prisma.Sql; sort: Prisma.Sql }[] {
  const items = orderBy === undefined ? [] : Array.isArray(orderBy) ? orderBy : [orderBy];
  const terms: { value: Prisma.Sql; sort: Prisma.Sql }[] = [];
  for (const item of items as Args[]) {
    for (const [name, spec] of Object.entries(item)) {
      const field = model.fields.get(name);
      if (!field) throw new UnsupportedRead(`orderBy ${name}`);
      if (field.kind !== "object") {
        terms.push({ value: column(alias, name), sort: direction(spec) });
        continue;
      }
      const join = joinOf(model, field);
      if (join.list || typeof spec !== "object" || spec === null) throw new UnsupportedRead("orderBy");
      const inner = nextAlias();
      for (const term of orderTerms(join.target, inner, spec)) {
        // The related row's value, looked up beside the row being ordered.
        terms.push({
          value: Prisma.sql`(select ${term.value} from ${ident(join.target.name)} ${Prisma.raw(inner)}
            where ${joinCondition(join, alias, inner)})`,
          sort: term.sort,
        });
      }
    }
  }
  return terms;
}

function direction(spec: unknown): Prisma.Sql {
  if (spec === "asc" || spec === "desc") return Prisma.raw(spec);
  if (typeof spec === "object" && spec !== null) {
    const { sort, nulls } = spec as { sort?: unknown; nulls?: unknown };
    if ((sort === "asc" || sort === "desc") && (nulls === undefined || nulls === "first" || nulls === "last"))
      return Prisma.raw(nulls ? `${sort} nulls ${nulls}` : sort);
  }
  throw new UnsupportedRead("orderBy direction");
}

/** The JSON object of one row of `model` under `alias`, with the relations `args` selects or includes. */
function rowJson(model: Model, alias: string, args: Args | true): Prisma.Sql {
  const query = args === true ? {} : args;
  for (const key of Object.keys(query)) {
    if (key !== "select" && key !== "include") throw new UnsupportedRead(`${model.name} ${key}`);
  }
  const select = query.select as Args | undefined;
  const include = query.include as Args | undefined;
  const pairs: Prisma.Sql[] = [];
  const entries: [string, unknown][] = select
    ? Object.entries(select)
    : [
        ...model.scalars.map((field) => [field.name, true] as [string, unknown]),
        ...Object.entries(include ?? {}),
      ];
  for (const [name, value] of entries) {
    if (value === false || value === undefined) continue;
    if (name === "_count") {
      pairs.push(Prisma.sql`${key(name)}, ${countJson(model, alias, value)}`);
      continue;
    }
    const field = model.fields.get(name);
    if (!field) throw new UnsupportedRead(`${model.name}.${name}`);
    if (field.kind !== "object") {
      pairs.push(Prisma.sql`${key(name)}, ${column(alias, name)}`);
      continue;
    }
    pairs.push(Prisma.sql`${key(name)}, ${relationJson(model, alias, field, value)}`);
  }
  // json_build_object takes at most 100 arguments: wider rows are merged from several objects.
  const chunks: Prisma.Sql[] = [];
  for (let i = 0; i < pairs.length; i += 50) {
    chunks.push(Prisma.sql`json_build_object(${Prisma.join(pairs.slice(i, i + 50))})`);
  }
  if (chunks.length === 0) return Prisma.sql`'{}'::json`;
  if (chunks.length === 1) return chunks[0] as Prisma.Sql;
  return Prisma.sql`(${Prisma.join(
    chunks.map((chunk) => Prisma.sql`${chunk}::jsonb`),
    " || ",
  )})::json`;
}

function relationJson(model: Model, alias: string, field: ModelField, value: unknown): Prisma.Sql {
  const join = joinOf(model, field);
  const inner = nextAlias();
  const args = (value === true ? {} : value) as Args;
  const { where, orderBy, take, skip, cursor, distinct, ...shape } = args;
  if (cursor !== undefined || distinct !== undefined) throw new UnsupportedRead(`${field.name} cursor`);
  const conditions = [joinCondition(join, alias, inner), ...whereSql(join.target, inner, where)];
  const from = Prisma.sql`from ${ident(join.target.name)} ${Prisma.raw(inner)} where ${Prisma.join(conditions, " and ")}`;
  const json = rowJson(join.target, inner, shape);
  if (!join.list) {
    if (where !== undefined || orderBy !== undefined || take !== undefined || skip !== undefined)
      throw new UnsupportedRead(`${field.name} arguments`);
    return Prisma.sql`(select ${json} ${from})`;
  }
  const order = orderSql(join.target.name, inner, orderBy);
  return Prisma.sql`(select coalesce(json_agg(page.j), '[]'::json) from (
    select ${json} as j ${from}
    ${order.length ? Prisma.sql`order by ${Prisma.join(order)}` : Prisma.empty}
    ${pageSql(take, skip)}) page)`;
}

function pageSql(take: unknown, skip: unknown): Prisma.Sql {
  if (take !== undefined && (typeof take !== "number" || take < 0)) throw new UnsupportedRead("take");
  if (skip !== undefined && (typeof skip !== "number" || skip < 0)) throw new UnsupportedRead("skip");
  return Prisma.sql`${take !== undefined ? Prisma.sql`limit ${take}` : Prisma.empty}
    ${skip ? Prisma.sql`offset ${skip}` : Prisma.empty}`;
}

function countJson(model: Model, alias: string, value: unknown): Prisma.Sql {
  const select = (value as { select?: Args }).select;
  if (!select || typeof select !== "object") throw new UnsupportedRead("_count");
  const pairs: Prisma.Sql[] = [];
  for (const [name, spec] of Object.entries(select)) {
    if (spec === false || spec === undefined) continue;
    const field = model.fields.get(name);
    if (field?.kind !== "object" || !field.isList) throw new UnsupportedRead(`_count ${name}`);
    const join = joinOf(model, field);
    const inner = nextAlias();
    const where = spec === true ? undefined : (spec as { where?: unknown }).where;
    const conditions = [joinCondition(join, alias, inner), ...whereSql(join.target, inner, where)];
    pairs.push(
      Prisma.sql`${key(name)}, (select count(*)::int from ${ident(join.target.name)} ${Prisma.raw(inner)}
        where ${Prisma.join(conditions, " and ")})`,
    );
  }
  return pairs.length ? Prisma.sql`json_build_object(${Prisma.join(pairs)})` : Prisma.sql`'{}'::json`;
}

/** A shape's values as JSON, with dates and big integers told apart from strings and numbers. */
function shapeKey(this: Record<string, unknown>, name: string, value: unknown): unknown {
  const raw = this[name];
  if (raw instanceof Date) return `date:${value}`;
  if (typeof raw === "bigint") return `bigint:${raw}`;
  return value;
}

/**
 * rowJson and the rows' reviver depend only on the model, the alias and the shape (its values included),
 * and the same few selections repeat request after request: each is built once. Bounded, so a
 * stream of distinct selections cannot grow it without end.
 */
const readCache = new Map<string, { json: Prisma.Sql; revive: Reviver }>();
const READ_CACHE_SIZE = 500;
function cachedRead(model: Model, alias: string, shape: Args): { json: Prisma.Sql; revive: Reviver } {
  const cacheKey = `${model.name}\u0000${alias}\u0000${JSON.stringify(shape, shapeKey)}`;
  let read = readCache.get(cacheKey);
  if (!read) {
    read = { json: rowJson(model, alias, shape), revive: reviverOf(model.name, shape) };
    if (readCache.size >= READ_CACHE_SIZE) readCache.clear();
    readCache.set(cacheKey, read);
  }
  return read;
}

type Reviver = (row: Args) => void;

/**
 * Dates come back as JSON text: instants (`timestamp(3)`, UTC) and days (`date`) become Dates again. The
 * reviver of a shape knows its date fields and its nested relations beforehand, so each row is only walked.
 */
function reviverOf(modelName: string, args: Args | true): Reviver {
  const model = modelOf(modelName);
  const query = args === true ? {} : args;
  const nested = { ...((query.include as Args) ?? {}), ...((query.select as Args) ?? {}) };
  const dates = model.scalars.filter((field) => field.type === "DateTime").map((field) => field.name);
  const children: [string, Reviver][] = [];
  for (const [name, value] of Object.entries(nested)) {
    const field = model.fields.get(name);
    if (field?.kind !== "object" || !value) continue;
    const { where: _w, orderBy: _o, take: _t, skip: _s, ...shape } = (value === true ? {} : value) as Args;
    children.push([name, reviverOf(field.type, shape)]);
  }
  return (row) => {
    for (const name of dates) {
      const value = row[name];
      if (typeof value === "string") {
        row[name] = new Date(value.length === 10 ? `${value}T00:00:00Z` : `${value}Z`);
      }
    }
    for (const [name, revive] of children) {
      const child = row[name];
      if (Array.isArray(child)) for (const item of child) revive(item as Args);
      else if (child && typeof child === "object") revive(child as Args);
    }
  };
}

export interface JsonRead {
  /** The model of the rows. */
  model: string;
  /** The Prisma query Pothos made for the selection (select/include, take, skip, cursor). */
  query: Args;
  /** The alias the row table has in `from`, `where` and `orderBy`. */
  alias: string;
  /** The table and any joins the condition needs, e.g. `"Claim" c left join "Entity" s on …`. */
  from: Prisma.Sql;
  where: Prisma.Sql;
  /** SQL order terms over `alias` (see orderSql). */
  orderBy?: Prisma.Sql[];
  /** Also count every row matching `where` (a second statement, run beside the page). */
  count?: boolean;
}

/**
 * The rows of a read, each with its relations, in one statement (and the number of all matching rows,
 * when asked). Throws UnsupportedRead, before any statement, for a query it does not translate.
 */
export async function readJson<T>(
  prisma: PrismaClient | Prisma.TransactionClient,
  read: JsonRead,
): Promise<{ rows: T[]; count: number | null }> {
  const { take, skip, cursor, distinct, ...shape } = read.query;
  if (cursor !== undefined || distinct !== undefined) throw new UnsupportedRead("cursor");
  const model = modelOf(read.model);
  const alias = read.alias;
  aliasCounter = 0;
  const order = read.orderBy ?? [];
  // The page is chosen first (only its columns, through the indexes); the JSON is built for its rows.
  const page = Prisma.sql`select ${Prisma.raw(alias)}.* from ${read.from} where ${read.where}
    ${order.length ? Prisma.sql`order by ${Prisma.join(order)}` : Prisma.empty}
    ${pageSql(take, skip)}`;
  const { json, revive } = cachedRead(model, alias, shape);
  const statement = Prisma.sql`
    select coalesce(json_agg(${json}${order.length ? Prisma.sql` order by ${Prisma.join(order)}` : Prisma.empty}), '[]'::json)::text as rows
    from (${page}) ${Prisma.raw(alias)}`;
  // The count is a statement of its own, sent at the same time on another connection: PostgreSQL counts
  // while it builds the page's JSON, instead of first counting and then building in one backend. Inside a
  // transaction (one connection) the two run one after the other.
  const countStatement = Prisma.sql`select count(*)::int as count from ${read.from} where ${read.where}`;
  const [[result], counted] = await Promise.all([
    queryRows<{ rows: string }>(prisma, statement),
    read.count ? queryRows<{ count: number }>(prisma, countStatement) : Promise.resolve(null),
  ]);
  const rows = JSON.parse(result?.rows ?? "[]") as Args[];
  for (const row of rows) revive(row);
  return { rows: rows as T[], count: counted?.[0]?.count ?? null };
}

/**
 * node(id) for a model in one statement: the query Pothos plans for the node's selection (which also
 * tells the nested fields that their relations are loaded), read by readJson; `where` says which row the
 * viewer may see; `extend` may add to the query (a count a custom field reads). Falls back to the plugin's own loading for a selection readJson does not translate.
 */
export function jsonNodeReader(
  model: string,
  alias: string,
  where: (id: number, context: Context) => Prisma.Sql,
  extend?: (query: Args) => Args,
): NodeReader {
  return async (id, context, info, fallback) => {
    const planned = (await queryFromInfo({ context, info, typeName: model, awaitSelections: true })) as Args;
    const query = extend ? extend(planned) : planned;
    let rows: Args[];
    try {
      ({ rows } = await readJson<Args>(context.prisma, {
        model,
        query,
        alias,
        from: Prisma.sql`${ident(model)} ${Prisma.raw(alias)}`,
        where: where(Number(id), context),
      }));
    } catch (error) {
      if (error instanceof UnsupportedRead) return fallback();
      throw error;
    }
    const row = rows[0] ?? null;
    if (row) brandWithType(row, model as never);
    return row;
  };
}
