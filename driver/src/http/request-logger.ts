import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { pinoHttp } from "pino-http";

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** One log line per request with its id; headers and bodies are never logged. */
export function requestLogger(logger: Logger, shownPath: (path: string) => string = (path) => path) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const incoming = req.headers["x-request-id"];
      const id = typeof incoming === "string" && REQUEST_ID.test(incoming) ? incoming : randomUUID();
      res.setHeader("x-request-id", id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: string; url: string }) => ({
        id: req.id,
        method: req.method,
        path: shownPath(req.url.split("?")[0] ?? ""),
      }),
      res: (res: { statusCode: number }) => ({ status: res.statusCode }),
    },
    // Humanitec repeats every request while it polls: successful answers are debug, the state
    // changes they cause are logged by the lifecycle at info.
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "info" : "debug",
    quietReqLogger: true,
  });
}
