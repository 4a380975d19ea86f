import type { FieldOptionsFromKind, InputFieldMap, ObjectRef, TypeParam } from "@pothos/core";
import type { Actor } from "../../curation/actor.ts";
import { builder } from "../builder.ts";
import type { Context } from "../context.ts";
import { type DecodedGlobalId, databaseId } from "../ids.ts";
import {
  ConflictError,
  NotAuthorizedError,
  NotFoundError,
  registerErrorTypes,
  ValidationError,
} from "./errors.ts";

registerErrorTypes();

builder.mutationType({
  description:
    "Changes to Headcount's record. Every write needs an editor (user management an admin) and is audited.",
});

type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer Types> ? Types : never;

/**
 * A success payload that carries one object, as the mutation left it: `{ <key>: … }`, the key naming what
 * changed (`claim`, `judgement`, `viewer`).
 */
export function payloadOf<Key extends string, Value>(
  name: string,
  description: string,
  key: Key,
  field: { type: ObjectRef<BuilderTypes, Value>; description: string },
) {
  return builder.objectRef<Record<Key, Value>>(name).implement({
    description,
    fields: (t) => ({
      // Pothos cannot match a generic key to a generic shape; the signature ties `key` to `Value` instead.
      [key]: t.expose(key as never, field),
    }),
  });
}

type ErrorClass = new (...args: never[]) => Error;

/** What an edit can fail with, besides succeeding. */
const EDIT_ERRORS: ErrorClass[] = [NotFoundError, ValidationError, ConflictError, NotAuthorizedError];

/**
 * The block every guarded mutation repeats: the role it needs, and its result union (`<Name>Result`) of the
 * success payload and the typed failures it can end in, each thrown failure becoming a member of it.
 */
function guardedMutation(name: string, scope: "editor" | "admin", types: ErrorClass[]) {
  return {
    authScopes: scope === "admin" ? { admin: true } : { editor: true },
    errors: {
      types,
      directResult: true as const,
      union: {
        name: `${name.charAt(0).toUpperCase()}${name.slice(1)}Result`,
        description: "The outcome: the success payload, or the typed error explaining why nothing changed.",
      },
    },
  };
}

type MutationFieldBuilder = PothosSchemaTypes.MutationFieldBuilder<BuilderTypes, BuilderTypes["Root"]>;
type ArgBuilder = MutationFieldBuilder["arg"];

/** A mutation's own part: its payload type, description, arguments (built from `arg`) and resolver. */
type MutationOptions<Type extends TypeParam<BuilderTypes>, Args extends InputFieldMap, Shape> = OwnPart<
  FieldOptionsFromKind<BuilderTypes, BuilderTypes["Root"], Type, false, Args, "Mutation", unknown, Shape>
> & { args: (arg: ArgBuilder) => Args };
type OwnPart<Options> = Options extends unknown ? Omit<Options, "args" | "authScopes" | "errors"> : never;

/** Declares a guarded mutation: its own part, plus the role and result union of `guardedMutation`. */
export function guardedMutationField<Type extends TypeParam<BuilderTypes>, Args extends InputFieldMap, Shape>(
  name: string,
  scope: "editor" | "admin",
  errors: ErrorClass[],
  { args, ...options }: MutationOptions<Type, Args, Shape>,
) {
  // The call sites are checked against MutationOptions; Pothos cannot match these generic parts to its own
  // overloads of t.field, hence the cast.
  builder.mutationField(name, (t) =>
    t.field({ ...options, args: args(t.arg), ...guardedMutation(name, scope, errors) } as never),
  );
}

/** Declares an editor's change to the record, failing with any of EDIT_ERRORS. */
export function editorMutationField<Type extends TypeParam<BuilderTypes>, Args extends InputFieldMap, Shape>(
  name: string,
  options: MutationOptions<Type, Args, Shape>,
) {
  guardedMutationField(name, "editor", EDIT_ERRORS, options);
}

/** Who makes the change, for the audit trail. */
export function actorOf(context: Context): Actor {
  if (!context.viewer) throw new NotAuthorizedError();
  return { userId: context.viewer.id, requestId: context.requestId };
}

/** Why the change was made; it is kept in the history. */
export const noteArg = (arg: ArgBuilder) => arg.string({ description: "Why, for the history." });

/** The arguments every edit of a versioned record takes: which record, the version the editor read, and why. */
export function versionedEditArgs(arg: ArgBuilder, record: "article" | "claim" | "entity") {
  return {
    id: arg.globalID({ required: true, description: `The ${record}'s global ID.` }),
    expectedVersion: arg.int({ required: true, description: "The version the editor read." }),
    note: noteArg(arg),
  };
}

type EditedType = "Article" | "Claim" | "Entity";

/**
 * Those arguments as a curation service takes them: the record's database id (`claimId` for a Claim), the
 * version the editor read, and the note.
 */
export function versionedEdit<Type extends EditedType>(
  args: { id: DecodedGlobalId; expectedVersion: number; note?: string | null },
  typename: Type,
) {
  const idKey = `${typename.toLowerCase()}Id` as `${Lowercase<Type>}Id`;
  return {
    [idKey]: databaseId(args.id, typename, "id") as number,
    expectedVersion: args.expectedVersion,
    note: args.note ?? null,
  } as Record<`${Lowercase<Type>}Id`, number> & { expectedVersion: number; note: string | null };
}
