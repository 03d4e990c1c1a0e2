import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { KeyedMutex } from "./keyed-mutex.js";

describe("KeyedMutex", () => {
  it("runs work for one key one at a time, in order", async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} start`);
      await sleep(5);
      events.push(`${name} end`);
    };
    await Promise.all([mutex.run("a", work("1")), mutex.run("a", work("2")), mutex.run("a", work("3"))]);
    expect(events).toEqual(["1 start", "1 end", "2 start", "2 end", "3 start", "3 end"]);
  });

  it("lets different keys run at the same time and forgets idle keys", async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const work = (name: string) => async () => {
      events.push(`${name} start`);
      await sleep(5);
      events.push(`${name} end`);
    };
    await Promise.all([mutex.run("a", work("a")), mutex.run("b", work("b"))]);
    expect(events.slice(0, 2).sort()).toEqual(["a start", "b start"]);
    expect(mutex.size).toBe(0);
  });

  it("releases the key when the work throws", async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await mutex.run("a", async () => "next")).toBe("next");
    expect(mutex.size).toBe(0);
  });
});
