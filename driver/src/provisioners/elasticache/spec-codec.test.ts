import { describe, expect, it } from "vitest";
import { configHash } from "../../lifecycle/config-hash.js";
import { DriverInputsSchema, type DriverInputs } from "../../inputs/driver-inputs.js";
import {
  cacheDescription,
  decodeSpec,
  encodeSpec,
  obsoleteTagKeys,
  parseCacheDescription,
  readResourceTags,
  resourceTags,
} from "./spec-codec.js";

const GURESID = "0123456789abcdef0123456789abcdef01234567";
const AWS_TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/** Every field at its longest or largest, and 40 user tags of the longest keys and values. */
function largestSpec(): DriverInputs {
  const tags = Object.fromEntries(
    Array.from({ length: 40 }, (_, i) => [
      `${String(i).padStart(2, "0")}${"k".repeat(126)}`,
      `${i}${"v:/=+-@ ".repeat(31)}value`.slice(0, 256),
    ]),
  );
  return DriverInputsSchema.parse({
    deployment: "serverless",
    shared_cache: `a${"-b1".repeat(13)}`,
    engine: "redis",
    engine_version: "7.1.16",
    node_type: "cache.r7gd.16xlarge",
    mode: "cluster",
    shards: 500,
    replicas: 5,
    tls: false,
    at_rest_encryption: false,
    username: `u${"x".repeat(39)}`,
    auth_generation: 1_000_000,
    maxmemory_policy: "allkeys-random",
    networking: {
      subnet_group: `s${"n".repeat(254)}`,
      security_group_ids: Array.from({ length: 5 }, (_, i) => `sg-${String(i).repeat(17)}`),
      port: 65535,
    },
    tags,
    deletion_policy: "snapshot",
  });
}

describe("resourceTags and readResourceTags", () => {
  it("round-trip the largest spec within AWS's tag rules (50 tags, 256-character values)", () => {
    const spec = largestSpec();
    const tags = resourceTags(GURESID, spec);
    expect(tags.length).toBeLessThanOrEqual(50);
    for (const tag of tags) {
      expect(tag.Key?.length, tag.Key).toBeLessThanOrEqual(128);
      expect(tag.Value, tag.Key).toMatch(AWS_TAG_VALUE);
    }
    const read = readResourceTags(tags);
    expect(read).toEqual({ guresid: GURESID, configHash: configHash(spec), spec, deleting: false });
  });

  it("round-trip the default spec in one spec tag", () => {
    const spec = DriverInputsSchema.parse({});
    const tags = resourceTags(GURESID, spec);
    expect(tags.filter((tag) => tag.Key?.includes(":spec"))).toHaveLength(1);
    expect(readResourceTags(tags)?.spec).toEqual(spec);
  });

  it("ignores tags others added and finds the user's own by the keys the spec names", () => {
    const spec = DriverInputsSchema.parse({ tags: { team: "payments" } });
    const tags = [
      ...resourceTags(GURESID, spec),
      { Key: "aws:cloudformation:stack-name", Value: "x" },
      { Key: "cost-center", Value: "42" },
    ];
    expect(readResourceTags(tags)?.spec).toEqual(spec);
  });

  it("does not claim objects without the driver's tags", () => {
    expect(readResourceTags([{ Key: "managed-by", Value: "someone-else" }])).toBeUndefined();
    expect(readResourceTags([{ Key: "managed-by", Value: "elasticache-driver-kit" }])).toBeUndefined();
  });

  it("reports an unreadable spec as undefined, ownership intact", () => {
    const tags = resourceTags(GURESID, DriverInputsSchema.parse({})).map((tag) =>
      tag.Key?.endsWith(":spec") ? { ...tag, Value: "1.garbage" } : tag,
    );
    expect(readResourceTags(tags)).toMatchObject({ guresid: GURESID, spec: undefined });
  });

  it("lists the spec chunks and dropped user tags a change makes obsolete", () => {
    const before = resourceTags(GURESID, largestSpec());
    const after = resourceTags(GURESID, DriverInputsSchema.parse({ tags: { team: "a" } }));
    const obsolete = obsoleteTagKeys(before, after, Object.keys(largestSpec().tags ?? {}));
    expect(obsolete).toContain("elasticache-driver-kit:spec:1");
    expect(obsolete).not.toContain("elasticache-driver-kit:spec");
    expect(obsolete.filter((key) => key.endsWith("k".repeat(126)))).toHaveLength(40);
  });
});

describe("cacheDescription", () => {
  it("holds the whole spec when it fits in 255 characters", () => {
    const spec = DriverInputsSchema.parse({
      engine: "redis",
      node_type: "cache.r7g.large",
      tags: { team: "payments" },
    });
    const description = cacheDescription(spec, { previous: 2, newest: 3 });
    expect(description.length).toBeLessThanOrEqual(255);
    expect(parseCacheDescription(description)).toEqual({
      configHash: configHash(spec),
      spec,
      auth: { previous: 2, newest: 3 },
      retag: false,
    });
    expect(parseCacheDescription(cacheDescription(spec, { newest: 0 }))?.auth).toEqual({ newest: 0 });
    const marked = parseCacheDescription(cacheDescription(spec, { newest: 0 }, { retag: true }));
    expect(marked).toMatchObject({ retag: true, spec });
  });

  it("holds only the config hash when the spec is too large", () => {
    const spec = largestSpec();
    const description = cacheDescription(spec);
    expect(description).toBe(`elasticache-driver-kit config=${configHash(spec)}`);
    expect(parseCacheDescription(description)).toEqual({
      configHash: configHash(spec),
      spec: undefined,
      auth: undefined,
      retag: false,
    });
  });

  it("is not the driver's when the mark is missing", () => {
    expect(parseCacheDescription("my cache")).toBeUndefined();
    expect(parseCacheDescription(undefined)).toBeUndefined();
  });
});

describe("encodeSpec", () => {
  it("is deterministic and decodes to the same spec", () => {
    const spec = largestSpec();
    expect(encodeSpec(spec)).toBe(encodeSpec(structuredClone(spec)));
    expect(decodeSpec(encodeSpec(spec))).toEqual(spec);
  });
});
