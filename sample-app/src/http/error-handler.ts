import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { CacheError } from "../cache/cache-error.js";
import { AppError } from "./app-error.js";
import type { ErrorBody } from "./app-error.js";
import { MAX_VALUE_BYTES } from "./key-rules.js";

const ROUTES =
  "GET /, GET /healthz, GET /readyz, GET /api/status, GET|POST /api/visits, GET|PUT /api/keys/:key";

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError("APP-106", `${req.method} ${req.path}: no such route; this app serves ${ROUTES}`));
};

/** Registered last: turns every error into the `{ error, message }` body; unknown ones become a logged 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = toAppError(error);
    if (appError.code === "APP-199") {
      logger.error({ err: error, method: req.method, path: req.path }, "unhandled error");
    } else if (appError.status >= 500) {
      logger.warn({ code: appError.code, method: req.method, path: req.path }, appError.message);
    }
    if (res.headersSent) return;
    if (appError.status === 503) res.set("Retry-After", "1");
    res.status(appError.status).json({ error: appError.code, message: appError.message } satisfies ErrorBody);
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof CacheError) {
    const code = error.failure.kind === "rejected" ? "APP-151" : "APP-150";
    return new AppError(code, `cache: ${error.failure.reason}`, { cause: error });
  }
  switch (bodyParserType(error)) {
    case "entity.parse.failed":
      return new AppError("APP-100", 'body: is not valid JSON; send a JSON object like {"value": "hello"}');
    case "entity.too.large":
      return new AppError(
        "APP-103",
        `body: too large; values may be at most ${MAX_VALUE_BYTES} bytes (UTF-8), store a smaller value`,
      );
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError("APP-105", "Content-Type: use application/json with charset utf-8");
    default:
      return new AppError("APP-199", "Internal error; the app's logs have the details");
  }
}

/** body-parser marks its errors with a `type` string. */
function bodyParserType(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null || !("type" in error)) return undefined;
  return typeof error.type === "string" ? error.type : undefined;
}
