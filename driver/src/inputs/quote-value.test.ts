import { describe, expect, it } from "vitest";
import { quoteValue } from "./quote-value.js";

describe("quoteValue", () => {
  it("quotes scalars as JSON does", () => {
    expect(quoteValue("memcache")).toBe('"memcache"');
    expect(quoteValue(7)).toBe("7");
    expect(quoteValue(true)).toBe("true");
    expect(quoteValue(null)).toBe("null");
    expect(quoteValue(undefined)).toBe("undefined");
  });

  it("shows two levels of nesting and five entries of each", () => {
    expect(quoteValue({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(quoteValue([[[1]]])).toBe("[[[...]]]");
    expect(quoteValue([1, 2, 3, 4, 5, 6, 7])).toBe("[1,2,3,4,5,...]");
    expect(quoteValue({}, 10)).toBe("{}");
  });

  it("cuts the text to the length asked for", () => {
    expect(quoteValue("x".repeat(1000))).toHaveLength(60);
    expect(quoteValue("x".repeat(1000))).toMatch(/^"x+\.\.\.$/);
    expect(quoteValue({ key: "value" }, 8)).toBe('{"key...');
  });

  it("describes a value nested 100,000 levels deep without walking it", () => {
    let deep: unknown = 1;
    for (let level = 0; level < 100_000; level += 1) deep = level % 2 === 0 ? [deep] : { k: deep };
    expect(quoteValue(deep)).toBe('{"k":[{...}]}');
  });
});
