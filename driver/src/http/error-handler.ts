import type { ErrorRequestHandler, Request } from "express";
import { DriverError } from "../errors.js";
import { bodyTooLarge } from "./body-too-large.js";
import { unsupportedBodyEncoding } from "./unsupported-body-encoding.js";

/** What Express, its router, body-parser and zlib attach to the errors they raise. */
interface HttpLibraryError extends Error {
  type?: string;
  status?: number;
  statusCode?: number;
}

/**
 * Maps the failures of the HTTP libraries to the project's codes: body-parser's by their `type`,
 * any other that carries a 4xx status (the router's bad percent-encoding, a body that does not
 * decompress) by what the request got wrong. A library's own message is never shown: it may quote
 * the request.
 */
function fromHttpLibrary(error: HttpLibraryError, req: Request, limitBytes: number): DriverError | undefined {
  switch (error.type) {
    case "entity.too.large":
      return bodyTooLarge(limitBytes);
    case "encoding.unsupported":
    case "charset.unsupported":
      return unsupportedBodyEncoding();
    case "request.aborted":
    case "request.size.invalid":
      return new DriverError("RES-100", "the body was cut short", {
        field: "body",
        fix: "send the whole body",
      });
  }
  const status = error.status ?? error.statusCode;
  if (typeof status !== "number" || status < 400 || status > 499) return undefined;
  if (error instanceof URIError) {
    return new DriverError("RES-103", "the path is not valid percent-encoding", {
      field: "path",
      fix: "write each escaped byte as % and two hex digits; a GUResID needs no escaping",
    });
  }
  const encoding = req.headers["content-encoding"];
  if (encoding !== undefined && encoding.toLowerCase() !== "identity") {
    return new DriverError("RES-120", `the body is not valid ${JSON.stringify(encoding.slice(0, 20))} data`, {
      field: "content-encoding",
      fix: "compress the body with the encoding the header names, or send plain JSON without Content-Encoding",
    });
  }
  return new DriverError("RES-120", "the request could not be read", {
    fix: "send an HTTP/1.1 request with a JSON body, as the OpenAPI document at GET /openapi.json describes",
  });
}

/** The last middleware: every error becomes the contract's Error body; internals never leak. */
export function errorHandler(limitBytes: number): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const known =
      error instanceof DriverError
        ? error
        : error instanceof Error
          ? fromHttpLibrary(error as HttpLibraryError, req, limitBytes)
          : undefined;
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
