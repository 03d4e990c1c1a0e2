import { DriverError } from "../errors.js";

/** The one answer to a body in a charset or content encoding the driver does not read. */
export const unsupportedBodyEncoding = (): DriverError =>
  new DriverError("RES-105", "unsupported body encoding or charset", {
    field: "content-type",
    fix: "send UTF-8 JSON without content encoding",
  });
