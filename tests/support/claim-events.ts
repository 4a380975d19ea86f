import { createPubSub } from "graphql-yoga";
import {
  CLAIM_CHANGED,
  type ClaimChangedEvent,
  type ClaimEvents,
} from "../../apps/api/src/graphql/events.ts";

/**
 * The API's claim-change channel, observed: a stream is ready for events once the server has attached its
 * listener to the channel, and has let go of it once the listener is removed. Tests wait for these signals
 * instead of sleeping.
 */
export function observedClaimEvents() {
  const waiting = { attach: [] as (() => void)[], detach: [] as (() => void)[] };
  const settle = (kind: keyof typeof waiting) => {
    for (const resolve of waiting[kind].splice(0)) resolve();
  };
  class ObservedTarget extends EventTarget {
    override addEventListener(...args: Parameters<EventTarget["addEventListener"]>): void {
      super.addEventListener(...args);
      if (args[0] === CLAIM_CHANGED) settle("attach");
    }
    override removeEventListener(...args: Parameters<EventTarget["removeEventListener"]>): void {
      super.removeEventListener(...args);
      if (args[0] === CLAIM_CHANGED) settle("detach");
    }
  }
  const pubsub: ClaimEvents = createPubSub<{ [CLAIM_CHANGED]: [ClaimChangedEvent] }>({
    eventTarget: new ObservedTarget(),
  });
  const next = (kind: keyof typeof waiting) =>
    new Promise<void>((resolve) => {
      waiting[kind].push(resolve);
    });
  return {
    pubsub,
    /** Resolves when the next stream starts listening (call before opening it). */
    attached: () => next("attach"),
    /** Resolves when the next stream stops listening (call before closing it). */
    detached: () => next("detach"),
  };
}
