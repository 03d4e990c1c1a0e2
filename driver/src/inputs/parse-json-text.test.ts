import { describe, expect, it } from "vitest";
import { DriverError } from "../errors.js";
import { parseJsonText } from "./parse-json-text.js";

describe("parseJsonText", () => {
  it("answers what JSON makes of the text, whatever its kind", () => {
    expect(parseJsonText('{"type":"redis"}')).toEqual({ type: "redis" });
    expect(parseJsonText(" [1, 2] ")).toEqual([1, 2]);
    expect(parseJsonText("null")).toBeNull();
  });

  it("answers undefined for no body (no text, or an empty one)", () => {
    expect(parseJsonText(undefined)).toBeUndefined();
    expect(parseJsonText("")).toBeUndefined();
  });

  it("turns text that is not JSON into a 400 naming the body, without quoting it", () => {
    for (const text of ["{", "  ", "{'type': 'secret-value'}", "undefined"]) {
      let caught: unknown;
      try {
        parseJsonText(text);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DriverError);
      expect(caught).toMatchObject({ code: "RES-100", status: 400, field: "body" });
      expect(String((caught as Error).message)).not.toContain("secret-value");
    }
  });
});
