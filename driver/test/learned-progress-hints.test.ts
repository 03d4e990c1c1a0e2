import pino from "pino";
import { describe, expect, it } from "vitest";
import { FakeProvisioner } from "./support/fake-provisioner.js";
import { DriverInputsSchema, type DriverInputsIn } from "../src/inputs/driver-inputs.js";
import { ResourceLifecycle } from "../src/lifecycle/resource-lifecycle.js";
import { elasticacheCapabilitiesFor } from "../src/provisioners/elasticache/elasticache-capabilities.js";
import { ObservedDurations } from "../src/provisioners/elasticache/observed-durations.js";
import { SecretDeriver } from "../src/security/secret-deriver.js";

const spec = (values: DriverInputsIn = {}) => DriverInputsSchema.parse(values);

describe("the ElastiCache capabilities' estimates", () => {
  it("start from AWS's typical times (more for replicas and shards) and follow what was observed", () => {
    const capabilities = elasticacheCapabilitiesFor(new ObservedDurations());
    expect(capabilities.estimatedSeconds("create", spec())).toBe(720);
    expect(capabilities.estimatedSeconds("create", spec({ replicas: 2 }))).toBe(960);

    capabilities.observed?.("create", spec(), 1);

    expect(capabilities.estimatedSeconds("create", spec())).toBe(1);
    expect(capabilities.estimatedSeconds("delete", spec())).toBe(1);
  });

  it("learn from the operations the driver's lifecycle sees finish: a local endpoint's second-long create makes the delete hint a second", async () => {
    let now = new Date("2026-12-07T10:00:00Z");
    const fake = new FakeProvisioner({ now: () => now });
    Object.assign(fake, { capabilities: elasticacheCapabilitiesFor(new ObservedDurations()) });
    const lifecycle = new ResourceLifecycle({
      provisioner: fake,
      secrets: new SecretDeriver("k".repeat(32)),
      logger: pino({ level: "silent" }),
      statusCacheMs: 0,
      operationTimeoutMs: 3_600_000,
      now: () => now,
    });
    const id = "0123456789abcdef0123456789abcdef01234567";
    const hintSeconds = (outcome: unknown) => {
      const hint = (outcome as { hint?: { estimated_completion_time?: string } }).hint;
      return (new Date(hint?.estimated_completion_time ?? 0).getTime() - now.getTime()) / 1000;
    };

    expect(hintSeconds(await lifecycle.put({ id, spec: spec(), secrets: {} }))).toBe(720);
    now = new Date(now.getTime() + 1_000);
    fake.finish(id);
    expect(await lifecycle.put({ id, spec: spec(), secrets: {} })).toMatchObject({ kind: "ready" });

    expect(hintSeconds(await lifecycle.delete(id, {}))).toBe(1);
  });
});
