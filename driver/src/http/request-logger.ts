import { randomUUID } from "node:crypto";
import { IncomingMessage, ServerResponse } from "node:http";
import type { Request, RequestHandler, Response } from "express";
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
const BASE_LOGGER = Symbol("base logger");
const OWN_LOGGER = Symbol("request logger");
const STARTED = Symbol("request started");

interface LoggedRequest extends IncomingMessage {
  [BASE_LOGGER]?: Logger;
  [OWN_LOGGER]?: Logger;
}

interface TimedResponse extends ServerResponse {
  [STARTED]?: number;
}

// `req.log` is an accessor on the prototype, defined once: an accessor defined on each request
// would turn every request object into a slow dictionary-mode object.
Object.defineProperty(IncomingMessage.prototype, "log", {
  configurable: true,
  enumerable: false,
  get(this: LoggedRequest) {
    const base = this[BASE_LOGGER];
    if (base === undefined) return undefined;
    return (this[OWN_LOGGER] ??= base.child({ reqId: this.id }));
  },
  set(this: LoggedRequest, value: Logger) {
    this[OWN_LOGGER] = value;
  },
});

/** Milliseconds since the request logger saw the request, or undefined for a request it did not see. */
function elapsedMs(res: ServerResponse): number | undefined {
  const started = (res as TimedResponse)[STARTED];
  return started === undefined ? undefined : performance.now() - started;
}

/**
 * How long the driver took, in `Server-Timing`, written as the headers go out. The response
 * prototype of the app gets the hook once, so a request pays for no wrapper of its own.
 */
export function addServerTiming(response: Response): void {
  const writeHead = ServerResponse.prototype.writeHead;
  Object.defineProperty(response, "writeHead", {
    configurable: true,
    writable: true,
    value: function (this: ServerResponse, ...args: Parameters<typeof writeHead>) {
      const ms = elapsedMs(this);
      if (ms !== undefined && !this.headersSent) this.setHeader("Server-Timing", `app;dur=${ms.toFixed(2)}`);
      return writeHead.apply(this, args);
    },
  });
}

/** Called once per request whose answer was written; `ms` as in the log line. */
export type RequestDone = (req: Request, res: Response, ms: number) => void;

/**
 * One log line per request with its id; headers and bodies are never logged. Humanitec repeats
 * every request while it polls, so successful answers are logged at debug (the state changes they
 * cause are logged by the lifecycle at info), client errors at info, server errors at error; a
 * caller that hangs up before the answer gets "request aborted" at info. The per-request logger
 * is only built when something logs through it: most polls log nothing.
 */
export function requestLogger(
  logger: Logger,
  shownPath: (path: string) => string = (path) => path,
  done?: RequestDone,
): RequestHandler {
  return (req, res, next) => {
    const incoming = req.headers["x-request-id"];
    const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader("x-request-id", id);
    req.id = id;
    (req as LoggedRequest)[BASE_LOGGER] = logger;
    (res as TimedResponse)[STARTED] = performance.now();
    // One listener for every ending: `close` follows `finish`, and comes alone when the caller left.
    // A response closes once, so `on` does what `once` would, without its wrapper per request.
    res.on("close", () => {
      const ms = elapsedMs(res) ?? 0;
      const finished = res.writableFinished;
      if (finished) done?.(req, res, ms);
      const level = !finished
        ? "info"
        : res.statusCode >= 500
          ? "error"
          : res.statusCode >= 400
            ? "info"
            : "debug";
      if (!logger.isLevelEnabled(level)) return;
      const line = {
        req: { id, method: req.method, path: shownPath(req.originalUrl.split("?")[0] ?? "") },
        res: { status: res.statusCode },
        responseTime: Math.round(ms),
      };
      req.log[level](line, finished ? "request completed" : "request aborted");
    });
    // Everything the request causes, down to the provisioner's background work, logs its id.
    requestContext.run({ requestId: id }, next);
  };
}
