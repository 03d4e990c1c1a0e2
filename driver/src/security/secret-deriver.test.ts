import { describe, expect, it } from "vitest";
import { SecretDeriver } from "./secret-deriver.js";

const KEY = "k".repeat(32);

describe("SecretDeriver", () => {
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

  it("rejects a short key", () => {
    expect(() => new SecretDeriver("short")).toThrow(/at least 32/);
  });
});
