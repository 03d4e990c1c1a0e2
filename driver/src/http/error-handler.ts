import type { ErrorRequestHandler } from "express";
import { DriverError } from "../errors.js";

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

/** Maps body-parser's failures (they carry a `type`) to the project's codes. */
function fromBodyParser(error: BodyParserError, limitBytes: number): DriverError | undefined {
  switch (error.type) {
    case "entity.parse.failed":
      return new DriverError("RES-100", "the body is not valid JSON", {
        field: "body",
        fix: "send InputData as a JSON object and check quoting, commas and brackets",
      });
    case "entity.too.large":
      return new DriverError("RES-106", `the body is larger than ${limitBytes} bytes`, {
        field: "body",
        fix: "send only InputData; driver inputs are small",
      });
    case "encoding.unsupported":
    case "charset.unsupported":
      return new DriverError("RES-105", "unsupported body encoding or charset", {
        field: "content-type",
        fix: "send UTF-8 JSON without content encoding",
      });
    case "request.aborted":
    case "request.size.invalid":
      return new DriverError("RES-100", "the body was cut short", {
        field: "body",
        fix: "send the whole body",
      });
    default:
      return undefined;
  }
}

/** The last middleware: every error becomes the contract's Error body; internals never leak. */
export function errorHandler(limitBytes: number): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known = error instanceof DriverError ? error : fromBodyParser(error as BodyParserError, limitBytes);
    if (known) {
      req.log?.info(
        { guresid: res.locals.guresid, err: { code: known.code, message: known.publicMessage } },
        "request rejected",
      );
      if (known.retryAfterSeconds !== undefined)
        res.setHeader("Retry-After", String(known.retryAfterSeconds));
      res.status(known.status).json({
        error: known.code,
        message: known.publicMessage,
        ...(known.details && Object.keys(known.details).length > 0 ? { details: known.details } : {}),
      });
      return;
    }
    req.log?.error({ guresid: res.locals.guresid, err: error }, "unexpected error");
    res.status(500).json({
      error: "RES-199",
      message: "internal error; the driver's log has the details under this request id",
      details: { request_id: String(req.id ?? "") },
    });
  };
}
