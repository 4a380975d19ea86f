import { filter, pipe } from "graphql-yoga";
import { builder } from "../builder.ts";
import { canEdit } from "../context.ts";
import { CLAIM_CHANGED, type ClaimChangedEvent } from "../events.ts";
import { claimWhere } from "../sql/claim-filter.ts";
import { ClaimFilterInput, ClaimNode, claimFilterOf } from "./claim.ts";

const ClaimChangeEnum = builder.enumType("ClaimChange", {
  description: "What happened to a claim.",
  values: {
    CREATED: { value: "created", description: "The claim was added." },
    UPDATED: { value: "updated", description: "Its fields changed." },
    REVIEWED: { value: "reviewed", description: "Its review status changed." },
    DELETED: { value: "deleted", description: "It was deleted." },
    RESTORED: { value: "restored", description: "It was restored after a deletion." },
  } as const,
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
      resolve: (query, event, _args, context) =>
        context.prisma.claim.findFirst({
          ...query,
          where: { id: event.claimId, ...(canEdit(context.viewer) ? {} : { deletedAt: null }) },
        }),
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
      return pipe(
        context.pubsub.subscribe(CLAIM_CHANGED),
        filter(async (event: ClaimChangedEvent) => {
          // The filter is checked by the database, with exactly the semantics of `claims(filter)`.
          const where = await claimWhere(context.prisma, {
            ...claimFilter,
            includeDeleted: claimFilter.includeDeleted || event.change === "deleted",
          });
          return (await context.prisma.claim.count({ where: { AND: [where, { id: event.claimId }] } })) > 0;
        }),
      );
    },
    resolve: (event) => event,
  }),
);
