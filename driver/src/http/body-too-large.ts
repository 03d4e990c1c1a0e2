import { DriverError } from "../errors.js";

/** The one answer to a body over the limit, whether its length was declared or counted. */
export const bodyTooLarge = (limitBytes: number): DriverError =>
  new DriverError("RES-106", `the body is larger than ${limitBytes} bytes`, {
    field: "body",
    fix: "send only InputData; driver inputs are small",
  });
