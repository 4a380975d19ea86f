import { GraphQLError } from "graphql";
import {
  ConflictError,
  type FieldError,
  NotAuthorizedError,
  NotFoundError,
  ValidationError,
} from "../../curation/errors.ts";
import { builder } from "../builder.ts";
import { optional } from "./field-options.ts";

export { ConflictError, type FieldError, NotAuthorizedError, NotFoundError, ValidationError };

/** The stable `extensions.code` of each expected failure, where a field has no result union to carry it. */
const CODES = new Map<new (...args: never[]) => Error, string>([
  [NotAuthorizedError, "FORBIDDEN"],
  [NotFoundError, "NOT_FOUND"],
  [ValidationError, "BAD_USER_INPUT"],
  [ConflictError, "CONFLICT"],
]);

/**
 * An expected failure thrown from a field without a result union (a query only editors may read, a
 * history asked of the wrong kind of ID), as the client should see it: its message and a stable code.
 * Undefined for anything else, which stays unexpected and masked.
 */
export function expectedFailure(error: GraphQLError): GraphQLError | undefined {
  const cause = error.originalError;
  for (const [type, code] of CODES) {
    if (!(cause instanceof type)) continue;
    const fieldErrors = cause instanceof ValidationError ? cause.fieldErrors : [];
    return new GraphQLError(cause.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: { code, ...(fieldErrors.length > 0 ? { fieldErrors } : {}) },
    });
  }
  return undefined;
}

let registered = false;
let errorInterfaceRef: ReturnType<typeof builder.interfaceRef<Error>> | undefined;

/** The `Error` interface every typed failure implements (registers the error types on first use). */
export function errorInterface() {
  registerErrorTypes();
  return errorInterfaceRef as NonNullable<typeof errorInterfaceRef>;
}

/**
 * Adds the error types to the schema, once. Not called at import: a type only enters the schema when a field
 * uses it; the mutation modules call this (through errorInterface) before using the types.
 */
export function registerErrorTypes(): void {
  if (registered) return;
  registered = true;

  const ErrorInterface = builder.interfaceRef<Error>("Error");
  errorInterfaceRef = ErrorInterface;
  ErrorInterface.implement({
    description: "A failure the client is expected to handle.",
    fields: (t) => ({
      message: t.exposeString("message", { description: "What went wrong, for a person to read." }),
    }),
  });

  builder.objectType(NotFoundError, {
    name: "NotFoundError",
    description: "The object does not exist, or no longer does.",
    interfaces: [ErrorInterface],
    fields: (t) => ({
      id: t.exposeID("id", optional("The global ID that was not found.")),
    }),
  });

  const FieldErrorRef = builder.objectRef<FieldError>("FieldError").implement({
    description: "One invalid input field.",
    fields: (t) => ({
      path: t.exposeStringList("path", { description: "The field, as a path from the argument." }),
      message: t.exposeString("message", { description: "Why the value is invalid." }),
    }),
  });

  builder.objectType(ValidationError, {
    name: "ValidationError",
    description: "The input is invalid; nothing was changed.",
    interfaces: [ErrorInterface],
    fields: (t) => ({
      fieldErrors: t.field({
        type: [FieldErrorRef],
        description: "Each invalid field with its reason.",
        resolve: (error) => error.fieldErrors,
      }),
    }),
  });

  builder.objectType(ConflictError, {
    name: "ConflictError",
    description: "Someone changed the object since you read it; reload and apply your change again.",
    interfaces: [ErrorInterface],
    fields: (t) => ({
      currentVersion: t.exposeInt("currentVersion", { description: "The version now stored." }),
    }),
  });

  builder.objectType(NotAuthorizedError, {
    name: "NotAuthorizedError",
    description: "You are not signed in, or your role may not do this.",
    interfaces: [ErrorInterface],
  });
}
