import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DriverInputsSchema } from "../../src/inputs/driver-inputs.js";
import { configHash } from "../../src/lifecycle/config-hash.js";
import { cacheDescription } from "../../src/provisioners/elasticache/spec-codec.js";
import {
  elasticacheHarness,
  GURESID,
  NAMES,
  type ElastiCacheHarness,
} from "../support/elasticache-harness.js";

describe("an update started by one replica, repeated on the other", () => {
  let h: ElastiCacheHarness;
  beforeEach(() => {
    h = elasticacheHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("is in progress, not a conflict, when the caller's cookie names these inputs", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    expect(await h.put()).toMatchObject({ kind: "ready" });
    const before = DriverInputsSchema.parse({});
    const rotated = DriverInputsSchema.parse({ auth_generation: 1 });
    expect(await h.put({ auth_generation: 1 })).toMatchObject({
      kind: "in-progress",
      hint: { status: "updating" },
    });
    // A replication group may show its new description only once the modification is done (the
    // local endpoint does so): the other replica then sees the old inputs, updating.
    const group = h.fake.groups.get(NAMES.cache);
    if (group) group.Description = cacheDescription(before, { newest: 0 });
    const other = h.replica();
    const desired = { id: GURESID, spec: rotated, secrets: {} };
    const last = { configHash: configHash(rotated), status: "updating" as const };
    expect(await other.lifecycle.put(desired, last)).toMatchObject({
      kind: "in-progress",
      hint: { status: "updating" },
    });
    // A replica killed under the request that started the update: the caller's repeat on the
    // other one carries the cookie of the last answer it got, the old inputs ready.
    const beforeReady = { configHash: configHash(before), status: "available" as const };
    expect(await other.lifecycle.put(desired, beforeReady)).toMatchObject({ kind: "in-progress" });
    // Without any word from the caller, another configuration is in flight: 409.
    expect(await other.lifecycle.put(desired)).toMatchObject({ kind: "conflict" });
  });
});
