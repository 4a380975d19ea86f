// Curation speaks the API's typed failures; GraphQL turns each into a member of a mutation's result union.
export {
  ConflictError,
  type FieldError,
  NotAuthorizedError,
  NotFoundError,
  ValidationError,
} from "../graphql/schema/errors.ts";
