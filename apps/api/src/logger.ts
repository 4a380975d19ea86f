import pino from "pino";

/** Structured logs at the given level (config.logLevel); secrets are redacted wherever they might travel. */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: "headcount-api" },
    redact: {
      paths: [
        "password",
        "*.password",
        "passwordHash",
        "*.passwordHash",
        "token",
        "*.token",
        "req.headers.cookie",
        'req.headers["set-cookie"]',
        "variables.password",
      ],
      censor: "[redacted]",
    },
  });
}

export type Logger = ReturnType<typeof createLogger>;
