import Link from "next/link";
import { notFound } from "next/navigation";
import { ApiErrorNotice } from "../../../components/ApiErrorNotice";
import { EntityLink } from "../../../components/EntityLink";
import { EntityClaimList, EntityMentionList } from "../../../components/EntityLists";
import { EntityEditor } from "../../../components/editor/EntityEditor";
import { MergeSuggestions } from "../../../components/editor/MergeSuggestions";
import {
  MergeSuggestionFields,
  StandingMergeFields,
} from "../../../components/editor/merge-suggestion-fields";
import { StandingMerges } from "../../../components/editor/StandingMerges";
import { HistoryList } from "../../../components/HistoryList";
import { EntityRefFields } from "../../../lib/entity-fields";
import { EntityChoiceFields } from "../../../lib/entity-picker";
import {
  type Connection,
  ENTITY_LISTS,
  type EntityClaim,
  type EntityMentionRow,
} from "../../../lib/entity-queries";
import { graphql } from "../../../lib/graphql";
import { fetchApi, fetchNode, isInvalidId, nodePageMetadata } from "../../../lib/queries";
import { fetchViewer, isEditor } from "../../../lib/viewer";

export const dynamic = "force-dynamic";

const ENTITY_QUERY = graphql(
  `
  query EntityPage($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Entity {
        version
        name
        type
        role
        aliases {
          name
        }
        affiliation {
          ...EntityChoice
        }
        mergedInto {
          ...EntityRef
        }
        mergeSuggestions {
          ...MergeSuggestionFields
        }
        merges {
          ...StandingMergeFields
        }
      }
    }
  }
`,
  [EntityChoiceFields, EntityRefFields, MergeSuggestionFields, StandingMergeFields],
);

const PAGE_SIZE = 20;

const loadEntity = (id: string) => fetchNode(ENTITY_QUERY, { id }, "Entity");

export const generateMetadata = ({ params }: { params: Promise<{ id: string }> }) =>
  nodePageMetadata(params, loadEntity, (entity) => entity.name, "Entity");

/** The other ways an entity is written: its aliases, without the name already in the heading. */
function otherNames(entity: { name?: string; aliases: readonly { name: string }[] }): string[] {
  return [...new Set(entity.aliases.map((alias) => alias.name))].filter((name) => name !== entity.name);
}

export default async function EntityPage({ params }: { params: Promise<{ id: string }> }) {
  const id = decodeURIComponent((await params).id);
  let entity: Awaited<ReturnType<typeof loadEntity>>;
  let made: Connection<EntityClaim> | undefined;
  let about: Connection<EntityClaim> | undefined;
  let mentions: Connection<EntityMentionRow> | undefined;
  let editor = false;
  try {
    const variables = { id, first: PAGE_SIZE, after: null };
    const [e, m, a, n, v] = await Promise.all([
      loadEntity(id),
      fetchApi(ENTITY_LISTS.claimsMade.query, variables),
      fetchApi(ENTITY_LISTS.claimsAbout.query, variables),
      fetchApi(ENTITY_LISTS.mentions.query, variables),
      fetchViewer(),
    ]);
    editor = isEditor(v);
    entity = e;
    made = ENTITY_LISTS.claimsMade.connectionOf(m);
    about = ENTITY_LISTS.claimsAbout.connectionOf(a);
    mentions = ENTITY_LISTS.mentions.connectionOf(n);
  } catch (error) {
    // A malformed id names nothing: a 404, like an id of nothing.
    if (isInvalidId(error)) notFound();
    return <ApiErrorNotice error={error} />;
  }
  if (!entity || !made || !about || !mentions) notFound();
  return (
    <div className="entity-page">
      <p className="muted crumbs">
        <Link href="/entities">Entities</Link> ›
      </p>
      <h1>{entity.name}</h1>
      {entity.mergedInto && (
        <p className="notice" role="note">
          Merged into{" "}
          <Link href={`/entities/${encodeURIComponent(entity.mergedInto.id)}`}>{entity.mergedInto.name}</Link>
          .
        </p>
      )}
      <div className="claim-grid">
        <section className="card" aria-labelledby="about-title">
          <h2 id="about-title">About</h2>
          <dl className="facts">
            <dt>Kind</dt>
            <dd>{entity.type.toLowerCase()}</dd>
            {entity.role && (
              <>
                <dt>Role</dt>
                <dd>{entity.role}</dd>
              </>
            )}
            <dt>Speaks for</dt>
            <dd>
              <EntityLink entity={entity.affiliation} none="no affiliation recorded" />
            </dd>
            <dt>Also written</dt>
            <dd>
              {otherNames(entity).length > 0 ? (
                otherNames(entity).join(" · ")
              ) : (
                <span className="muted">no aliases</span>
              )}
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="suggestions-title">
          <h2 id="suggestions-title">Possibly the same as</h2>
          <MergeSuggestions suggestions={entity.mergeSuggestions} editor={editor} />
          {entity.merges.length > 0 && (
            <>
              <h3 id="merges-title">Merged into this entity</h3>
              <StandingMerges merges={entity.merges} editor={editor} />
            </>
          )}
        </section>
      </div>
      {editor && !entity.mergedInto && (
        <EntityEditor
          entity={{
            id: entity.id,
            version: entity.version,
            name: entity.name ?? "",
            type: entity.type,
            aliases: entity.aliases,
            affiliation: entity.affiliation,
          }}
        />
      )}
      <div className="claim-grid">
        <section className="card" aria-labelledby="made-title">
          <h2 id="made-title">Claims made ({made.totalCount})</h2>
          {made.totalCount === 0 ? (
            <p className="muted">None: {entity.name} is not the source of any claim.</p>
          ) : (
            <EntityClaimList entityId={entity.id} field="claimsMade" initial={made} />
          )}
        </section>
        <section className="card" aria-labelledby="counted-title">
          <h2 id="counted-title">Claims about its forces or this place ({about.totalCount})</h2>
          {about.totalCount === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <EntityClaimList entityId={entity.id} field="claimsAbout" initial={about} />
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="mentions-title">
        <h2 id="mentions-title">Mentions across articles ({mentions.totalCount})</h2>
        {mentions.totalCount === 0 ? (
          <p className="muted">Not named in any article.</p>
        ) : (
          <EntityMentionList entityId={entity.id} initial={mentions} />
        )}
      </section>
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">History</h2>
        <HistoryList subject={entity.id} />
      </section>
    </div>
  );
}
