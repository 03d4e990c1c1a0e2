import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CookieCodec, MAX_COOKIE_LENGTH, type CookiePayload } from "./cookie-codec.js";

const payload: CookiePayload = { v: 1, h: "0123456789abcdef", s: "available", t: 1_700_000_000 };

describe("CookieCodec", () => {
  const codec = new CookieCodec(randomBytes(32));

  it("round-trips a payload for the same resource", () => {
    expect(codec.open("res-1", codec.seal("res-1", payload))).toEqual({ kind: "valid", payload });
  });

  it("is small and holds no plaintext", () => {
    const sealed = codec.seal("res-1", payload);
    expect(sealed.length).toBeLessThan(MAX_COOKIE_LENGTH);
    expect(sealed).not.toContain("available");
    expect(Buffer.from(sealed.slice(3), "base64url").toString("latin1")).not.toContain("available");
  });

  it("treats a missing cookie as absent", () => {
    expect(codec.open("res-1", undefined)).toEqual({ kind: "absent" });
    expect(codec.open("res-1", "")).toEqual({ kind: "absent" });
  });

  it.each([
    ["another resource's cookie", (sealed: string) => ({ id: "res-2", value: sealed })],
    ["a tampered cookie", (sealed: string) => ({ id: "res-1", value: `${sealed.slice(0, -2)}AA` })],
    [
      "another key's cookie",
      () => ({ id: "res-1", value: new CookieCodec(randomBytes(32)).seal("res-1", payload) }),
    ],
    ["garbage", () => ({ id: "res-1", value: "not-a-cookie" })],
    ["a truncated cookie", () => ({ id: "res-1", value: "c1.AAAA" })],
    ["an oversized cookie", () => ({ id: "res-1", value: `c1.${"A".repeat(MAX_COOKIE_LENGTH)}` })],
  ])("rejects %s", (_name, make) => {
    const { id, value } = make(codec.seal("res-1", payload));
    expect(codec.open(id, value).kind).toBe("rejected");
  });
});
