import type { IncomingMessage, ServerResponse } from "node:http";

export const OUTAGE_MESSAGE: string;
export function readinessUrl(graphqlUrl: string): string;
export function isGated(pathname: string): boolean;
export function databaseProbe(options: {
  readyUrl: string;
  freshForMs?: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): () => Promise<boolean>;
export function answerOutage(
  req: IncomingMessage,
  res: ServerResponse,
  probe: () => Promise<boolean>,
): Promise<boolean>;
