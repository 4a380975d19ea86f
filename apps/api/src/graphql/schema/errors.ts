import { GraphQLError } from "graphql";
import { builder } from "../builder.ts";

/**
 * The failures a client is expected to handle. Mutations list them in `errors: { types: [...] }` and the
 * errors plugin turns a thrown instance into a member of the mutation's result union; anything else thrown
 * is unexpected and masked.
 */
export class NotFoundError extends Error {
  override name = "NotFoundError";
  constructor(
    message: string,
    readonly id: string | null = null,
  ) {
    super(message);
  }
}

export interface FieldError {
  /** The input field, as a path from the argument ("patch", "valueLow"). */
  path: string[];
  message: string;
}

export class ValidationError extends Error {
  override name = "ValidationError";
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
  ) {
    super(message);
  }
}

export class ConflictError extends Error {
  override name = "ConflictError";
  constructor(
    message: string,
    readonly currentVersion: number,
  ) {
    super(message);
  }
}

/**
 * A GraphQLError too, so that where a field has no result union (a query only editors may read) it still
 * reaches the client as a clear, typed error rather than a masked one.
 */
export class NotAuthorizedError extends GraphQLError {
  override name = "NotAuthorizedError";
  constructor(message = "Sign in as an editor to do this.") {
    super(message, { extensions: { code: "FORBIDDEN" } });
  }
}

let registered = false;
let errorInterfaceRef: ReturnType<typeof builder.interfaceRef<Error>> | undefined;

/** The `Error` interface every typed failure implements (registers the error types on first use). */
export function errorInterface() {
  registerErrorTypes();
  return errorInterfaceRef as NonNullable<typeof errorInterfaceRef>;
}

/**
 * Adds the error types to the schema. Not called at import: a type only enters the schema when a field
 * uses it, and no mutation exists yet. The first mutation module calls this before using the types.
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
      id: t.exposeID("id", { nullable: true, description: "The global ID that was not found." }),
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
