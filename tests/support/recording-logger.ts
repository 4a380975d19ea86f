import { Writable } from "node:stream";
import pino from "pino";

/** A logger whose every line is kept, to be read back by the test. */
export function recordingLogger(level: pino.Level): { logger: pino.Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino(
    { level },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return { logger, lines };
}
