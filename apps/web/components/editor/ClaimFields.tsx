import type { Ref } from "react";
import { type EditableField, type EntityField, FIELD_LABELS, type ScalarField } from "../../lib/claim-edit";
import { type EntityChoice, PICKER_TYPES } from "../../lib/entity-picker";
import { EntityPicker } from "./EntityPicker";

const CLEAR_LABELS: Record<EntityField, string> = {
  source: "No source (unattributed)",
  subjectEntity: "Not identified",
  location: "No place given",
};

export const inputIdOf = (formId: string, field: EditableField) => `${formId}-${field}`;
export const errorIdOf = (formId: string, field: EditableField) => `${formId}-${field}-error`;

/** What every field of the claim form is told: where it lives in the form and what is wrong with it. */
interface FieldProps<F extends EditableField> {
  formId: string;
  field: F;
  error: string | undefined;
}

/** The input's id and its accessible tie to the error shown under it. */
function controlProps({ formId, field, error }: FieldProps<EditableField>) {
  return {
    id: inputIdOf(formId, field),
    name: field,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": error ? errorIdOf(formId, field) : undefined,
  };
}

export function FieldError({ formId, field, error }: FieldProps<EditableField>) {
  return error ? (
    <p className="field-error" id={errorIdOf(formId, field)} data-testid={`error-${field}`}>
      {error}
    </p>
  ) : null;
}

export function TextField(
  props: FieldProps<ScalarField> & {
    kind?: "text" | "date" | "number";
    value: string;
    onChange: (value: string) => void;
    inputRef?: Ref<HTMLInputElement>;
  },
) {
  const { field, kind = "text" } = props;
  return (
    <div className="field">
      <label htmlFor={inputIdOf(props.formId, field)}>{FIELD_LABELS[field]}</label>
      <input
        {...controlProps(props)}
        ref={props.inputRef}
        type="text"
        placeholder={kind === "date" ? "e.g. 31 Oct 2024" : undefined}
        inputMode={kind === "number" ? "numeric" : undefined}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
      />
      <FieldError {...props} />
    </div>
  );
}

export function SelectField(
  props: FieldProps<ScalarField> & {
    choices: { value: string; label: string }[];
    optional?: boolean;
    value: string;
    onChange: (value: string) => void;
  },
) {
  const { field } = props;
  return (
    <div className="field">
      <label htmlFor={inputIdOf(props.formId, field)}>{FIELD_LABELS[field]}</label>
      <select {...controlProps(props)} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        {props.optional && <option value="">—</option>}
        {props.choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
      <FieldError {...props} />
    </div>
  );
}

export function CheckField(
  props: FieldProps<ScalarField> & { checked: boolean; onChange: (checked: boolean) => void },
) {
  return (
    <div className="field">
      <span className="check">
        <input
          {...controlProps(props)}
          type="checkbox"
          checked={props.checked}
          onChange={(event) => props.onChange(event.target.checked)}
        />
        <label htmlFor={inputIdOf(props.formId, props.field)}>{FIELD_LABELS[props.field]}</label>
      </span>
      <FieldError {...props} />
    </div>
  );
}

export function EntityRefField(
  props: FieldProps<EntityField> & {
    value: EntityChoice | null;
    onChange: (choice: EntityChoice | null) => void;
  },
) {
  const { formId, field, error } = props;
  return (
    <div>
      <EntityPicker
        id={inputIdOf(formId, field)}
        label={FIELD_LABELS[field]}
        value={props.value}
        onChange={props.onChange}
        types={PICKER_TYPES[field]}
        clearLabel={CLEAR_LABELS[field]}
        invalid={error !== undefined}
        describedBy={error ? errorIdOf(formId, field) : undefined}
        testId={`picker-${field}`}
      />
      <FieldError {...props} />
    </div>
  );
}
