import type { Metadata } from "next";
import Link from "next/link";
import { ApiErrorNotice } from "../../components/ApiErrorNotice";
import { ColumnHeads } from "../../components/ColumnHeads";
import { EntityLink } from "../../components/EntityLink";
import { ListSearchForm } from "../../components/ListSearchForm";
import { PageInfoFields, Pager } from "../../components/Pager";
import { EntityRefFields } from "../../lib/entity-fields";
import { graphql, type ResultOf } from "../../lib/graphql";
import { fetchApi } from "../../lib/queries";
import { pageWindow, param, type SearchParams } from "../../lib/search-params";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Entities" };

const PAGE_SIZE = 50;
const TYPES = ["PERSON", "ORGANIZATION", "GROUP", "PLACE"] as const;

const ENTITIES_QUERY = graphql(
  `
  query EntityList($first: Int, $last: Int, $after: String, $before: String, $filter: EntityFilter) {
    entities(first: $first, last: $last, after: $after, before: $before, filter: $filter) {
      totalCount
      pageInfo {
        ...PageInfoFields
      }
      edges {
        node {
          id
          name
          type
          affiliation {
            ...EntityRef
          }
          aliases {
            name
          }
          claimsMade(first: 0) {
            totalCount
          }
        }
      }
    }
  }
`,
  [PageInfoFields, EntityRefFields],
);

type EntityListData = ResultOf<typeof ENTITIES_QUERY>;

export default async function EntitiesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const q = param(params, "q").trim();
  const typeParam = param(params, "type").toUpperCase();
  const type = TYPES.find((t) => t === typeParam) ?? "";
  const { variables: pageVariables, paged } = pageWindow(params, PAGE_SIZE);
  let data: EntityListData;
  try {
    data = await fetchApi(ENTITIES_QUERY, {
      ...pageVariables,
      filter: { ...(q ? { search: q } : {}), ...(type ? { type: [type] } : {}) },
    });
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
  const baseParams = new URLSearchParams();
  if (q) baseParams.set("q", q);
  if (type) baseParams.set("type", type.toLowerCase());
  const baseQuery = baseParams.toString() ? `?${baseParams.toString()}` : "";
  const { entities } = data;
  return (
    <>
      <h1>Entities</h1>
      <ListSearchForm
        label="Find entities"
        className="filters"
        textId="entity-q"
        textLabel="Name or alias"
        q={q}
        clearHref={baseQuery ? "/entities" : null}
      >
        <div className="field">
          <label htmlFor="entity-type">Kind</label>
          <select id="entity-type" name="type" defaultValue={type.toLowerCase()}>
            <option value="">Any</option>
            {TYPES.map((t) => (
              <option key={t} value={t.toLowerCase()}>
                {t.toLowerCase()}
              </option>
            ))}
          </select>
        </div>
      </ListSearchForm>
      <p className="muted">
        {entities.totalCount} {entities.totalCount === 1 ? "entity" : "entities"}.
      </p>
      <div className="table-scroll">
        <table className="data">
          <ColumnHeads columns={["Name", "Kind", "Speaks for", "Also written", "Claims made"]} />
          <tbody>
            {entities.edges.map(({ node }) => (
              <tr key={node.id} data-entity-id={node.id}>
                <td>
                  <Link href={`/entities/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                </td>
                <td>{node.type.toLowerCase()}</td>
                <td>
                  <EntityLink entity={node.affiliation} none="—" />
                </td>
                <td>{node.aliases.map((alias) => alias.name).join(" · ")}</td>
                <td className="num">{node.claimsMade.totalCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager pageInfo={entities.pageInfo} baseQuery={baseQuery} paged={paged} />
    </>
  );
}
