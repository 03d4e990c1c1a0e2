import { describe, expect, it } from "vitest";
import { AppError } from "./app-error.js";
import { MAX_VALUE_BYTES, parseValueBody, validateKey } from "./key-rules.js";

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe("validateKey", () => {
  it("accepts letters, digits and . _ - :", () => {
    expect(validateKey("user:42.name_v-1")).toBe("user:42.name_v-1");
  });

  it.each(["", "has space", "slash/inside", "é", "x".repeat(129)])("rejects %j with APP-101", (key) => {
    const error = errorOf(() => validateKey(key));
    expect(error.code).toBe("APP-101");
    expect(error.message).toMatch(/^key: must be 1-128 characters of letters, digits/);
  });
});

describe("parseValueBody", () => {
  it("returns the string value", () => {
    expect(parseValueBody({ value: "hello" })).toBe("hello");
    expect(parseValueBody({ value: "" })).toBe("");
  });

  it.each([
    [null, "APP-102", "body: must be a JSON object"],
    [["value"], "APP-102", "body: must be a JSON object"],
    ["hello", "APP-102", "body: must be a JSON object"],
    [{}, "APP-102", "value: required"],
    [{ value: 42 }, "APP-102", "value: must be a string, got number"],
    [{ value: null }, "APP-102", "value: must be a string, got null"],
    [{ value: "x", ttl: 5 }, "APP-102", 'body: unknown field "ttl"; only "value" is accepted'],
    [
      { value: "é".repeat(MAX_VALUE_BYTES / 2 + 1) },
      "APP-103",
      `more than the limit of ${MAX_VALUE_BYTES} bytes`,
    ],
  ])("rejects %j", (body, code, text) => {
    const error = errorOf(() => parseValueBody(body));
    expect(error.code).toBe(code);
    expect(error.message).toContain(text);
  });
});
