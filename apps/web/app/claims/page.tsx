import type { Metric } from "@headcount/shared";
import type { Metadata } from "next";
import Link from "next/link";
import { ApiErrorNotice } from "../../components/ApiErrorNotice";
import { ClaimFilterForm } from "../../components/ClaimFilterForm";
import { EntityLink } from "../../components/EntityLink";
import { LiveRefresh } from "../../components/LiveRefresh";
import { Pager } from "../../components/Pager";
import { ReviewBadge } from "../../components/ReviewBadge";
import { claimFilterInput, claimViewQuery, parseClaimView } from "../../lib/claim-filter";
import { CLAIM_LIST_QUERY, CLAIM_ORDERS, type ClaimOrder, type ClaimPage } from "../../lib/claim-list";
import { fetchApi, fetchFilterOptions, formOptions } from "../../lib/queries";
import { pageWindow, param, type SearchParams } from "../../lib/search-params";
import { formatDate, lower, METRIC_LABELS } from "../../lib/vocabulary";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Claims" };

const PAGE_SIZE = 50;

const SORTABLE: { order: ClaimOrder; label: string }[] = [
  { order: "STATED_ON", label: "Said" },
  { order: "VALUE", label: "Value" },
  { order: "CONFIDENCE", label: "Confidence" },
  { order: "UPDATED_AT", label: "Changed" },
];

export default async function ClaimsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const view = parseClaimView(params);
  const sortParam = param(params, "sort").toUpperCase();
  const orderBy: ClaimOrder = (CLAIM_ORDERS as readonly string[]).includes(sortParam)
    ? (sortParam as ClaimOrder)
    : "STATED_ON";
  const direction = param(params, "dir") === "asc" ? "ASC" : "DESC";
  const { variables: pageVariables, paged } = pageWindow(params, PAGE_SIZE);
  const sortKeep = {
    ...(orderBy !== "STATED_ON" ? { sort: orderBy.toLowerCase() } : {}),
    ...(direction === "ASC" ? { dir: "asc" } : {}),
  };
  const baseQuery = claimViewQuery(view, sortKeep);
  let claims: ClaimPage;
  let options: Awaited<ReturnType<typeof fetchFilterOptions>>;
  try {
    [claims, options] = await Promise.all([
      fetchApi(CLAIM_LIST_QUERY, {
        filter: claimFilterInput(view),
        orderBy,
        direction,
        ...pageVariables,
      }).then((data) => data.claims),
      fetchFilterOptions(),
    ]);
  } catch (error) {
    return <ApiErrorNotice error={error} />;
  }
  const exportQuery = (format: string) => {
    const query = claimViewQuery(view, { ...sortKeep, format });
    return `/claims/export${query}`;
  };
  const sortHeader = (order: ClaimOrder, label: string) => {
    const active = orderBy === order;
    const nextDirection = active && direction === "DESC" ? "asc" : "desc";
    const href = claimViewQuery(view, {
      ...(order !== "STATED_ON" ? { sort: order.toLowerCase() } : {}),
      ...(nextDirection === "asc" ? { dir: "asc" } : {}),
    });
    return (
      <th scope="col" aria-sort={active ? (direction === "ASC" ? "ascending" : "descending") : undefined}>
        <Link href={href || "?"} className="sort-link">
          {label}
          <span aria-hidden="true">{active ? (direction === "ASC" ? " ▲" : " ▼") : " ↕"}</span>
          <span className="sr-only">
            {active ? `, sorted ${direction === "ASC" ? "ascending" : "descending"}; ` : ", "}sort{" "}
            {nextDirection === "asc" ? "ascending" : "descending"}
          </span>
        </Link>
      </th>
    );
  };
  const header = (order: ClaimOrder) =>
    sortHeader(order, SORTABLE.find((s) => s.order === order)?.label ?? order);
  return (
    <>
      <div className="page-head">
        <h1>Claims</h1>
        <LiveRefresh />
      </div>
      <ClaimFilterForm
        key={baseQuery}
        view={view}
        options={formOptions(options, view.source)}
        textSearch
        keep={sortKeep}
      />
      <div className="table-head">
        <p className="muted" data-testid="claim-count">
          {claims.totalCount} {claims.totalCount === 1 ? "claim" : "claims"} match.
        </p>
        <p className="exports">
          Export this filter:{" "}
          <a href={exportQuery("csv")} download data-testid="export-csv">
            CSV
          </a>{" "}
          ·{" "}
          <a href={exportQuery("json")} download>
            JSON
          </a>{" "}
          ·{" "}
          <a href={exportQuery("jsonld")} download>
            ClaimReview JSON-LD<span className="muted"> (verified only)</span>
          </a>
        </p>
      </div>
      <div className="table-scroll">
        <table className="data" data-testid="claims-table">
          <thead>
            <tr>
              {header("STATED_ON")}
              {header("VALUE")}
              <th scope="col">Metric</th>
              <th scope="col">Who is counted</th>
              <th scope="col">Source</th>
              <th scope="col">Place</th>
              <th scope="col">Review</th>
              {header("CONFIDENCE")}
              <th scope="col">Printed in</th>
              {header("UPDATED_AT")}
            </tr>
          </thead>
          <tbody>
            {claims.edges.map(({ node: claim }) => (
              <tr key={claim.id} data-claim-id={claim.id}>
                <td>{formatDate(claim.statedOn, claim.statedOnPrecision)}</td>
                <td className="num">
                  <Link href={`/claims/${encodeURIComponent(claim.id)}`}>{claim.display}</Link>
                </td>
                <td>{METRIC_LABELS[lower<Metric>(claim.metric)]}</td>
                <td>{claim.subject}</td>
                <td>
                  <EntityLink entity={claim.source} none="unattributed" />
                </td>
                <td>
                  <EntityLink entity={claim.location} none="—" />
                </td>
                <td>
                  <ReviewBadge status={claim.reviewStatus} />
                </td>
                <td className="num">
                  {claim.confidence === null ? "—" : `${Math.round(claim.confidence * 100)}%`}
                </td>
                <td>
                  {claim.appearances.edges
                    .map(({ node: a }) => a.article.outlet?.name ?? "unknown outlet")
                    .filter((name, i, all) => all.indexOf(name) === i)
                    .join(", ")}
                </td>
                <td>{formatDate(claim.updatedAt, "DAY")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {claims.edges.length === 0 && <p className="empty">No claim matches these filters.</p>}
      <Pager pageInfo={claims.pageInfo} baseQuery={baseQuery} paged={paged} />
    </>
  );
}
