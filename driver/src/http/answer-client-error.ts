import { STATUS_CODES, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { DriverError } from "../errors.js";

/** Node's code for a request whose headers or body did not arrive within the server's timeouts. */
const TIMED_OUT = "ERR_HTTP_REQUEST_TIMEOUT";

function asDriverError(code: string | undefined): DriverError {
  if (code === TIMED_OUT) {
    return new DriverError("RES-121", "the request did not arrive in time", {
      fix: "send the headers and the whole body without pausing; see DRIVER_HEADERS_TIMEOUT_MS and DRIVER_REQUEST_TIMEOUT_MS",
    });
  }
  if (code === "HPE_HEADER_OVERFLOW") {
    return new DriverError("RES-122", "the request headers are too large", {
      field: "headers",
      fix: "send only the headers the contract needs (Authorization, Content-Type, the driver cookie)",
    });
  }
  return new DriverError("RES-120", `the request is not valid HTTP/1.1 (${code ?? "unreadable"})`, {
    fix: "send a well-formed HTTP/1.1 request",
  });
}

/**
 * The server's `clientError` listener: a request Node itself cannot parse, or one that did not
 * arrive within the timeouts, gets the contract's Error body instead of Node's empty answer, and
 * the connection is closed.
 */
export function answerClientError(logger: Logger) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    // An answer already on its way on this connection must not be interleaved with another one.
    const pending = (socket as { _httpMessage?: ServerResponse })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }
    const driverError = asDriverError(error.code);
    logger.info({ err: { code: driverError.code, parser: error.code } }, "request rejected before routing");
    const body = JSON.stringify({ error: driverError.code, message: driverError.publicMessage });
    socket.end(
      [
        `HTTP/1.1 ${driverError.status} ${STATUS_CODES[driverError.status] ?? ""}`,
        "Content-Type: application/json; charset=utf-8",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "Connection: close",
        "",
        body,
      ].join("\r\n"),
    );
  };
}
