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

/** Where each side keeps a record's relations: the API by their names, PostGraphile by their foreign keys. */
interface Naming {
  source: string;
  affiliation: string;
  subjectEntity: string;
  location: string;
  article: string;
  entity: string;
  claimsMade: string;
  appearances: (claim: Json) => Json[];
  via: (appearance: Json) => Json[];
}

const HEADCOUNT: Naming = {
  source: "source",
  affiliation: "affiliation",
  subjectEntity: "subjectEntity",
  location: "location",
  article: "article",
  entity: "entity",
  claimsMade: "claimsMade",
  appearances: (claim) => nodesOf(claim.appearances),
  via: (appearance) => appearance.via as Json[],
};

const PEER: Naming = {
  source: "entityBySourceId",
  affiliation: "entityByAffiliationId",
  subjectEntity: "entityBySubjectEntityId",
  location: "entityByLocationId",
  article: "articleByArticleId",
  entity: "entityByEntityId",
  claimsMade: "claimsBySourceId",
  appearances: (claim) => (claim.appearancesByClaimId as Json).nodes as Json[],
  via: (appearance) => (appearance.appearanceViasByAppearanceId as Json).nodes as Json[],
};

const related = (record: Json, name: string) => (record[name] ?? null) as Json | null;
const speakerOf = (claim: Json, side: Naming) => {
  const source = related(claim, side.source);
  return entityOf(source, source ? related(source, side.affiliation) : null);
};

/** A page of the claims list: its count, whether more follow, and each claim with its speaker and evidence. */
const claimsPage = (claims: Json, side: Naming) => ({
  totalCount: claims.totalCount,
  hasNextPage: (claims.pageInfo as Json).hasNextPage,
  rows: (claims.edges as Json[]).map(({ node }) => {
    const claim = node as Json;
    return [
      ...claimFields(claim),
      speakerOf(claim, side),
      entityOf(related(claim, side.location)),
      asSet(side.appearances(claim).map((a) => [a.quote, article(related(a, side.article) as Json)])),
    ];
  }),
});

/** One claim in full: its fields, speaker, subject, place and every appearance with its relay chain. */
const claimInFull = (claim: Json, side: Naming) => [
  ...claimFields(claim),
  claim.additional,
  claim.refersFrom,
  claim.refersTo,
  lower(claim.origin),
  claim.version,
  instant(claim.createdAt),
  speakerOf(claim, side),
  entityOf(related(claim, side.subjectEntity)),
  entityOf(related(claim, side.location)),
  asSet(
    side
      .appearances(claim)
      .map((a) => [
        a.start,
        a.end,
        a.quote,
        article(related(a, side.article) as Json),
        side.via(a).map((v) => [v.position, entityOf(related(v, side.entity) as Json)]),
      ]),
  ),
];

/** An entity with its side and the claims it made. */
const entityInFull = (entity: Json, side: Naming) => {
  const made = entity[side.claimsMade] as Json;
  return [
    idOf(entity.id ?? entity.rowId),
    entity.name,
    lower(entity.type),
    entity.role,
    entityOf(related(entity, side.affiliation)),
    made.totalCount,
    (made.edges as Json[]).map(({ node }) => entityClaim(node as Json)),
  ];
};

export const normalize = {
  claims: {
    headcount: (d: Json) => claimsPage(d.claims as Json, HEADCOUNT),
    peer: (d: Json) => claimsPage(d.allClaims as Json, PEER),
  },
  claim: {
    headcount: (d: Json) => claimInFull(d.node as Json, HEADCOUNT),
    peer: (d: Json) => claimInFull(d.claimByRowId as Json, PEER),
  },
  entity: {
    headcount: (d: Json) => entityInFull(d.node as Json, HEADCOUNT),
    peer: (d: Json) => entityInFull(d.entityByRowId as Json, PEER),
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
