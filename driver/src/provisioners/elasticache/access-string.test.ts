import { describe, expect, it } from "vitest";
import { FULL_ACCESS, NO_ACCESS, prefixAccess } from "./access-string.js";

describe("access strings", () => {
  it("confine a shared user to its key and channel prefix without dangerous commands", () => {
    expect(prefixAccess("hk-abcdefghijklmnop:")).toBe(
      "on ~hk-abcdefghijklmnop:* &hk-abcdefghijklmnop:* +@all -@dangerous",
    );
  });

  it("refuse a prefix that would widen the pattern", () => {
    expect(() => prefixAccess("*")).toThrow(RangeError);
    expect(() => prefixAccess("a b:")).toThrow(RangeError);
  });

  it("give a resource's own user everything and switch the stand-in default user off", () => {
    expect(FULL_ACCESS).toBe("on ~* &* +@all");
    expect(NO_ACCESS.startsWith("off")).toBe(true);
  });
});
