import type { IncomingMessage } from "node:http";

export function setForwardedFor(req: IncomingMessage, options: { trustProxy: boolean }): void;
