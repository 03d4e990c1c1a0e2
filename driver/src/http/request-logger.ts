import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import { requestContext } from "../logging/request-context.js";

declare module "node:http" {
  interface IncomingMessage {
    /** The request id: the caller's valid `X-Request-Id`, else a generated one. */
    id: string;
    /** A logger whose lines carry `reqId`; built on first use. */
    log: Logger;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * One log line per request with its id; headers and bodies are never logged. Humanitec repeats
 * every request while it polls, so successful answers are logged at debug (the state changes they
 * cause are logged by the lifecycle at info), client errors at info, server errors at error. The
 * per-request logger is only built when something logs through it: most polls log nothing.
 */
export function requestLogger(
  logger: Logger,
  shownPath: (path: string) => string = (path) => path,
): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader("x-request-id", id);
    req.id = id;
    let log: Logger | undefined;
    Object.defineProperty(req, "log", {
      configurable: true,
      enumerable: false,
      get: () => (log ??= logger.child({ reqId: id })),
      set: (value: Logger) => {
        log = value;
      },
    });
    const started = performance.now();
    const line = () => ({
      req: { id, method: req.method, path: shownPath(req.originalUrl.split("?")[0] ?? "") },
      res: { status: res.statusCode },
      responseTime: Math.round(performance.now() - started),
    });
    res.once("finish", () => {
      const level = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "info" : "debug";
      if (logger.isLevelEnabled(level)) req.log[level](line(), "request completed");
    });
    // A caller that hangs up before the answer is written gets a line too: it is rare and worth one.
    res.once("close", () => {
      if (!res.writableFinished) req.log.info(line(), "request aborted");
    });
    // Everything the request causes, down to the provisioner's background work, logs its id.
    requestContext.run({ requestId: id }, next);
  };
}
