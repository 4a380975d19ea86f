/**
 * The peer benchmark's answers in one shape, so that Headcount's and PostGraphile's can be checked equal
 * before they are timed (bench/peer.bench.ts).
 */
import { databaseIdOf } from "./lib.ts";

// Answers in one shape ------------------------------------------------------------------------------
// Global IDs become database ids, enums lower case (PostGraphile names them as PostgreSQL does), and
// timestamps ISO strings (PostGraphile prints `timestamp` columns without a zone).

export type Json = Record<string, unknown> & { [key: string]: never | unknown };
const idOf = (value: unknown) => (typeof value === "string" ? databaseIdOf(value) : (value as number));
const entityOf = (e: Json | null, affiliation?: Json | null): unknown[] | null =>
  e ? [idOf(e.id ?? e.rowId), e.name, ...(affiliation === undefined ? [] : [entityOf(affiliation)])] : null;
const lower = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value);
const instant = (value: unknown) =>
  typeof value === "string"
    ? new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`).toISOString()
    : value;
/** The items of a connection page (`{ edges { node } }`). */
const nodesOf = (connection: unknown) =>
  ((connection as Json).edges as Json[]).map((edge) => edge.node as Json);
/** Evidence compared as a set: the API orders it by the articles' dates, PostGraphile by row id. */
const asSet = (items: unknown[]) =>
  items.map((item) => JSON.stringify(item)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

function claimFields(c: Json) {
  return [
    idOf(c.id ?? c.rowId),
    lower(c.metric),
    c.subject,
    lower(c.qualifier),
    c.hedge,
    lower(c.rate),
    c.valueLow,
    c.valueHigh,
    c.valueBest,
    c.statedOn,
    lower(c.statedOnPrecision),
    lower(c.reviewStatus),
    c.confidence,
    instant(c.updatedAt),
  ];
}
const article = (a: Json) => [
  idOf(a.id ?? a.rowId),
  a.title,
  a.url,
  a.publishedAt,
  entityOf((a.outlet ?? a.entityByOutletId) as Json | null),
];

export const normalize = {
  claims: {
    headcount: (d: Json) => {
      const c = d.claims as Json;
      return {
        totalCount: c.totalCount,
        hasNextPage: (c.pageInfo as Json).hasNextPage,
        rows: (c.edges as Json[]).map(({ node: n }) => {
          const node = n as Json;
          const source = node.source as Json | null;
          return [
            ...claimFields(node),
            entityOf(source, (source?.affiliation as Json | null) ?? null),
            entityOf(node.location as Json | null),
            asSet(nodesOf(node.appearances).map((a) => [a.quote, article(a.article as Json)])),
          ];
        }),
      };
    },
    peer: (d: Json) => {
      const c = d.allClaims as Json;
      return {
        totalCount: c.totalCount,
        hasNextPage: (c.pageInfo as Json).hasNextPage,
        rows: (c.edges as Json[]).map(({ node: n }) => {
          const node = n as Json;
          const source = node.entityBySourceId as Json | null;
          return [
            ...claimFields(node),
            entityOf(source, (source?.entityByAffiliationId as Json | null) ?? null),
            entityOf(node.entityByLocationId as Json | null),
            asSet(
              ((node.appearancesByClaimId as Json).nodes as Json[]).map((a) => [
                a.quote,
                article(a.articleByArticleId as Json),
              ]),
            ),
          ];
        }),
      };
    },
  },
  claim: {
    headcount: (d: Json) => {
      const c = d.node as Json;
      const source = c.source as Json | null;
      return [
        ...claimFields(c),
        c.additional,
        c.refersFrom,
        c.refersTo,
        lower(c.origin),
        c.version,
        instant(c.createdAt),
        entityOf(source, (source?.affiliation as Json | null) ?? null),
        entityOf(c.subjectEntity as Json | null),
        entityOf(c.location as Json | null),
        asSet(
          nodesOf(c.appearances).map((a) => [
            a.start,
            a.end,
            a.quote,
            article(a.article as Json),
            (a.via as Json[]).map((v) => [v.position, entityOf(v.entity as Json)]),
          ]),
        ),
      ];
    },
    peer: (d: Json) => {
      const c = d.claimByRowId as Json;
      const source = c.entityBySourceId as Json | null;
      return [
        ...claimFields(c),
        c.additional,
        c.refersFrom,
        c.refersTo,
        lower(c.origin),
        c.version,
        instant(c.createdAt),
        entityOf(source, (source?.entityByAffiliationId as Json | null) ?? null),
        entityOf(c.entityBySubjectEntityId as Json | null),
        entityOf(c.entityByLocationId as Json | null),
        asSet(
          ((c.appearancesByClaimId as Json).nodes as Json[]).map((a) => [
            a.start,
            a.end,
            a.quote,
            article(a.articleByArticleId as Json),
            ((a.appearanceViasByAppearanceId as Json).nodes as Json[]).map((v) => [
              v.position,
              entityOf(v.entityByEntityId as Json),
            ]),
          ]),
        ),
      ];
    },
  },
  entity: {
    headcount: (d: Json) => {
      const e = d.node as Json;
      const made = e.claimsMade as Json;
      return [
        idOf(e.id),
        e.name,
        lower(e.type),
        e.role,
        entityOf(e.affiliation as Json | null),
        made.totalCount,
        (made.edges as Json[]).map(({ node }) => entityClaim(node as Json)),
      ];
    },
    peer: (d: Json) => {
      const e = d.entityByRowId as Json;
      const made = e.claimsBySourceId as Json;
      return [
        e.rowId,
        e.name,
        lower(e.type),
        e.role,
        entityOf(e.entityByAffiliationId as Json | null),
        made.totalCount,
        (made.edges as Json[]).map(({ node }) => entityClaim(node as Json)),
      ];
    },
  },
  aggregate: {
    // The API names each source as well; PostGraphile's grouped aggregates give its id.
    headcount: (d: Json) =>
      ((d.claimFacets as Json).sources as Json[])
        .map((s) => [idOf((s.entity as Json).id), s.count as number])
        .sort((a, b) => (a[0] as number) - (b[0] as number)),
    peer: (d: Json) =>
      ((d.allClaims as Json).groupedAggregates as Json[])
        .map((g) => [Number((g.keys as string[])[0]), Number((g.distinctCount as Json).rowId)])
        .sort((a, b) => (a[0] as number) - (b[0] as number)),
  },
};
function entityClaim(c: Json) {
  return [
    idOf(c.id ?? c.rowId),
    lower(c.metric),
    lower(c.qualifier),
    c.valueLow,
    c.valueHigh,
    c.valueBest,
    c.statedOn,
    lower(c.reviewStatus),
  ];
}
