import { pino } from "pino";
import type { DestinationStream, Logger } from "pino";
import type { LogLevel } from "../config/env-schema.js";

/**
 * Paths that could hold a credential if someone logs a config or request object; the app never logs
 * them on purpose, this is the safety net.
 */
const REDACT_PATHS = [
  "password",
  "*.password",
  "*.*.password",
  "url",
  "*.url",
  "REDIS_PASSWORD",
  "REDIS_URL",
  "*.REDIS_PASSWORD",
  "*.REDIS_URL",
  'req.headers["authorization"]',
  'req.headers["cookie"]',
];

/** JSON logs on stdout, or on `destination` (tests capture them). */
export function createLogger(level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "sample-app" },
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  return destination ? pino(options, destination) : pino(options);
}
