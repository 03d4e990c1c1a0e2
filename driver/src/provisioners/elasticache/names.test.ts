import { describe, expect, it } from "vitest";
import { finalSnapshotName, resourceNames } from "./names.js";

const ELASTICACHE_NAME = /^[a-z](?!.*--)[a-z0-9-]{0,39}(?<!-)$/;
const GURESID = "0123456789abcdef0123456789abcdef01234567";

describe("resourceNames", () => {
  it("gives every AWS object of a resource a distinct name within ElastiCache's rules", () => {
    const names = resourceNames(GURESID);
    const { keyPrefix, ...ids } = names;
    for (const [purpose, name] of Object.entries(ids)) expect(name, purpose).toMatch(ELASTICACHE_NAME);
    expect(new Set(Object.values(ids)).size).toBe(Object.keys(ids).length);
    expect(keyPrefix).toMatch(/^hk-[a-z2-7]{16}:$/);
  });

  it("is the same for the same GUResID and different for another", () => {
    expect(resourceNames(GURESID)).toEqual(resourceNames(GURESID));
    const other = resourceNames(GURESID.replace(/7$/, "8"));
    expect(other.cache).not.toBe(resourceNames(GURESID).cache);
    expect(other.keyPrefix).not.toBe(resourceNames(GURESID).keyPrefix);
  });
});

describe("finalSnapshotName", () => {
  it("is the cache id and the UTC minute", () => {
    expect(finalSnapshotName("hk-abc-xyz", new Date("2026-11-24T10:05:59Z"))).toBe(
      "hk-abc-xyz-final-202611241005",
    );
  });
});
