import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DriverInputsSchema, type DriverInputsIn } from "../../inputs/driver-inputs.js";
import { elasticacheCapabilities, elasticacheUnsupported } from "./elasticache-capabilities.js";

const spec = (values: DriverInputsIn) => DriverInputsSchema.parse(values);
const fields = (values: DriverInputsIn) =>
  elasticacheUnsupported(spec(values)).map((problem) => problem.field);

/** Tag keys that do not compress (as real ones of that length rarely do). */
const longKeys = (count: number, length: number) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      createHash("sha256").update(String(i)).digest("hex").slice(0, length),
      "v",
    ]),
  );

describe("elasticacheUnsupported", () => {
  it("counts the real tag budget: 40 keys of 64 characters need more than AWS's 50 tags, 40 short ones fit", () => {
    const problems = elasticacheUnsupported(spec({ tags: longKeys(40, 64) }));
    expect(problems).toEqual([
      expect.objectContaining({ field: "driver.values.tags", kind: "invalid-value" }),
    ]);
    expect(problems[0]?.problem).toMatch(/need (\d+) AWS tags .* AWS allows 50/);
    expect(Number(/need (\d+)/.exec(problems[0]?.problem ?? "")?.[1])).toBeGreaterThan(50);
    expect(fields({ tags: longKeys(40, 6) })).toEqual([]);
    expect(fields({ deployment: "serverless", tags: longKeys(40, 64) })).toEqual(["driver.values.tags"]);
  });

  it("accepts the defaults of every deployment that needs no more", () => {
    expect(fields({})).toEqual([]);
    expect(fields({ deployment: "serverless" })).toEqual([]);
    expect(fields({ deployment: "shared", shared_cache: "team-cache" })).toEqual([]);
  });

  it("reports every sizing input a serverless cache decides itself, all at once", () => {
    expect(
      fields({
        deployment: "serverless",
        node_type: "cache.r7g.large",
        mode: "cluster",
        shards: 3,
        replicas: 2,
        maxmemory_policy: "allkeys-lru",
        at_rest_encryption: false,
        engine_version: "7.1",
        networking: { port: 6380 },
      }),
    ).toEqual([
      "driver.values.node_type",
      "driver.values.mode",
      "driver.values.shards",
      "driver.values.replicas",
      "driver.values.maxmemory_policy",
      "driver.values.at_rest_encryption",
      "driver.values.engine_version",
      "driver.values.networking.port",
    ]);
  });

  it("asks a shared deployment for its cache and refuses what belongs to that cache", () => {
    expect(
      fields({ deployment: "shared", username: "app", engine: "redis", deletion_policy: "snapshot" }),
    ).toEqual([
      "driver.values.shared_cache",
      "driver.values.engine",
      "driver.values.username",
      "driver.values.deletion_policy",
    ]);
  });

  it("refuses plain TCP, stray shared_cache, one-shard standalone with shards and reserved or invalid tags", () => {
    const problems = elasticacheUnsupported(
      spec({
        tls: false,
        shared_cache: "x",
        shards: 2,
        // `aws:` keys never get here: the input schema refuses them.
        tags: { "elasticache-driver-kit:spec": "2", team: "a;b" },
      }),
    );
    expect(problems.map((problem) => problem.field)).toEqual([
      "driver.values.tls",
      "driver.values.shared_cache",
      "driver.values.shards",
      "driver.values.tags.elasticache-driver-kit:spec",
      "driver.values.tags.team",
    ]);
    for (const problem of problems) expect(problem.fix).not.toBe("");
  });
});

describe("elasticacheCapabilities", () => {
  it("changes in place what each deployment allows", () => {
    expect(elasticacheCapabilities.updatableFields(spec({})).has("node_type")).toBe(true);
    expect(elasticacheCapabilities.updatableFields(spec({})).has("shards")).toBe(false);
    expect(elasticacheCapabilities.updatableFields(spec({ deployment: "serverless" })).has("node_type")).toBe(
      false,
    );
    expect(
      [...elasticacheCapabilities.updatableFields(spec({ deployment: "shared", shared_cache: "c" }))].sort(),
    ).toEqual(["auth_generation", "deletion_policy", "tags"]);
  });

  it("estimates minutes for caches and seconds for shared users", () => {
    const estimate = elasticacheCapabilities.estimatedSeconds;
    expect(estimate("create", spec({}))).toBeGreaterThanOrEqual(390);
    expect(estimate("create", spec({ replicas: 2 }))).toBeGreaterThan(estimate("create", spec({})));
    expect(estimate("create", spec({ deployment: "shared", shared_cache: "c" }))).toBeLessThanOrEqual(60);
    expect(elasticacheCapabilities.needsCloudCredentials).toBe(true);
  });
});
