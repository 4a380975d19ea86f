"use client";

import { formatDay, type Rate } from "@headcount/shared";
import { usePathname, useRouter } from "next/navigation";
import { type FormEvent, useRef, useState, useTransition } from "react";
import {
  type ClaimView,
  claimViewQuery,
  DEFAULT_MAX_POINTS,
  dateRange,
  MAX_POINTS,
  parseClaimView,
} from "../lib/claim-filter";
import type { EntityRef } from "../lib/entity-fields";
import { type EntityChoice, PICKER_TYPES } from "../lib/entity-picker";
import type { FormOptions } from "../lib/queries";
import { METRIC_LABELS, METRICS, RATES, REVIEW_STATUSES, STATUS_LABELS } from "../lib/vocabulary";
import { EntityPicker } from "./editor/EntityPicker";

/** Each a unit of its own: a chart shows one. */
const RATE_CHOICES: Record<Rate, string> = {
  total: "Totals (people)",
  per_day: "Per day",
  per_week: "Per week",
  percent: "Percent",
};

/** The values a filter offers, each with its label. */
interface Vocabulary<Value extends string> {
  values: readonly Value[];
  labels: Record<Value, string>;
}
const METRIC_VOCABULARY = { values: METRICS, labels: METRIC_LABELS };
const RATE_VOCABULARY = { values: RATES, labels: RATE_CHOICES };
const STATUS_VOCABULARY = { values: REVIEW_STATUSES, labels: STATUS_LABELS };

interface Props {
  view: ClaimView;
  options: FormOptions;
  /** The overview adds grouping and scale; the claims table adds a text search. */
  chartControls?: boolean;
  textSearch?: boolean;
  /** Query parameters to keep (the claims table's sort order). */
  keep?: Record<string, string>;
}

/** One choice among a vocabulary's values, as a labelled select. */
function ChoiceSelect<Value extends string>(props: {
  name: string;
  label: string;
  vocabulary: Vocabulary<Value>;
  defaultValue: Value;
}) {
  const id = `filter-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.defaultValue}>
        {props.vocabulary.values.map((value) => (
          <option key={value} value={value}>
            {props.vocabulary.labels[value]}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Any of a vocabulary's values, as a group of checkboxes sent under one name. */
function CheckGroup<Value extends string>(props: {
  legend: string;
  name: string;
  vocabulary: Vocabulary<Value>;
  checked: readonly Value[];
  remark?: (value: Value) => string;
}) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.vocabulary.values.map((value) => (
        <label key={value} className="check">
          <input
            type="checkbox"
            name={props.name}
            value={value}
            defaultChecked={props.checked.includes(value)}
          />
          {props.vocabulary.labels[value]}
          {props.remark?.(value)}
        </label>
      ))}
    </fieldset>
  );
}

function EntitySelect(props: { name: string; label: string; value: string; entities: EntityRef[] }) {
  const id = `filter-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select id={id} name={props.name} defaultValue={props.value}>
        <option value="">Any</option>
        {props.entities.map((entity) => (
          <option key={entity.id} value={entity.id}>
            {entity.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A typed day ("31 Oct 2024", "2024-10-31", "31/10/2024"), with the reason it is refused beside it. */
function DayField(props: { name: string; label: string; value: string; error?: string }) {
  const id = `filter-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type="text"
        name={props.name}
        inputMode="text"
        autoComplete="off"
        placeholder="e.g. 31 Oct 2024"
        defaultValue={props.value ? formatDay(props.value) : ""}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        style={{ width: "10rem" }}
      />
      {props.error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {props.error}
        </p>
      )}
    </div>
  );
}

/**
 * The filters of a claim view. Every change goes into the URL at once (so a view can be shared and the
 * back button works); without JavaScript the form still submits as a GET.
 */
export function ClaimFilterForm({ view, options, chartControls, textSearch, keep = {} }: Props) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const [dateErrors, setDateErrors] = useState<ClaimView["dateErrors"]>(view.dateErrors);
  // Sources run to thousands: a picker asks the API for the names typed instead of listing them all.
  const [source, setSource] = useState<EntityChoice | null>(options.source);
  const [sourceId, setSourceId] = useState(view.source);
  const formRef = useRef<HTMLFormElement>(null);

  /** Applies the form; `overrides` are values chosen this instant, not yet in the form's fields. */
  const apply = (form: HTMLFormElement, overrides: Record<string, string> = {}) => {
    const data = new FormData(form);
    for (const [key, value] of Object.entries(overrides)) data.set(key, value);
    const typed = (name: string) => {
      const value = data.get(name);
      return typeof value === "string" ? value.trim() : "";
    };
    const range = dateRange(typed("from"), typed("to"));
    setDateErrors(range.dateErrors);
    if (range.dateErrors.from || range.dateErrors.to) {
      const field = form.elements.namedItem(range.dateErrors.from ? "from" : "to");
      if (field instanceof HTMLInputElement) field.focus();
      return;
    }
    const params: Record<string, string[]> = {};
    for (const [key, value] of data.entries()) {
      if (typeof value !== "string") continue;
      const values = params[key] ?? [];
      values.push(value);
      params[key] = values;
    }
    const next = parseClaimView(params);
    // An empty status selection would hide everything; treat it as "any status but rejected".
    if (data.getAll("status").length === 0) next.statuses = view.statuses;
    startTransition(() => router.replace(`${pathname}${claimViewQuery(next, keep)}`, { scroll: false }));
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    apply(event.currentTarget);
  };

  return (
    <form
      ref={formRef}
      className="filters"
      method="get"
      action={pathname}
      onSubmit={onSubmit}
      onChange={(event) => {
        const target = event.target as unknown as HTMLInputElement;
        // Typed values apply with Enter or the Apply button, not at every keystroke.
        if (target.type === "search" || target.type === "text" || target.type === "number") return;
        apply(event.currentTarget);
      }}
      aria-label="Filter claims"
      aria-busy={pending}
    >
      {chartControls ? (
        <div className="field-row">
          <ChoiceSelect
            name="metric"
            label="Metric (one per chart)"
            vocabulary={METRIC_VOCABULARY}
            defaultValue={view.metrics[0] ?? "deployed"}
          />
          <ChoiceSelect
            name="rate"
            label="Counted as"
            vocabulary={RATE_VOCABULARY}
            defaultValue={view.rate || "total"}
          />
        </div>
      ) : (
        <CheckGroup legend="Metric" name="metric" vocabulary={METRIC_VOCABULARY} checked={view.metrics} />
      )}
      <CheckGroup
        legend="Review status"
        name="status"
        vocabulary={STATUS_VOCABULARY}
        checked={view.statuses}
        remark={(status) => (status === "rejected" && chartControls ? " (never plotted)" : "")}
      />
      <div className="field-row">
        <EntitySelect name="subject" label="Whose forces" value={view.subject} entities={options.subjects} />
        <EntitySelect name="place" label="Place" value={view.place} entities={options.places} />
        <EntityPicker
          id="filter-source"
          label="Source"
          value={source}
          types={PICKER_TYPES.source}
          clearLabel="Any source"
          testId="filter-source-picker"
          onChange={(choice) => {
            setSource(choice);
            setSourceId(choice?.id ?? "");
            if (formRef.current) apply(formRef.current, { source: choice?.id ?? "" });
          }}
        />
        <input type="hidden" name="source" value={sourceId} />
        <EntitySelect
          name="side"
          label="Side (source's affiliation)"
          value={view.side}
          entities={options.sides}
        />
      </div>
      <div className="field-row">
        <DayField name="from" label="Said from" value={view.from} error={dateErrors.from} />
        <DayField name="to" label="Said until" value={view.to} error={dateErrors.to} />
        {textSearch ? (
          <div className="field">
            <label htmlFor="filter-q">Quote contains</label>
            <input id="filter-q" type="search" name="q" defaultValue={view.q} />
          </div>
        ) : (
          view.q && <input type="hidden" name="q" value={view.q} />
        )}
        {chartControls && (
          <>
            <div className="field">
              <label htmlFor="filter-group">Colour by</label>
              <select id="filter-group" name="group" defaultValue={view.groupBy}>
                <option value="source">Source</option>
                <option value="side">Side (affiliation)</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-scale">Scale</label>
              <select id="filter-scale" name="scale" defaultValue={view.scale}>
                <option value="linear">Linear</option>
                <option value="log">Logarithmic</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor="filter-points">Claims plotted (newest)</label>
              <input
                id="filter-points"
                type="number"
                name="points"
                min={1}
                max={MAX_POINTS}
                step={1}
                defaultValue={view.points}
                title={`At most this many of the newest matching claims, 1 to ${MAX_POINTS.toLocaleString("en-US")}`}
                style={{ width: "7.5rem" }}
              />
            </div>
          </>
        )}
        {!chartControls && view.rate && <input type="hidden" name="rate" value={view.rate} />}
        {!chartControls && view.groupBy !== "source" && (
          <input type="hidden" name="group" value={view.groupBy} />
        )}
        {!chartControls && view.scale !== "linear" && <input type="hidden" name="scale" value={view.scale} />}
        {!chartControls && view.points !== DEFAULT_MAX_POINTS && (
          <input type="hidden" name="points" value={view.points} />
        )}
        {Object.entries(keep).map(([key, value]) => (
          <input key={key} type="hidden" name={key} value={value} />
        ))}
        <div className="field actions">
          <button type="submit">Apply</button>
          <a href={pathname}>Reset</a>
          <p className="busy-status" role="status" data-testid="filters-busy">
            {pending ? "Updating…" : ""}
          </p>
        </div>
      </div>
    </form>
  );
}
