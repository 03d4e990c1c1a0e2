import { describe, expect, it } from "vitest";
import { AwsFault } from "../protocol/aws-fault.js";
import { checkAuthToken, checkModifiedAuthToken } from "./auth-token.js";

const faultOf = (check: () => unknown): string => {
  try {
    check();
  } catch (error) {
    if (error instanceof AwsFault) return `${error.code}: ${error.message}`;
    throw error;
  }
  return "valid";
};

describe("checkAuthToken", () => {
  it("accepts 16–128 characters with the permitted specials", () => {
    expect(faultOf(() => checkAuthToken("AuthToken", "Abcdefgh12345678"))).toBe("valid");
    expect(faultOf(() => checkAuthToken("AuthToken", "!&#$^<>-".repeat(2)))).toBe("valid");
    expect(faultOf(() => checkAuthToken("AuthToken", "x".repeat(128)))).toBe("valid");
  });

  it.each([
    ["too short", "short-token", /at least 16/],
    ["too long", "x".repeat(129), /no more than 128/],
    ["a space", "abcdefgh 12345678", /printable ASCII/],
    ["a forbidden special", "abcdefgh12345678@", /only permitted printable special characters/],
  ])("refuses a token with %s without echoing it", (_label, token, rule) => {
    const text = faultOf(() => checkAuthToken("AuthToken", token));
    expect(text).toMatch(/^InvalidParameterValue: AuthToken: /);
    expect(text).toMatch(rule);
    expect(text).not.toContain(token);
  });
});

describe("checkModifiedAuthToken", () => {
  it("follows the looser rule of modifications", () => {
    expect(faultOf(() => checkModifiedAuthToken("AuthToken", "abcdefgh12345678*"))).toBe("valid");
    expect(faultOf(() => checkModifiedAuthToken("AuthToken", "abcdefgh12345678@"))).toMatch(/'@'/);
  });
});
