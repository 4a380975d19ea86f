"use client";

import type { TadaDocumentNode } from "gql.tada";
import type { ReactNode } from "react";
import { useState } from "react";
import { useQuery } from "urql";
import type { Connection, EntityListVariables } from "../lib/entity-queries";

/**
 * A list whose first page came from the server; "Show more" fetches the next pages in the browser, where
 * graphcache's Relay pagination merges them into one connection.
 */
export function MoreList<Data, Node>(props: {
  entityId: string;
  query: TadaDocumentNode<Data, EntityListVariables>;
  /** The list's connection in the query's data. */
  connectionOf: (data: Data) => Connection<Node> | undefined;
  initial: Connection<Node>;
  pageSize: number;
  label: string;
  renderItem: (node: Node) => ReactNode;
  itemKey: (node: Node) => string;
}) {
  const { initial } = props;
  const [after, setAfter] = useState<string | null>(null);
  const [{ data, fetching, error }] = useQuery({
    query: props.query,
    variables: { id: props.entityId, first: props.pageSize, after },
    pause: after === null,
  });
  const more = after === null || !data ? undefined : props.connectionOf(data);
  const seen = new Set(initial.edges.map((edge) => props.itemKey(edge.node)));
  const extra = (more?.edges ?? []).filter((edge) => !seen.has(props.itemKey(edge.node)));
  const pageInfo = more?.pageInfo ?? initial.pageInfo;
  const items = [...initial.edges, ...extra];
  return (
    <>
      <ul className="plain-list">
        {items.map((edge) => (
          <li key={props.itemKey(edge.node)}>{props.renderItem(edge.node)}</li>
        ))}
      </ul>
      {error && (
        <p className="error" role="alert">
          Could not load more: {error.message}
        </p>
      )}
      {pageInfo.hasNextPage && pageInfo.endCursor && (
        <button
          type="button"
          className="secondary"
          disabled={fetching}
          onClick={() => setAfter(pageInfo.endCursor)}
        >
          {fetching ? "Loading…" : `Show more ${props.label} (${initial.totalCount - items.length} left)`}
        </button>
      )}
    </>
  );
}
