import { graphql, type ResultOf } from "./graphql";

// The typed failures a mutation's result union may carry, shown to the editor, never swallowed: a fragment on
// each concrete type, and MutationFailure on the Error interface for the mutations that may fail in every way
// (the browser's cache knows which types an interface stands for from the generated POSSIBLE_TYPES).
export const ValidationFailure = graphql(`
  fragment ValidationFailure on ValidationError @_unmask {
    __typename
    message
    fieldErrors {
      path
      message
    }
  }
`);
export const NotFoundFailure = graphql(`
  fragment NotFoundFailure on NotFoundError @_unmask {
    __typename
    message
  }
`);
export const NotAuthorizedFailure = graphql(`
  fragment NotAuthorizedFailure on NotAuthorizedError @_unmask {
    __typename
    message
  }
`);
export const ConflictFailure = graphql(`
  fragment ConflictFailure on ConflictError @_unmask {
    __typename
    message
    currentVersion
  }
`);

/** Every failure of a versioned edit: invalid input, a missing target, no right to edit, a version conflict. */
export const MutationFailureFields = graphql(
  `
    fragment MutationFailure on Error @_unmask {
      ...ValidationFailure
      ...NotFoundFailure
      ...NotAuthorizedFailure
      ...ConflictFailure
    }
  `,
  [ValidationFailure, NotFoundFailure, NotAuthorizedFailure, ConflictFailure],
);

export type MutationFailure =
  | ResultOf<typeof ValidationFailure>
  | ResultOf<typeof NotFoundFailure>
  | ResultOf<typeof NotAuthorizedFailure>
  | ResultOf<typeof ConflictFailure>;
export type FieldErrorData = ResultOf<typeof ValidationFailure>["fieldErrors"][number];

/** A field error's path without the argument name: ["patch", "valueLow"] → "valueLow". */
export function fieldOf(error: FieldErrorData): string {
  const [first, ...rest] = error.path;
  const segments = first === "patch" || first === "input" ? rest : error.path;
  const field = segments[0] ?? "";
  // The API reports entity references by their column names (sourceId) in some paths.
  return field.endsWith("Id") ? field.slice(0, -2) : field;
}

/** A field's code name as words, for fields no form labels: `reviewStatus` → "Review status". */
export function humanField(field: string): string {
  const words = field
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/_/g, " ")
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The message of any failure, with field errors spelled out for a summary, each under its label. */
export function failureText(
  failure: MutationFailure,
  labelOf: (field: string) => string | undefined = () => undefined,
): string {
  if (failure.__typename === "ValidationError" && failure.fieldErrors.length > 0) {
    const fields = failure.fieldErrors.map((e) => {
      const field = fieldOf(e);
      return `${labelOf(field) ?? humanField(field)}: ${e.message}`;
    });
    return `${failure.message} ${fields.join("; ")}`;
  }
  return failure.message;
}

/** An error outside the typed union (network, or a masked server error), with the API's request id to quote. */
export function requestFailure(error: {
  message: string;
  graphQLErrors?: readonly { extensions?: Record<string, unknown> }[];
}): string {
  const requestId = error.graphQLErrors?.find((e) => typeof e.extensions?.requestId === "string")?.extensions
    ?.requestId as string | undefined;
  const message = error.message.replace(/^\[(GraphQL|Network)\]\s*/, "");
  return requestId ? `${message} (request ${requestId})` : message;
}
