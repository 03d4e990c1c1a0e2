import pino, { type DestinationStream, type Logger } from "pino";
import { requestContext } from "./request-context.js";

/**
 * Paths pino blanks out wherever they appear in a log line. Request and response headers are never
 * logged whole (see request-logger.ts); these catch secrets that reach a log line by other routes.
 */
export const REDACTED_PATHS = [
  "password",
  "*.password",
  "secrets",
  "*.secrets",
  "url",
  "*.url",
  "token",
  "*.token",
  "authorization",
  "*.authorization",
  "cookie",
  "*.cookie",
  "account",
  "*.account",
  "aws_secret_access_key",
  "*.aws_secret_access_key",
  "secretKey",
  "*.secretKey",
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: "elasticache-driver" },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // Lines written while serving a request (the lifecycle's, a provisioner's) carry its id; the
    // request's own logger already binds it.
    mixin: (_object: object, _level: number, logger: Logger) => {
      const context = requestContext.getStore();
      return context && !("reqId" in logger.bindings()) ? { reqId: context.requestId } : {};
    },
  };
  // Asynchronous stdout: a status poll must not wait for its log line to reach the pipe.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: false }));
}
