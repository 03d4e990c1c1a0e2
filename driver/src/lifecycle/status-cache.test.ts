import { describe, expect, it } from "vitest";
import { StatusCache } from "./status-cache.js";

describe("StatusCache", () => {
  it("shares one in-flight lookup between concurrent callers", async () => {
    const cache = new StatusCache<number>(0);
    let loads = 0;
    const load = async () => {
      loads += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return loads;
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => cache.get("a", load)));
    expect(new Set(results)).toEqual(new Set([1]));
    expect(loads).toBe(1);
  });

  it("answers from the cache until the ttl passes or the key is invalidated", async () => {
    let now = 0;
    let loads = 0;
    const cache = new StatusCache<number>(100, () => now);
    const load = async () => ++loads;
    expect(await cache.get("a", load)).toBe(1);
    now = 99;
    expect(await cache.get("a", load)).toBe(1);
    now = 100;
    expect(await cache.get("a", load)).toBe(2);
    cache.invalidate("a");
    expect(await cache.get("a", load)).toBe(3);
  });

  it("does not cache failures", async () => {
    const cache = new StatusCache<number>(1000);
    await expect(cache.get("a", () => Promise.reject(new Error("throttled")))).rejects.toThrow("throttled");
    expect(await cache.get("a", async () => 7)).toBe(7);
  });
});
