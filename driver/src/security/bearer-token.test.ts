import { describe, expect, it } from "vitest";
import { bearerToken, tokenMatches } from "./bearer-token.js";

describe("bearer tokens", () => {
  it("extracts the token of a Bearer header, case-insensitively", () => {
    expect(bearerToken("Bearer abc.def")).toBe("abc.def");
    expect(bearerToken("bearer   abc")).toBe("abc");
    expect(bearerToken("BEARER abc")).toBe("abc");
  });

  it("ignores spaces after the token", () => {
    expect(bearerToken("Bearer abc  ")).toBe("abc");
  });

  it.each([
    undefined,
    "",
    "Basic abc",
    "Bearer",
    "Bearer ",
    "Bearerabc",
    "Bearer a b",
    "XBearer abc",
    " Bearer abc",
    "Token Bearer abc",
    "Bearer abc x",
  ])("finds no token in %j", (header) => {
    expect(bearerToken(header)).toBeUndefined();
  });

  it("matches only the exact token, whatever the lengths", () => {
    expect(tokenMatches("s3cret-token-value", "s3cret-token-value")).toBe(true);
    expect(tokenMatches("s3cret-token-value", "s3cret-token-valuE")).toBe(false);
    expect(tokenMatches("s3cret-token-value", "s3cret")).toBe(false);
    expect(tokenMatches("s3cret-token-value", "")).toBe(false);
  });
});
