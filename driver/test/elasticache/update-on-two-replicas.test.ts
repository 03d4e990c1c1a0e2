import { createHash } from "node:crypto";
import { ModifyReplicationGroupCommand } from "@aws-sdk/client-elasticache";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DriverInputsSchema } from "../../src/inputs/driver-inputs.js";
import { configHash } from "../../src/lifecycle/config-hash.js";
import { cacheDescription } from "../../src/provisioners/elasticache/spec-codec.js";
import {
  driverErrorOf,
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

  it("answers 202 from the caller's cookie while the tag write of inputs too large for the description keeps the group busy, then takes the modification from the tags", async () => {
    const large = (suffix: string) => ({
      tags: Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [
          `team-${i}`,
          createHash("sha256").update(`${suffix}${i}`).digest("hex"),
        ]),
      ),
    });
    await h.put(large("a"));
    h.fake.finish(NAMES.cache);
    expect(await h.put(large("a"))).toMatchObject({ kind: "ready" });
    const next = DriverInputsSchema.parse({ ...large("b"), node_type: "cache.r7g.large" });
    // This replica writes the tags first; the modification follows on a later look.
    expect(await h.put(next)).toMatchObject({ kind: "in-progress" });
    expect(h.fake.count(ModifyReplicationGroupCommand)).toBe(0);
    const other = h.replica();
    const desired = { id: GURESID, spec: next, secrets: {} };
    const cookie = { configHash: configHash(next), status: "updating" as const };
    // The group is busy with the tag write (tags unreadable): the other replica answers from the cookie.
    expect(await other.lifecycle.put(desired, cookie)).toMatchObject({
      kind: "in-progress",
      hint: { status: "updating" },
    });
    expect(await other.lifecycle.get(GURESID, {}, cookie)).toMatchObject({ kind: "in-progress" });
    // Without the cookie it knows nothing to answer: 503 RES-119, which Humanitec retries.
    expect((await driverErrorOf(other.lifecycle.put(desired))).code).toBe("RES-119");
    // Available with tags that name newer inputs than its description: the other replica, which
    // never saw the earlier inputs, makes the modification from the tags and what the group runs.
    h.fake.finish(NAMES.cache);
    expect(await other.lifecycle.put(desired)).toMatchObject({ kind: "in-progress" });
    expect(h.fake.inputs(ModifyReplicationGroupCommand)).toMatchObject([
      { CacheNodeType: "cache.r7g.large" },
    ]);
    let kind = "";
    for (let look = 0; look < 8 && kind !== "ready"; look++) {
      h.fake.finish(NAMES.cache);
      kind = (await other.lifecycle.put(desired)).kind;
    }
    expect(kind).toBe("ready");
    expect(await h.put(next)).toMatchObject({ kind: "ready" });
    expect(h.fake.count(ModifyReplicationGroupCommand)).toBe(1);
  });
});
