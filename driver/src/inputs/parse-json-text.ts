import { DriverError } from "../errors.js";

/** The answer to a body that is not JSON. */
function bodyNotJson(): DriverError {
  return new DriverError("RES-100", "the body is not valid JSON", {
    field: "body",
    fix: "send InputData as a JSON object and check quoting, commas and brackets",
  });
}

/**
 * What JSON makes of a body's text, or undefined when there is no body (no text, or an empty one).
 * Text that is not JSON is a 400 naming the body; the parser's own message is never shown, as it
 * may quote the request.
 */
export function parseJsonText(text: string | undefined): unknown {
  if (text === undefined || text.length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw bodyNotJson();
  }
}
