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

  it("keeps a key locked for a newcomer while a queued waiter still has to run", async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    /** Work that records its start and end, and ends when the test says so. */
    const held = (name: string) => {
      let release = () => {};
      let started = () => {};
      const running = new Promise<void>((resolve) => (started = resolve));
      const done = mutex.run("a", async () => {
        events.push(`${name} start`);
        const released = new Promise<void>((resolve) => (release = resolve));
        started();
        await released;
        events.push(`${name} end`);
      });
      return { running, done, release: () => release() };
    };
    const first = held("1");
    await first.running;
    const second = held("2");
    expect(mutex.size).toBe(1);
    first.release();
    await first.done;
    await second.running;
    // The first holder left while the second was queued: the key must still be held.
    expect(mutex.size).toBe(1);
    const third = mutex.run("a", async () => {
      events.push("3 start");
    });
    await sleep(5);
    expect(events).toEqual(["1 start", "1 end", "2 start"]);
    second.release();
    await Promise.all([second.done, third]);
    expect(events).toEqual(["1 start", "1 end", "2 start", "2 end", "3 start"]);
    expect(mutex.size).toBe(0);
  });

  it("hands back what the work returns", async () => {
    expect(await new KeyedMutex().run("a", async () => 42)).toBe(42);
  });
});
