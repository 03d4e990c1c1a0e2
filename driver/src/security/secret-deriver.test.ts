import { describe, expect, it } from "vitest";
import { SecretDeriver } from "./secret-deriver.js";

const KEY = "k".repeat(32);

/**
 * Fixed vectors, computed apart from this code (RFC 5869 HKDF-SHA256 with an empty salt and the
 * info strings "elasticache-driver-kit/password" and ".../cookie", then HMAC-SHA256 over
 * `${generation}\0${guresid}`). Every deployed resource's password depends on them: a change to
 * the derivation would silently hand out new passwords after an upgrade.
 */
const VECTOR_KEY = "0123456789abcdef".repeat(4);
const VECTOR_ID = "0123456789abcdef0123456789abcdef01234567";

describe("SecretDeriver", () => {
  it.each([
    [VECTOR_ID, 0, "46cd4175a9294c75d4d694192c30700acfaf2cb87a3ccee1f9e636e440a975ac"],
    [VECTOR_ID, 3, "724621acad481310c731c3a0be114e4b92767be5474c082deca462695934ac9b"],
    ["app-redis-0001", 0, "d8f2743763fb96c4886ec214bf49bd5c4b7dc00242342370c95a2ebd1d3bcfe0"],
  ])("derives the pinned password for %s, generation %i", (guresid, generation, expected) => {
    expect(new SecretDeriver(VECTOR_KEY).password(guresid, generation)).toBe(expected);
  });

  it("derives the pinned cookie key", () => {
    expect(new SecretDeriver(VECTOR_KEY).cookieKey().toString("hex")).toBe(
      "4c35b2882f1239ae6035036c9f5f00feb5c209720e2f0f57d1f9b24dcd401e20",
    );
  });

  it("derives the same password for the same resource and generation in any instance", () => {
    expect(new SecretDeriver(KEY).password("abc123", 0)).toBe(new SecretDeriver(KEY).password("abc123", 0));
  });

  it("derives different passwords per resource, generation and key", () => {
    const deriver = new SecretDeriver(KEY);
    const base = deriver.password("abc123", 0);
    expect(deriver.password("abc124", 0)).not.toBe(base);
    expect(deriver.password("abc123", 1)).not.toBe(base);
    expect(new SecretDeriver("j".repeat(32)).password("abc123", 0)).not.toBe(base);
  });

  it("fits ElastiCache's AUTH token rules", () => {
    const password = new SecretDeriver(KEY).password("a".repeat(40), 7);
    expect(password).toMatch(/^[0-9a-f]{64}$/);
  });

  it("keeps the cookie key apart from password material", () => {
    const deriver = new SecretDeriver(KEY);
    expect(deriver.cookieKey()).toHaveLength(32);
    expect(deriver.cookieKey().toString("hex")).not.toBe(deriver.password("", 0));
  });

  it("accepts a key of exactly 32 characters and rejects 31", () => {
    expect(() => new SecretDeriver("x".repeat(32))).not.toThrow();
    expect(() => new SecretDeriver("x".repeat(31))).toThrow(/at least 32/);
  });
});
