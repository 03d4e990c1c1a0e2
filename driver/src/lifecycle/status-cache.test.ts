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

  it("does not let a lookup that raced with an invalidation replace the newer answer", async () => {
    const cache = new StatusCache<string>(1000, () => 0);
    let finishOld = (_value: string) => {};
    const old = cache.get("a", () => new Promise<string>((resolve) => (finishOld = resolve)));
    cache.invalidate("a");
    expect(await cache.get("a", async () => "new")).toBe("new");
    finishOld("old");
    expect(await old).toBe("old");
    expect(await cache.get("a", async () => "reloaded")).toBe("new");
    expect(cache.lastKnown("a")).toBe("new");
  });

  it("keeps sharing the newer lookup when a lookup from before an invalidation ends", async () => {
    const cache = new StatusCache<string>(1000, () => 0);
    let finishOld = (_value: string) => {};
    let finishNew = (_value: string) => {};
    let loads = 0;
    const old = cache.get("a", () => new Promise<string>((resolve) => (finishOld = resolve)));
    cache.invalidate("a");
    const newer = cache.get("a", () => new Promise<string>((resolve) => (finishNew = resolve)));
    finishOld("old");
    await old;
    const joined = cache.get("a", async () => `extra ${++loads}`);
    finishNew("new");
    expect(await Promise.all([newer, joined])).toEqual(["new", "new"]);
    expect(loads).toBe(0);
  });

  it("looks up afresh when asked right after an invalidation of an in-flight lookup", async () => {
    const cache = new StatusCache<string>(1000, () => 0);
    let finishOld = (_value: string) => {};
    const old = cache.get("a", () => new Promise<string>((resolve) => (finishOld = resolve)));
    cache.invalidate("a");
    expect(await cache.get("a", async () => "fresh")).toBe("fresh");
    finishOld("old");
    await old;
  });

  it("remembers the last answer however old, and what a change says until the next lookup", async () => {
    let now = 0;
    const cache = new StatusCache<string>(100, () => now);
    expect(cache.lastKnown("a")).toBeUndefined();
    await cache.get("a", async () => "available");
    now = 10_000;
    expect(cache.lastKnown("a")).toBe("available");
    cache.remember("a", "deleting");
    expect(cache.lastKnown("a")).toBe("deleting");
    await expect(cache.get("a", () => Promise.reject(new Error("throttled")))).rejects.toThrow();
    expect(cache.lastKnown("a")).toBe("deleting");
    await cache.get("a", async () => "absent");
    expect(cache.lastKnown("a")).toBe("absent");
  });

  it("remembers last answers even with no caching time, and no more keys than asked", async () => {
    const cache = new StatusCache<number>(0, () => 0, 2);
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => 1);
    expect(cache.size).toBe(2);
    expect(cache.lastKnown("a")).toBeUndefined();
    expect(cache.lastKnown("c")).toBe(1);
  });

  it("counts keys that are only fresh", async () => {
    const cache = new StatusCache<number>(1000, () => 0, 5);
    expect(cache.size).toBe(0);
    await cache.get("a", async () => 1);
    await cache.get("b", async () => 2);
    expect(cache.size).toBe(2);
  });

  it("peeks at a fresh value without loading, and at nothing once it is stale or invalidated", async () => {
    let now = 0;
    const results: string[] = [];
    const cache = new StatusCache<number>(
      100,
      () => now,
      10,
      (result) => results.push(result),
    );
    expect(cache.peek("a")).toBeUndefined();
    expect(await cache.get("a", async () => 1)).toBe(1);
    now = 99;
    expect(cache.peek("a")).toBe(1);
    now = 100;
    expect(cache.peek("a")).toBeUndefined();
    expect(await cache.get("a", async () => 2)).toBe(2);
    cache.invalidate("a");
    expect(cache.peek("a")).toBeUndefined();
    // A peek that finds a value counts as a hit; one that finds none counts as nothing.
    expect(results).toEqual(["miss", "hit", "miss"]);
  });
});
