"use client";

import { type KeyboardEvent, type Ref, useEffect, useId, useRef, useState } from "react";
import { useClient } from "urql";
import {
  ENTITY_SUGGESTIONS_QUERY,
  ENTITY_TYPE_LABELS,
  type EntityChoice,
  type EntityType,
  rankSuggestions,
  SUGGESTION_FETCH,
} from "../../lib/entity-picker";

/** Typing pauses this long before the API is asked, so a word typed quickly costs one request. */
const DEBOUNCE_MS = 250;

type Option = { key: string; choice: EntityChoice | null; label: string; detail: string };
type Status = "idle" | "loading" | "done" | "error";

/**
 * Chooses an entity by name: an editable combobox with a list of suggestions (the ARIA combobox pattern).
 * Typing asks the API for entities of the right kinds; the arrow keys move through the list, Enter takes the
 * highlighted entity, Escape closes the list (a second Escape restores the current value). Nothing changes
 * until an entity is taken: text typed and left reverts to the current value.
 */
export function EntityPicker(props: {
  id: string;
  label: string;
  value: EntityChoice | null;
  onChange: (choice: EntityChoice | null) => void;
  types: readonly EntityType[];
  /** When the reference may be empty: the text of the option that clears it ("No source"). */
  clearLabel?: string;
  /** "add": the picker adds to a list, so it empties after each choice. */
  mode?: "set" | "add";
  describedBy?: string;
  invalid?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  testId?: string;
}) {
  const { value, mode = "set" } = props;
  const client = useClient();
  const listboxId = useId();
  const statusId = useId();
  const shown = mode === "set" ? (value?.name ?? "") : "";
  const [text, setText] = useState(shown);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [suggestions, setSuggestions] = useState<EntityChoice[]>([]);
  const [status, setStatus] = useState<Status>("idle");
  const requestSeq = useRef(0);
  const listRef = useRef<HTMLDivElement>(null);

  // The value can change from outside (a reset, a conflict reapplied): the text follows it.
  useEffect(() => {
    setText(shown);
  }, [shown]);

  // The text as a search: the current value's own name (or nothing) lists the first entities of the kinds.
  const search = text.trim() === "" || (mode === "set" && text === value?.name) ? "" : text.trim();
  const typesKey = props.types.join(",");

  useEffect(() => {
    if (!open) return;
    const seq = ++requestSeq.current;
    setStatus("loading");
    const timer = setTimeout(async () => {
      const result = await client
        .query(
          ENTITY_SUGGESTIONS_QUERY,
          {
            search: search || null, // typesKey is props.types joined (a stable dependency), so its parts are entity types.
            types: typesKey.split(",") as EntityType[],
            first: SUGGESTION_FETCH,
          },
          { requestPolicy: "network-only" },
        )
        .toPromise();
      if (seq !== requestSeq.current) return;
      if (result.error || !result.data) {
        setStatus("error");
        setSuggestions([]);
        return;
      }
      setSuggestions(
        rankSuggestions(
          search,
          result.data.entities.edges.map((edge) => edge.node),
        ),
      );
      setStatus("done");
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [open, search, typesKey, client]);

  // Clearing is offered while no search is typed: typed letters look for an entity.
  const clearable = props.clearLabel !== undefined && value !== null && search === "";
  const options: Option[] = [
    ...(clearable && props.clearLabel
      ? [{ key: "clear", choice: null, label: props.clearLabel, detail: "clears the field" }]
      : []),
    ...suggestions.map((entity) => ({
      key: entity.id,
      choice: entity,
      label: entity.name,
      detail: ENTITY_TYPE_LABELS[entity.type],
    })),
  ];
  const optionId = (index: number) => `${listboxId}-option-${index}`;

  useEffect(() => {
    if (!open || active < 0) return;
    listRef.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: "nearest" });
  }, [open, active]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const take = (option: Option) => {
    close();
    setText(mode === "set" ? (option.choice?.name ?? "") : "");
    props.onChange(option.choice);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const last = options.length - 1;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(event.altKey ? -1 : 0);
        } else setActive((index) => (index >= last ? 0 : index + 1));
        return;
      case "ArrowUp":
        event.preventDefault();
        if (!open) {
          setOpen(true);
          setActive(last);
        } else setActive((index) => (index <= 0 ? last : index - 1));
        return;
      case "Enter": {
        if (!open) return;
        // With the list open, Enter belongs to the list, not to the form around it.
        event.preventDefault();
        const option = options[active];
        if (option) take(option);
        else close();
        return;
      }
      case "Escape":
        if (open) close();
        else if (text !== shown) setText(shown);
        else return;
        event.preventDefault();
        event.stopPropagation();
        return;
      case "Tab":
        close();
        return;
    }
  };

  const count = suggestions.length;
  const kinds = props.types.map((type) => ENTITY_TYPE_LABELS[type]).join(" or ");
  const statusText = !open
    ? ""
    : status === "loading"
      ? "Searching…"
      : status === "error"
        ? "The suggestions could not be loaded; try again."
        : count === 0
          ? search
            ? `No ${kinds} matches “${search}”.`
            : `No ${kinds} to suggest.`
          : `${count} suggestion${count === 1 ? "" : "s"}${clearable ? " and the clear option" : ""}: up and down arrows to choose, Enter to take.`;

  return (
    <div className="field entity-picker" data-testid={props.testId}>
      <label htmlFor={props.id}>{props.label}</label>
      <div className="combobox">
        <input
          id={props.id}
          ref={props.inputRef}
          type="text"
          className="combobox-input"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listboxId}
          aria-activedescendant={open && active >= 0 ? optionId(active) : undefined}
          aria-invalid={props.invalid ? true : undefined}
          aria-describedby={[statusId, props.describedBy].filter(Boolean).join(" ")}
          placeholder={
            mode === "add" ? "Type a name…" : value ? undefined : (props.clearLabel ?? "Type a name…")
          }
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            close();
            setText(shown);
          }}
        />
        <div
          id={listboxId}
          ref={listRef}
          role="listbox"
          aria-label={`Suggestions for ${props.label.toLowerCase()}`}
          className="combobox-list"
          hidden={!open || options.length === 0}
          // A click keeps the focus in the input, so choosing with the mouse does not count as leaving.
          onMouseDown={(event) => event.preventDefault()}
        >
          {options.map((option, index) => (
            // biome-ignore lint/a11y/useKeyWithClickEvents: the keys act in the input, which points at the option (aria-activedescendant)
            <div
              key={option.key}
              id={optionId(index)}
              data-index={index}
              role="option"
              aria-selected={index === active}
              tabIndex={-1}
              className={option.choice === null ? "combobox-option clear-option" : "combobox-option"}
              onClick={() => take(option)}
            >
              {option.label} <span className="muted">({option.detail})</span>
            </div>
          ))}
        </div>
      </div>
      <p id={statusId} className={open ? "combobox-status" : "sr-only"} role="status">
        {statusText}
      </p>
    </div>
  );
}
