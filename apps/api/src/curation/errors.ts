/**
 * The failures a client is expected to handle, as plain classes: the domain throws them, and the GraphQL
 * layer turns each into a member of a mutation's result union (or a typed error elsewhere); anything else
 * thrown is unexpected and masked.
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

export class NotAuthorizedError extends Error {
  override name = "NotAuthorizedError";
  constructor(message = "Sign in as an editor to do this.") {
    super(message);
  }
}
