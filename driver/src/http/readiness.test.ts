import { describe, expect, it } from "vitest";
import { Readiness } from "./readiness.js";

/** A check whose answers the test releases one at a time. */
function controlledCheck() {
  const pending: ((problem: string | undefined) => void)[] = [];
  let calls = 0;
  return {
    check: () =>
      new Promise<string | undefined>((resolve) => {
        calls += 1;
        pending.push(resolve);
      }),
    answer: (problem: string | undefined) => pending.shift()?.(problem),
    get calls() {
      return calls;
    },
  };
}

describe("Readiness", () => {
  it("waits for the first check, shared by every probe that comes meanwhile", async () => {
    const backend = controlledCheck();
    const readiness = new Readiness(backend.check, 30_000, Date.now, 50);
    const probes = Promise.all([readiness.problem(), readiness.problem(), readiness.problem()]);
    backend.answer("denied");
    expect(await probes).toEqual(["denied", "denied", "denied"]);
    expect(backend.calls).toBe(1);
  });

  it("checks at most once per ttl", async () => {
    let now = 0;
    let calls = 0;
    const readiness = new Readiness(
      async () => {
        calls += 1;
        return undefined;
      },
      30_000,
      () => now,
    );
    for (const at of [0, 1_000, 29_999]) {
      now = at;
      await readiness.problem();
    }
    expect(calls).toBe(1);
    now = 30_000;
    await readiness.problem();
    expect(calls).toBe(2);
  });

  it("serves the last result while a slow check runs, and the new one once it is in", async () => {
    let now = 0;
    const backend = controlledCheck();
    const readiness = new Readiness(backend.check, 30_000, () => now, 20);
    const first = readiness.problem();
    backend.answer(undefined);
    expect(await first).toBeUndefined();

    now = 31_000;
    const started = Date.now();
    expect(await readiness.problem()).toBeUndefined(); // the slow check is still running
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await readiness.problem()).toBeUndefined(); // still the same check, no second one
    expect(backend.calls).toBe(2);
    backend.answer("throttled");
    await new Promise((resolve) => setImmediate(resolve));
    expect(await readiness.problem()).toBe("throttled");
    expect(backend.calls).toBe(2);
  });

  it("answers a stale probe with the new result when the check is quick", async () => {
    let now = 0;
    const backend: { problem?: string } = {};
    const readiness = new Readiness(
      async () => backend.problem,
      100,
      () => now,
      1_000,
    );
    expect(await readiness.problem()).toBeUndefined();
    backend.problem = "gone";
    now = 200;
    expect(await readiness.problem()).toBe("gone");
  });

  it("turns a check that throws into a problem", async () => {
    const readiness = new Readiness(async () => {
      throw new Error("no credentials");
    });
    expect(await readiness.problem()).toBe("the readiness check failed: no credentials");
  });
});
