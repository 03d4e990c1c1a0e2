import { XMLBuilder } from "fast-xml-parser";
import type { AwsFault } from "./aws-fault.js";

export const API_VERSION = "2015-02-02";
export const XML_NAMESPACE = `http://elasticache.amazonaws.com/doc/${API_VERSION}/`;

/**
 * A value of a response body: text, numbers, booleans and dates become element text, objects
 * become nested elements, arrays repeat their element. `undefined` fields are left out.
 */
export type XmlValue = string | number | boolean | Date | undefined | XmlObject | XmlValue[];
export interface XmlObject {
  [element: string]: XmlValue;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  suppressEmptyNode: false,
});

/** Dates as ISO 8601 (what the SDK's date-time parser reads); undefined fields dropped. */
function normalise(value: XmlValue): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.filter((item) => item !== undefined).map(normalise);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) out[key] = normalise(field);
    }
    return out;
  }
  return value;
}

/** A list in the Query protocol's XML: a wrapper element holding one `member` element per item. */
export const xmlList = (items: readonly XmlValue[], member = "member"): XmlObject =>
  items.length === 0 ? {} : { [member]: [...items] };

/** `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…` as AWS sends it. */
export function renderResult(action: string, result: XmlObject | undefined, requestId: string): string {
  const body = {
    [`${action}Response`]: {
      "@_xmlns": XML_NAMESPACE,
      ...(result === undefined ? {} : { [`${action}Result`]: normalise(result) }),
      ResponseMetadata: { RequestId: requestId },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(body) as string}`;
}

/** `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/>` as AWS sends it. */
export function renderError(fault: AwsFault, requestId: string): string {
  const body = {
    ErrorResponse: {
      "@_xmlns": XML_NAMESPACE,
      Error: { Type: fault.type, Code: fault.code, Message: fault.message },
      RequestId: requestId,
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(body) as string}`;
}
