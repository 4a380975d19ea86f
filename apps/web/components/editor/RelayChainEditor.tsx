"use client";

import { useRef, useState } from "react";
import type { RelayChain } from "../../lib/claim-edit";
import { ENTITY_TYPE_LABELS, type EntityChoice, PICKER_TYPES } from "../../lib/entity-picker";
import { articleTitle } from "../../lib/titles";
import { EntityPicker } from "./EntityPicker";

type Action = "up" | "down" | "remove";

/**
 * The relay chain of one appearance as an ordered list: add a relay with the picker, move one up or down,
 * remove one. The focus stays with the entity a button moved (or on the next one after a removal), and every
 * change is announced.
 */
export function RelayChainEditor(props: {
  idBase: string;
  chain: RelayChain;
  /** Several appearances: each chain is named after its article. */
  named: boolean;
  onChange: (entities: EntityChoice[]) => void;
  errorId?: string;
}) {
  const { chain, idBase } = props;
  const entities = chain.entities;
  const [announcement, setAnnouncement] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const addRef = useRef<HTMLInputElement>(null);

  const focusLater = (key: string | null) =>
    requestAnimationFrame(() => (key ? buttons.current.get(key) : addRef.current)?.focus());

  const move = (index: number, by: -1 | 1) => {
    const entity = entities[index];
    const target = index + by;
    if (!entity || target < 0 || target >= entities.length) return;
    const next = entities.filter((_, i) => i !== index);
    next.splice(target, 0, entity);
    props.onChange(next);
    setAnnouncement(`${entity.name} moved to position ${target + 1} of ${next.length}.`);
    // The button pressed may be disabled at the new position (first or last): then its counterpart.
    const stays = by === -1 ? target > 0 : target < next.length - 1;
    focusLater(`${entity.id}:${stays ? (by === -1 ? "up" : "down") : by === -1 ? "down" : "up"}`);
  };

  const remove = (index: number) => {
    const entity = entities[index];
    if (!entity) return;
    const next = entities.filter((_, i) => i !== index);
    props.onChange(next);
    setAnnouncement(`${entity.name} removed from the chain.`);
    const neighbour = next[index] ?? next[index - 1];
    focusLater(neighbour ? `${neighbour.id}:remove` : null);
  };

  const add = (entity: EntityChoice | null) => {
    if (!entity) return;
    if (entities.some((link) => link.id === entity.id)) {
      setNotice(`${entity.name} is already in the chain.`);
      return;
    }
    setNotice(null);
    props.onChange([...entities, entity]);
    setAnnouncement(`${entity.name} added at position ${entities.length + 1}.`);
  };

  const button = (entity: EntityChoice, index: number, action: Action) => {
    const label = { up: "Move up", down: "Move down", remove: "Remove" }[action];
    const disabled = (action === "up" && index === 0) || (action === "down" && index === entities.length - 1);
    return (
      <button
        type="button"
        className={action === "remove" ? "secondary inline-button danger" : "secondary inline-button"}
        disabled={disabled}
        ref={(element) => {
          const key = `${entity.id}:${action}`;
          if (element) buttons.current.set(key, element);
          else buttons.current.delete(key);
        }}
        onClick={() => (action === "remove" ? remove(index) : move(index, action === "up" ? -1 : 1))}
      >
        {label}
        <span className="sr-only"> {entity.name}</span>
      </button>
    );
  };

  const legend = props.named ? `Relayed by, in “${articleTitle(chain.article)}”` : "Relayed by";
  return (
    <fieldset
      className="relay-chain plain-fieldset"
      data-appearance={chain.appearance}
      aria-describedby={props.errorId}
    >
      <legend>{legend}</legend>
      {entities.length === 0 ? (
        <p className="muted relay-empty">Nobody in between: the source to the outlet directly.</p>
      ) : (
        <ol className="relay-list" aria-label={`${legend}, speaker side first`}>
          {entities.map((entity, index) => (
            <li key={entity.id} data-entity-id={entity.id}>
              <span className="relay-name">
                {entity.name} <span className="muted">({ENTITY_TYPE_LABELS[entity.type]})</span>
              </span>
              <span className="button-row">
                {button(entity, index, "up")}
                {button(entity, index, "down")}
                {button(entity, index, "remove")}
              </span>
            </li>
          ))}
        </ol>
      )}
      <EntityPicker
        id={`${idBase}-add`}
        label="Add a relay"
        value={null}
        mode="add"
        types={PICKER_TYPES.via}
        onChange={add}
        inputRef={addRef}
        describedBy={notice ? `${idBase}-notice` : undefined}
      />
      {notice && (
        <p className="field-error" id={`${idBase}-notice`}>
          {notice}
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {announcement}
      </p>
    </fieldset>
  );
}
