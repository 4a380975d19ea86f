import { Prisma } from "../../generated/prisma/client.ts";
import { type Context, canEdit } from "../context.ts";
import { DEFAULT_SPAN_PAGE } from "../pagination.ts";

/**
 * What the JSON-text answers of raw-node.ts know of the schema: each GraphQL object type's table, its
 * scalar columns, to-one relations and pages of children, and how PostgreSQL writes each kind of value as
 * JavaScript would (global IDs, enums, days, instants, floats).
 */

export type Scalar = "string" | "int" | "float" | "enum" | "day" | "instant" | "boolean";

export interface ToOne {
  type: string;
  /** The foreign key column on the parent. */
  column: string;
}

/** A list of child rows (a connection's page, or a plain list). */
export interface Children {
  type: string;
  /** The child's column that points at the parent's id. */
  parentColumn: string;
  /** Extra condition on the child rows (over `alias`), fixed text. */
  where?: (alias: string) => string;
  /** Order of the child rows (over `alias`), fixed text. */
  orderBy: (alias: string) => string;
}

export interface Page extends Children {
  /** The page size when `first` is not given; without one, `first` is required. */
  defaultSize?: number;
}

export interface Table {
  table: string;
  scalars: Record<string, { column: string; kind: Scalar }>;
  /** Fields computed from the row's columns: the SQL of their JSON text over the row's alias. */
  computed?: Record<string, (alias: string) => string>;
  /**
   * Objects whose fields are booleans fixed for the request's viewer (claim.ts' viewerCan): the value of
   * each field for a viewer who may edit or not.
   */
  viewerFlags?: Record<string, (editor: boolean) => Record<string, boolean>>;
  toOne: Record<string, ToOne>;
  pages: Record<string, Page>;
  lists?: Record<string, Children>;
}

export const TABLES: Record<string, Table> = {
  Entity: {
    table: "Entity",
    scalars: {
      name: { column: "name", kind: "string" },
      type: { column: "type", kind: "enum" },
      role: { column: "role", kind: "string" },
      version: { column: "version", kind: "int" },
    },
    toOne: {
      affiliation: { type: "Entity", column: "affiliationId" },
      mergedInto: { type: "Entity", column: "mergedIntoId" },
    },
    pages: {
      // Live claims made, newest first (entity.ts, claimsMade).
      claimsMade: {
        type: "Claim",
        parentColumn: "sourceId",
        where: (a) => `${a}."deletedAt" is null`,
        orderBy: (a) => `${a}."statedOn" desc nulls last, ${a}.id desc`,
      },
    },
    lists: {
      // Spelling variants by name (entity.ts, aliases); an entity's names are unique.
      aliases: { type: "EntityAlias", parentColumn: "entityId", orderBy: (a) => `${a}.name asc` },
    },
  },
  EntityAlias: {
    table: "EntityAlias",
    scalars: { name: { column: "name", kind: "string" } },
    toOne: {},
    pages: {},
  },
  EntityMention: {
    table: "EntityMention",
    scalars: {
      start: { column: "start", kind: "int" },
      end: { column: "end", kind: "int" },
      text: { column: "text", kind: "string" },
    },
    toOne: {
      entity: { type: "Entity", column: "entityId" },
      article: { type: "Article", column: "articleId" },
    },
    pages: {},
  },
  Claim: {
    table: "Claim",
    scalars: {
      metric: { column: "metric", kind: "enum" },
      subject: { column: "subject", kind: "string" },
      valueLow: { column: "valueLow", kind: "int" },
      valueHigh: { column: "valueHigh", kind: "int" },
      valueBest: { column: "valueBest", kind: "int" },
      qualifier: { column: "qualifier", kind: "enum" },
      hedge: { column: "hedge", kind: "string" },
      additional: { column: "additional", kind: "boolean" },
      rate: { column: "rate", kind: "enum" },
      statedOn: { column: "statedOn", kind: "day" },
      statedOnPrecision: { column: "statedOnPrecision", kind: "enum" },
      refersFrom: { column: "refersFrom", kind: "day" },
      refersFromPrecision: { column: "refersFromPrecision", kind: "enum" },
      refersTo: { column: "refersTo", kind: "day" },
      refersToPrecision: { column: "refersToPrecision", kind: "enum" },
      reviewStatus: { column: "reviewStatus", kind: "enum" },
      origin: { column: "origin", kind: "enum" },
      extractorVersion: { column: "extractorVersion", kind: "string" },
      version: { column: "version", kind: "int" },
      confidence: { column: "confidence", kind: "float" },
      createdAt: { column: "createdAt", kind: "instant" },
      updatedAt: { column: "updatedAt", kind: "instant" },
      deletedAt: { column: "deletedAt", kind: "instant" },
    },
    computed: { display: (a) => `to_json(${displayClaimSql(a)})::text` },
    viewerFlags: {
      // claim.ts, viewerCan: an editor may do everything, anyone else nothing.
      viewerCan: (editor) => ({ edit: editor, review: editor, delete: editor }),
    },
    toOne: {
      source: { type: "Entity", column: "sourceId" },
      location: { type: "Entity", column: "locationId" },
      subjectEntity: { type: "Entity", column: "subjectEntityId" },
    },
    pages: {
      // The evidence, earliest article first (claim.ts, appearances).
      appearances: {
        type: "Appearance",
        parentColumn: "claimId",
        orderBy: (a) =>
          `(select p."publishedAt" from "Article" p where p.id = ${a}."articleId") asc nulls last, ${a}.id asc`,
        defaultSize: DEFAULT_SPAN_PAGE,
      },
    },
  },
  Appearance: {
    table: "Appearance",
    scalars: {
      inTitle: { column: "inTitle", kind: "boolean" },
      start: { column: "start", kind: "int" },
      end: { column: "end", kind: "int" },
      quote: { column: "quote", kind: "string" },
      prefix: { column: "prefix", kind: "string" },
      suffix: { column: "suffix", kind: "string" },
    },
    toOne: { article: { type: "Article", column: "articleId" }, claim: { type: "Claim", column: "claimId" } },
    pages: {},
    lists: {
      via: { type: "RelayLink", parentColumn: "appearanceId", orderBy: (a) => `${a}.position asc` },
    },
  },
  RelayLink: {
    table: "AppearanceVia",
    scalars: { position: { column: "position", kind: "int" } },
    toOne: { entity: { type: "Entity", column: "entityId" } },
    pages: {},
  },
  Article: {
    table: "Article",
    scalars: {
      title: { column: "title", kind: "string" },
      body: { column: "body", kind: "string" },
      url: { column: "url", kind: "string" },
      canonicalUrl: { column: "canonicalUrl", kind: "string" },
      fetchedAt: { column: "fetchedAt", kind: "instant" },
      publishedAt: { column: "publishedAt", kind: "day" },
      publishedPrecision: { column: "publishedPrecision", kind: "enum" },
      language: { column: "language", kind: "string" },
      revision: { column: "revision", kind: "int" },
      version: { column: "version", kind: "int" },
      ingestedAt: { column: "ingestedAt", kind: "instant" },
    },
    toOne: { outlet: { type: "Entity", column: "outletId" } },
    pages: {
      // The claims printed here, live ones only, headline first, then in reading order (article.ts).
      appearances: {
        type: "Appearance",
        parentColumn: "articleId",
        where: (a) =>
          `exists (select 1 from "Claim" x where x.id = ${a}."claimId" and x."deletedAt" is null)`,
        orderBy: (a) => `${a}."inTitle" desc, ${a}.start asc, ${a}.id asc`,
        defaultSize: DEFAULT_SPAN_PAGE,
      },
      // The entities named here, in reading order (article.ts).
      mentions: {
        type: "EntityMention",
        parentColumn: "articleId",
        orderBy: (a) => `${a}.start asc, ${a}.id asc`,
        defaultSize: DEFAULT_SPAN_PAGE,
      },
    },
  },
};

/** The characters JavaScript's `trim()` and `\s` take for white space (displayClaimValue trims hedges). */
const JS_SPACE =
  " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/**
 * displayClaimValue (packages/shared/src/display.ts) in SQL, over the claim columns of `alias` (the
 * chart's points and the claim rows written here). The white space is a literal: none of it is a quote.
 */
export function displayClaimSql(alias: string): string {
  const a = alias;
  const fmt = (value: string) =>
    `(to_char(${value}, 'FM9,999,999,990') || case when ${a}.rate = 'percent' then '%' else '' end)`;
  const suffix = `(case ${a}.rate when 'per_day' then ' a day' when 'per_week' then ' a week' else '' end)`;
  const hedge = `nullif(btrim(${a}.hedge, '${JS_SPACE}'), '')`;
  return `case ${a}.qualifier
    when 'exact' then ${fmt(`coalesce(${a}."valueBest", ${a}."valueLow", ${a}."valueHigh", 0)`)} || ${suffix}
    when 'approximate' then 'about ' || ${fmt(`coalesce(${a}."valueBest", ${a}."valueLow", ${a}."valueHigh", 0)`)} || ${suffix}
    when 'at_least' then 'at least ' || ${fmt(`coalesce(${a}."valueLow", ${a}."valueBest", 0)`)} || ${suffix}
    when 'more_than' then 'more than ' || ${fmt(`coalesce(${a}."valueLow", ${a}."valueBest", 0)`)} || ${suffix}
    when 'at_most' then 'no more than ' || ${fmt(`coalesce(${a}."valueHigh", ${a}."valueBest", 0)`)} || ${suffix}
    when 'up_to' then 'as many as ' || ${fmt(`coalesce(${a}."valueHigh", ${a}."valueBest", 0)`)} || ${suffix}
    when 'range' then ${fmt(`coalesce(${a}."valueLow", 0)`)} || '–' || ${fmt(`coalesce(${a}."valueHigh", 0)`)} || ${suffix}
    else case
      when ${hedge} is not null then regexp_replace(${hedge}, '[${JS_SPACE}]+of$', '', 'i')
      when ${a}."valueLow" is not null and ${a}."valueHigh" is not null
        then 'between ' || ${fmt(`${a}."valueLow"`)} || ' and ' || ${fmt(`${a}."valueHigh"`)} || ${suffix}
      else ${fmt(`coalesce(${a}."valueBest", ${a}."valueLow", ${a}."valueHigh", 0)`)} || ${suffix}
    end
  end`;
}

/**
 * Written where a value cannot be written as JavaScript would (a float PostgreSQL prints otherwise, or one
 * GraphQL refuses): the caller sees it in the text and resolves the field the ordinary way instead.
 */
export const CANNOT = `'"\\u0000"'`;
/** CANNOT as it appears in the text (a string may hold the six characters too: that only costs a retry). */
export const CANNOT_TEXT = "\\u0000";

export const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** A JSON string of a text that needs no escaping (enum values, days, instants, base64). */
export const quoted = (text: string) => `('"' || ${text} || '"')`;
export const orNull = (json: string) => `coalesce(${json}, 'null')`;
/**
 * A relay global ID (base64 of `Type:id`, as ids.ts encodes it; the type name is a GraphQL name). The
 * prefix's whole groups of three characters are encoded here once; PostgreSQL encodes the rest and the
 * digits (at most 12 characters: no line break in its base64).
 */
export function globalIdSql(type: string, id: string): string {
  const prefix = `${type}:`;
  const whole = prefix.slice(0, prefix.length - (prefix.length % 3));
  const rest = prefix.slice(whole.length);
  const encoded = Buffer.from(whole, "utf8").toString("base64");
  return `('"${encoded}' || encode(convert_to('${rest}' || ${id}, 'UTF8'), 'base64') || '"')`;
}

export function scalarSql(kind: Scalar, value: string): string {
  switch (kind) {
    case "string":
      return orNull(`to_json(${value})::text`);
    case "int":
      return orNull(`${value}::text`);
    case "float":
      // PostgreSQL's shortest text of a double is JavaScript's between 1e-4 and 1e15 (both switch to an
      // exponent outside, at different points); zero may be negative zero, which JSON writes as 0.
      return `case when ${value} is null then 'null' when ${value} = 0 then '0'
        when abs(${value}) >= 1e-4 and abs(${value}) < 1e15 and ${value}::text::float8 = ${value} then ${value}::text
        else ${CANNOT} end`;
    case "boolean":
      return orNull(`case when ${value} then 'true' else 'false' end`);
    case "enum":
      return orNull(quoted(`upper(${value}::text)`));
    case "day":
      return orNull(quoted(`to_char(${value}, 'YYYY-MM-DD')`));
    case "instant":
      // Date#toISOString of a timestamp(3) kept in UTC.
      return orNull(quoted(`to_char(${value}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`));
  }
}

/** A JSON object written from `[key, value SQL]` pairs (keys are GraphQL names: no escaping needed). */
export function objectSql(pairs: [string, string][]): string {
  if (pairs.length === 0) return `'{}'`;
  return `(${pairs.map(([key, value], i) => `'${i === 0 ? "{" : ","}"${key}":' || ${value}`).join(" || ")} || '}')`;
}

/** Which row of each type node(id) may show this viewer, over the alias `r0` (as claim.ts and entity.ts read it). */
export const VISIBLE: Record<string, (id: number, context: Context) => Prisma.Sql> = {
  Entity: (id) => Prisma.sql`r0.id = ${id}`,
  Article: (id) => Prisma.sql`r0.id = ${id}`,
  Claim: (id, context) =>
    canEdit(context.viewer)
      ? Prisma.sql`r0.id = ${id}`
      : Prisma.sql`r0.id = ${id} and r0."deletedAt" is null`,
};

/**
 * A type or field with authorisation rules of its own (the scope-auth plugin's options) is resolved the
 * ordinary way, so the rules run: none of the fields written here has any today.
 */
export function guarded(target: { extensions?: Record<string, unknown> | null }): boolean {
  const options = target.extensions?.pothosOptions as Record<string, unknown> | undefined;
  return (
    options !== undefined &&
    ["authScopes", "grantScopes", "skipTypeScopes", "runScopesOnType"].some((option) => option in options)
  );
}
