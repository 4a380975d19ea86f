import type { Metric, Qualifier, Rate, ReviewStatus } from "@headcount/shared";
import Link from "next/link";
import { FIELD_LABELS as CLAIM_FIELD_LABELS, type EditableField } from "../lib/claim-edit";
import { type EntityRef, EntityRefFields } from "../lib/entity-fields";
import { graphql, type ResultOf } from "../lib/graphql";
import { humanField } from "../lib/mutation-result";
import { fetchApi } from "../lib/queries";
import {
  formatDate,
  formatInstant,
  METRIC_LABELS,
  QUALIFIER_LABELS,
  RATE_LABELS,
  STATUS_LABELS,
} from "../lib/vocabulary";

const HISTORY_QUERY = graphql(
  `
  query History($subject: ID!) {
    history(subject: $subject) {
      action
      actor
      at
      note
      changes {
        field
        before
        after
        beforeEntities {
          ...EntityRef
        }
        afterEntities {
          ...EntityRef
        }
      }
    }
  }
`,
  [EntityRefFields],
);

type HistoryEntry = ResultOf<typeof HISTORY_QUERY>["history"][number];

/** Vocabulary values as the dashboard prints them elsewhere, by the field they are a value of. */
const VALUE_WORDS: Record<string, Record<string, string>> = {
  qualifier: QUALIFIER_LABELS satisfies Record<Qualifier, string>,
  reviewStatus: STATUS_LABELS satisfies Record<ReviewStatus, string>,
  metric: METRIC_LABELS satisfies Record<Metric, string>,
  rate: RATE_LABELS satisfies Record<Rate, string>,
};

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** What a merge moved, by kind, as a person reads it (nothing moved is left out). */
const MOVED_WORDS: Record<string, string> = {
  claimsSource: "claims made",
  claimsLocation: "claims placed there",
  claimsSubject: "claims about its forces",
  mentions: "mentions",
  via: "relay links",
  outletArticles: "articles as outlet",
  affiliates: "entities speaking for it",
  aliasesMoved: "aliases",
  aliasesDropped: "aliases already known",
};

function movedText(moved: object): string {
  const parts = Object.entries(moved)
    .filter(([, count]) => typeof count === "number" && count > 0)
    .map(([kind, count]) => `${MOVED_WORDS[kind] ?? humanField(kind)}: ${count}`);
  return parts.length > 0 ? parts.join(", ") : "nothing";
}

/** A JSON value from the audit trail, as a person reads it. */
function readable(field: string, json: string | null): string {
  if (json === null) return "—";
  try {
    const value: unknown = JSON.parse(json);
    if (value === null) return "—";
    if (typeof value === "number") return value.toLocaleString("en-US");
    if (typeof value === "boolean") return value ? "yes" : "no";
    if (typeof value === "string") {
      const words = VALUE_WORDS[field]?.[value.toLowerCase()];
      if (words) return words;
      if (ISO_DAY.test(value)) return formatDate(value, "DAY");
      if (ISO_INSTANT.test(value)) return formatInstant(value);
      if (field.endsWith("Precision")) return value.toLowerCase();
      return value;
    }
    if (field === "moved" && typeof value === "object" && !Array.isArray(value)) return movedText(value);
    return JSON.stringify(value);
  } catch {
    return json;
  }
}

/** An entity's and an article's own audited fields; a claim's are named as its edit form names them. */
const ENTITY_FIELD_LABELS: Record<string, string> = {
  affiliationId: "Speaks for",
  mergedIntoId: "Merged into",
  merged: "Took in",
  moved: "References moved",
  other: "Judged against",
  outletId: "Outlet",
  reviewStatus: "Review status",
  deletedAt: "Deleted",
};

/** What a changed field is called in the history: `sourceId` is the Source, `via:12` a relay chain. */
function fieldLabel(field: string): string {
  if (field.startsWith("via:")) return CLAIM_FIELD_LABELS.via;
  const editable = (field.endsWith("Id") ? field.slice(0, -2) : field) as EditableField;
  return ENTITY_FIELD_LABELS[field] ?? CLAIM_FIELD_LABELS[editable] ?? humanField(field);
}

/** One side of a change: the entities it names, linked and in order, or else the value as a person reads it. */
function Value({ field, entities, json }: { field: string; entities: EntityRef[]; json: string | null }) {
  if (entities.length === 0) return <>{json === "[]" ? "—" : readable(field, json)}</>;
  return (
    <>
      {entities.map((entity, index) => (
        <span key={entity.id}>
          {index > 0 && ", "}
          <Link href={`/entities/${encodeURIComponent(entity.id)}`}>{entity.name}</Link>
        </span>
      ))}
    </>
  );
}

const ACTIONS: Record<string, string> = {
  "claim.create": "Created",
  "claim.update": "Edited",
  "claim.review": "Reviewed",
  "claim.delete": "Deleted",
  "claim.restore": "Restored",
  "claim.retire": "Retired (a new revision of its article no longer prints it)",
  "entity.rename": "Renamed",
  "entity.add_alias": "Alias added",
  "entity.remove_alias": "Alias removed",
  "entity.set_affiliation": "Affiliation set",
  "entity.merge": "Merged",
  "entity.undo_merge": "Merge undone",
  "entity.judge_different": "Judged a different entity",
  "entity.judge_unsure": "Judged unsure",
  "article.correct": "Corrected",
};

/** The audit trail of a claim, entity or article, newest first; readable by everyone. */
export async function HistoryList({ subject }: { subject: string }) {
  let entries: readonly HistoryEntry[];
  try {
    entries = (await fetchApi(HISTORY_QUERY, { subject })).history;
  } catch (error) {
    return (
      <p className="error" role="alert">
        The history could not be loaded: {error instanceof Error ? error.message : String(error)}
      </p>
    );
  }
  if (entries.length === 0) return <p className="muted">No change recorded since it was stored.</p>;
  return (
    <ol className="history-list" data-testid="history">
      {entries.map((entry) => (
        <li key={`${entry.at}-${entry.action}-${entry.changes.map((c) => c.field).join()}`}>
          <strong>{ACTIONS[entry.action] ?? entry.action}</strong>{" "}
          <span className="muted">
            {formatInstant(entry.at)}
            {entry.actor ? ` by ${entry.actor}` : ""}
          </span>
          {entry.note && <p className="history-changes">“{entry.note}”</p>}
          {entry.changes.length > 0 && (
            <ul className="history-changes">
              {entry.changes.map((change) => (
                <li key={change.field}>
                  {fieldLabel(change.field)}:{" "}
                  <Value field={change.field} entities={change.beforeEntities} json={change.before} /> →{" "}
                  <Value field={change.field} entities={change.afterEntities} json={change.after} />
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
