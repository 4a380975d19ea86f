import { GraphQLError } from "graphql";
import { filter, pipe } from "graphql-yoga";
import { builder } from "../builder.ts";
import { claimMatches, currentViewer, releasing, StreamLimiter, streamClientOf } from "../claim-streams.ts";
import { type Context, canEdit } from "../context.ts";
import { CLAIM_CHANGED, CLAIM_CHANGES, type ClaimChangedEvent } from "../events.ts";
import { memoPerRequest } from "../memo.ts";
import type { ClaimFilter } from "../sql/claim-filter.ts";
import { ClaimFilterInput, ClaimNode, claimFilterOf } from "./claim.ts";
import { vocabularyEnum } from "./enums.ts";

/** Streams of an API built without its own limiter (every API built by createApi has one). */
const fallbackLimiter = new StreamLimiter();

const ClaimChangeEnum = vocabularyEnum("ClaimChange", CLAIM_CHANGES, "What happened to a claim.", {
  created: "The claim was added.",
  updated: "Its fields changed.",
  reviewed: "Its review status changed.",
  deleted: "It was deleted.",
  restored: "It was restored after a deletion.",
});

const ClaimChangedRef = builder.objectRef<ClaimChangedEvent>("ClaimChanged").implement({
  description: "A change to a claim, as it happened.",
  fields: (t) => ({
    change: t.expose("change", { type: ClaimChangeEnum, description: "What happened." }),
    version: t.exposeInt("version", { description: "The claim's version after the change." }),
    claim: t.prismaField({
      type: ClaimNode,
      nullable: true,
      description: "The claim as it is now; null when it is deleted and the viewer may not see it.",
      // Loaded once per event for all streams asking the same fields with the same rights.
      resolve: (query, event, _args, context) => {
        const editor = canEdit(context.viewer);
        return memoPerRequest(event, `claim:${editor}:${JSON.stringify(query)}`, () =>
          context.prisma.claim.findFirst({
            ...query,
            where: { id: event.claimId, ...(editor ? {} : { deletedAt: null }) },
          }),
        );
      },
    }),
  }),
});

builder.subscriptionType({ description: "Live updates, over server-sent events (or WebSocket)." });

builder.subscriptionField("claimChanged", (t) =>
  t.field({
    type: ClaimChangedRef,
    description:
      "Each change to a claim matching the filter, so open dashboards update live. Deletions are sent for claims that matched before.",
    args: { filter: t.arg({ type: ClaimFilterInput, description: "Which claims to follow." }) },
    subscribe: (_root, args, context) => {
      const claimFilter = claimFilterOf(args.filter, context);
      const release = (context.streams ?? fallbackLimiter).acquire(streamClientOf(context));
      return releasing(changesFor(context, claimFilter), release);
    },
    resolve: (event) => event,
  }),
);

/**
 * The changes one stream receives. Before each event the stream's session is checked again: a stream
 * whose session ended stops with UNAUTHENTICATED; a changed role applies from the next event on (a
 * demoted editor no longer sees deleted claims, and a stream that asked for them stops with FORBIDDEN).
 */
function changesFor(context: Context, claimFilter: ClaimFilter): AsyncIterableIterator<ClaimChangedEvent> {
  return pipe(
    context.pubsub.subscribe(CLAIM_CHANGED),
    filter(async (event: ClaimChangedEvent) => {
      if (context.viewer) {
        const viewer = await currentViewer(context.prisma, event, context.viewer);
        if (!viewer) {
          throw new GraphQLError("Your session has ended; sign in again to follow changes.", {
            extensions: { code: "UNAUTHENTICATED" },
          });
        }
        context.viewer = viewer;
        if (claimFilter.includeDeleted && !canEdit(viewer)) {
          throw new GraphQLError("Only editors may see deleted claims.", {
            extensions: { code: "FORBIDDEN", argument: "filter.includeDeleted" },
          });
        }
      }
      // Deletions are sent for claims that matched before they were deleted.
      const includeDeleted = claimFilter.includeDeleted || event.change === "deleted";
      return claimMatches(context.prisma, event, { ...claimFilter, includeDeleted });
    }),
  );
}
