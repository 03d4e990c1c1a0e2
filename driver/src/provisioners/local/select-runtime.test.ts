import { describe, expect, test } from "vitest";
import { LocalRuntimeUnavailableError, selectRuntime, type RuntimeProbes } from "./select-runtime.js";

const probes = (engine: string | undefined, redis: string | undefined): RuntimeProbes => ({
  containerRuntime: () => Promise.resolve(engine),
  redisServer: () => Promise.resolve(redis),
});

describe("selectRuntime", () => {
  test("auto prefers a container engine that answers", async () => {
    expect((await selectRuntime("auto", "redis-server", probes("docker", "v=7"))).kind).toBe("container");
  });

  test("auto falls back to a redis-server process", async () => {
    const selection = await selectRuntime("auto", "redis-server", probes(undefined, "Redis server v=7.0.15"));
    expect(selection).toEqual({ kind: "process", reason: expect.stringContaining("v=7.0.15") });
  });

  test("auto with neither explains how to install both", async () => {
    const error = await selectRuntime("auto", "redis-server", probes(undefined, undefined)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LocalRuntimeUnavailableError);
    expect((error as LocalRuntimeUnavailableError).fix).toMatch(/Docker/);
    expect((error as LocalRuntimeUnavailableError).fix).toMatch(/apt-get install redis-server/);
    expect((error as LocalRuntimeUnavailableError).fix).toMatch(/brew install redis/);
  });

  test("a forced runtime is used even when the other one is available, and checked", async () => {
    expect((await selectRuntime("process", "redis-server", probes("docker", "v=7"))).kind).toBe("process");
    expect((await selectRuntime("container", "redis-server", probes("docker", undefined))).kind).toBe(
      "container",
    );
    await expect(selectRuntime("container", "redis-server", probes(undefined, "v=7"))).rejects.toThrow(
      /Docker/,
    );
    await expect(selectRuntime("process", "/opt/redis", probes("docker", undefined))).rejects.toThrow(
      /\/opt\/redis/,
    );
  });
});

test("selectRuntime refuses a redis-server older than 6.2 with the version it found", async () => {
  const old = probes(undefined, "Redis server v=6.0.16 sha=00000000:0 malloc=jemalloc-5.2.1 bits=64");
  await expect(selectRuntime("process", "redis-server", old)).rejects.toThrow(/6\.0\.16.*6\.2/);
  await expect(selectRuntime("auto", "redis-server", old)).rejects.toThrow(/6\.0\.16/);
  expect((await selectRuntime("auto", "redis-server", probes(undefined, "Redis server v=6.2.14"))).kind).toBe(
    "process",
  );
});
