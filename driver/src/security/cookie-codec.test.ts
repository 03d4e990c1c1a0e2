import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { CookieCodec, MAX_COOKIE_LENGTH, type CookiePayload } from "./cookie-codec.js";

const payload: CookiePayload = { v: 1, h: "0123456789abcdef", s: "available", t: 1_700_000_000 };
const account = { aws_access_key_id: "AKIAEXAMPLEEXAMPLE", aws_secret_access_key: "x".repeat(40) };

/** A payload whose sealed cookie is exactly `length` characters long (the session token is padding). */
function payloadSealedTo(codec: CookieCodec, length: number): CookiePayload {
  const withToken = (size: number): CookiePayload => ({
    ...payload,
    a: { ...account, aws_session_token: "t".repeat(size) },
  });
  // Every token character adds 4/3 of a character: start near the answer, then check each size.
  const perChar = codec.seal("res-1", withToken(3001)).length - codec.seal("res-1", withToken(1)).length;
  const guess = Math.floor(((length - codec.seal("res-1", withToken(1)).length) * 3000) / perChar);
  for (let size = Math.max(1, guess - 4); size <= guess + 4; size += 1) {
    if (codec.seal("res-1", withToken(size)).length === length) return withToken(size);
  }
  throw new Error(`no payload seals to ${length} characters`);
}

describe("CookieCodec", () => {
  const codec = new CookieCodec(randomBytes(32));

  it("round-trips a payload for the same resource", () => {
    expect(codec.open("res-1", codec.seal("res-1", payload))).toEqual({ kind: "valid", payload });
  });

  it("answers a cookie it verified before from memory, and only for the same resource and text", () => {
    const cookie = codec.seal("res-1", payload);
    const first = codec.open("res-1", cookie);
    expect(codec.open("res-1", cookie)).toBe(first);
    // Bound to its resource: a verified cookie is still rejected for another one.
    expect(codec.open("res-2", cookie)).toMatchObject({ kind: "rejected" });
    // One changed character is another text: decrypted again, and refused.
    // (A character inside the IV: the last one may carry only padding bits and decode the same.)
    const changed = `${cookie.slice(0, 8)}${cookie[8] === "A" ? "B" : "A"}${cookie.slice(9)}`;
    expect(codec.open("res-1", changed)).toMatchObject({ kind: "rejected" });
    expect(codec.open("res-1", cookie)).toBe(first);
  });

  it("round-trips the account credentials, sealed", () => {
    const withAccount = { ...payload, a: account };
    const sealed = codec.seal("res-1", withAccount);
    expect(sealed).not.toContain("AKIA");
    expect(Buffer.from(sealed.slice(3), "base64url").toString("latin1")).not.toContain("AKIA");
    expect(codec.open("res-1", sealed)).toEqual({ kind: "valid", payload: withAccount });
  });

  it("is small, starts with its format version and holds no plaintext", () => {
    const sealed = codec.seal("res-1", payload);
    expect(sealed.length).toBeLessThan(MAX_COOKIE_LENGTH);
    expect(sealed).toMatch(/^c1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain("available");
    expect(Buffer.from(sealed.slice(3), "base64url").toString("latin1")).not.toContain("available");
  });

  it("seals the same payload differently each time (a fresh IV)", () => {
    expect(codec.seal("res-1", payload)).not.toBe(codec.seal("res-1", payload));
  });

  it("refuses a key that is not 32 bytes", () => {
    expect(() => new CookieCodec(randomBytes(31))).toThrow(RangeError);
    expect(() => new CookieCodec(randomBytes(33))).toThrow(/32 bytes/);
  });

  it("treats a missing cookie as absent", () => {
    expect(codec.open("res-1", undefined)).toEqual({ kind: "absent" });
    expect(codec.open("res-1", "")).toEqual({ kind: "absent" });
  });

  it("opens a cookie of 10 KiB - 1 characters and rejects the next size a cookie can have", () => {
    // Humanitec's limit is 10 KiB. Base64url never has 4n+1 characters: after 10 KiB - 1 the next
    // sealed size is 10 KiB + 1.
    expect(MAX_COOKIE_LENGTH).toBe(10 * 1024 - 1);
    const atLimit = codec.seal("res-1", payloadSealedTo(codec, 10 * 1024 - 1));
    expect(atLimit).toHaveLength(10 * 1024 - 1);
    expect(codec.open("res-1", atLimit).kind).toBe("valid");

    const overLimit = codec.seal("res-1", payloadSealedTo(codec, 10 * 1024 + 1));
    expect(codec.open("res-1", overLimit)).toEqual({ kind: "rejected", reason: "longer than 10 KiB" });
  });

  it.each(["creating", "updating", "deleting", "available"] as const)("carries the status %s", (status) => {
    expect(codec.open("res-1", codec.seal("res-1", { ...payload, s: status }))).toEqual({
      kind: "valid",
      payload: { ...payload, s: status },
    });
  });

  it("rejects a cookie in another format version, even when its sealed part is genuine", () => {
    const data = codec.seal("res-1", payload).slice("c1.".length);
    for (const version of ["c2", "C1", "c", ""]) {
      expect(codec.open("res-1", `${version}.${data}`)).toEqual({
        kind: "rejected",
        reason: "unknown cookie format",
      });
    }
    expect(codec.open("res-1", "c1.")).toMatchObject({ kind: "rejected", reason: "unknown cookie format" });
  });

  it("rejects a cookie too short to hold an IV, a tag and any payload as truncated", () => {
    const ivAndTagOnly = Buffer.alloc(12 + 16).toString("base64url");
    expect(codec.open("res-1", `c1.${ivAndTagOnly}`)).toEqual({ kind: "rejected", reason: "truncated" });
    const oneByteMore = Buffer.alloc(12 + 16 + 1).toString("base64url");
    expect(codec.open("res-1", `c1.${oneByteMore}`)).toMatchObject({
      kind: "rejected",
      reason: expect.stringMatching(/^authentication failed/),
    });
  });

  it.each([
    ["another payload version", { ...payload, v: 2 }],
    ["a status the driver never answers", { ...payload, s: "failed" }],
  ])("rejects a genuine cookie with %s", (_name, other) => {
    const sealed = codec.seal("res-1", other as unknown as CookiePayload);
    expect(codec.open("res-1", sealed)).toEqual({ kind: "rejected", reason: "bad payload" });
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
