import type { Server } from "node:http";
import { isDatabaseUnavailable } from "../db/unavailable.ts";

/**
 * The start process's supervisor: what was started registers how to stop it, and a SIGINT, SIGTERM or
 * SIGHUP stops it all in the reverse order (dashboard, API, database clients, database), each step within
 * a bound, then exits 0. A second signal stops the children at once and exits.
 */
export interface Supervisor {
  readonly stopping: boolean;
  /** Registers a child or resource: `stop` in the orderly shutdown, `kill` when a second signal forces it. */
  add(name: string, stop: () => Promise<unknown>, options?: { timeoutMs?: number; kill?: () => void }): void;
  /** Start-up in progress: shutdown waits for it to settle (it checks `stopping` between steps). */
  starting(work: Promise<unknown>): void;
  /** Stops everything and exits with `code`. */
  stop(code: number): Promise<never>;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

interface Step {
  name: string;
  stop: () => Promise<unknown>;
  timeoutMs: number;
  kill?: () => void;
}

export function createSupervisor(options: {
  say: (message: string) => void;
  /** Runs last, whatever happened (removing the run record). */
  finally?: () => void;
}): Supervisor {
  const steps: Step[] = [];
  let startup: Promise<unknown> = Promise.resolve();
  let stopping: Promise<never> | undefined;

  const bounded = (work: Promise<unknown>, ms: number) =>
    Promise.race([
      work.then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref()),
    ]);

  const supervisor: Supervisor = {
    get stopping() {
      return stopping !== undefined;
    },
    add(name, stop, stepOptions = {}) {
      steps.push({ name, stop, timeoutMs: stepOptions.timeoutMs ?? 10_000, kill: stepOptions.kill });
    },
    starting(work) {
      startup = work;
    },
    stop(code) {
      stopping ??= (async () => {
        options.say("stopping…");
        // Whatever start-up is doing finishes its current step first, so that what it just started is
        // registered, then stops.
        await bounded(startup, 30_000);
        for (const step of [...steps].reverse()) {
          if (!(await bounded(step.stop(), step.timeoutMs))) {
            options.say(`  ${step.name} did not stop within ${step.timeoutMs / 1000}s; stopping it at once`);
            step.kill?.();
          }
        }
        options.finally?.();
        options.say("stopped.");
        process.exit(code);
      })();
      return stopping;
    },
  };

  // Ctrl-C reaches `npm start` and this process together, and npm passes its own on: one key press can arrive
  // twice within milliseconds. Only a signal a second or more after the first means "stop at once".
  let firstSignalAt = 0;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (!supervisor.stopping) {
        firstSignalAt = Date.now();
        void supervisor.stop(0);
        return;
      }
      if (Date.now() - firstSignalAt < 1_000) return;
      options.say(`${signal} again: stopping at once`);
      for (const step of [...steps].reverse()) {
        try {
          step.kill?.();
        } catch {
          // already gone
        }
      }
      options.finally?.();
      process.exit(1);
    });
  }
  return supervisor;
}

/**
 * Counts a server's requests in flight so that closing it can wait for them (within a bound). Event
 * streams (subscriptions) never end by themselves: they are not waited for, only closed.
 */
export function trackRequests(server: Server): { drain(timeoutMs: number): Promise<void> } {
  let inFlight = 0;
  let idle: (() => void) | null = null;
  server.on("request", (req, res) => {
    if (req.headers.accept?.includes("text/event-stream")) return;
    inFlight++;
    res.once("close", () => {
      inFlight--;
      if (inFlight === 0) idle?.();
    });
  });
  return {
    async drain(timeoutMs) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          idle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await closed;
    },
  };
}

/** A connection the database ended (shutdown, restart, crash): expected while it stops or restarts. */
export const isConnectionLoss = isDatabaseUnavailable;

export { SIGNALS };
