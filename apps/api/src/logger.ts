import pino from "pino";

/** Structured logs; secrets are redacted wherever they might travel. */
export function createLogger(level = process.env.LOG_LEVEL ?? "info") {
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
