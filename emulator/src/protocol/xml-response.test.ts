import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { AwsFault } from "./aws-fault.js";
import { renderError, renderResult, xmlList, XML_NAMESPACE } from "./xml-response.js";

const parse = (xml: string) => new XMLParser({ ignoreAttributes: false, parseTagValue: false }).parse(xml);

describe("renderResult", () => {
  it("wraps the result in the action's Response and Result elements with the request id", () => {
    const xml = renderResult(
      "ListTagsForResource",
      { TagList: xmlList([{ Key: "a", Value: "1" }], "Tag"), When: new Date(0), Gone: undefined },
      "req-1",
    );
    const doc = parse(xml).ListTagsForResourceResponse;
    expect(doc["@_xmlns"]).toBe(XML_NAMESPACE);
    expect(doc.ListTagsForResourceResult).toEqual({
      TagList: { Tag: { Key: "a", Value: "1" } },
      When: "1970-01-01T00:00:00.000Z",
    });
    expect(doc.ResponseMetadata.RequestId).toBe("req-1");
  });

  it("escapes text, so a value cannot break the document", () => {
    const xml = renderResult("X", { Message: `<a & "b">` }, "r");
    expect(parse(xml).XResponse.XResult.Message).toBe(`<a & "b">`);
    expect(xml).not.toContain(`<a & "b">`);
  });

  it("writes an empty list as an empty wrapper element", () => {
    expect(renderResult("X", { Items: xmlList([]) }, "r")).toContain("<Items></Items>");
  });
});

describe("renderError", () => {
  it("renders AWS's ErrorResponse with type, code and message", () => {
    const doc = parse(
      renderError(new AwsFault("UserNotFound", 404, "User x not found."), "req-2"),
    ).ErrorResponse;
    expect(doc.Error).toEqual({ Type: "Sender", Code: "UserNotFound", Message: "User x not found." });
    expect(doc.RequestId).toBe("req-2");
  });
});
