import { createHash } from "node:crypto";
import {
  AddTagsToResourceCommand,
  DeleteReplicationGroupCommand,
  DescribeCacheClustersCommand,
  InvalidParameterValueException,
  ModifyCacheParameterGroupCommand,
  ModifyReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DriverInputsSchema } from "../../src/inputs/driver-inputs.js";
import { configHash } from "../../src/lifecycle/config-hash.js";
import {
  driverErrorOf,
  elasticacheHarness,
  GURESID,
  NAMES,
  type ElastiCacheHarness,
} from "../support/elasticache-harness.js";

/** Inputs too large for the 255-character description: only the tags can record them. */
const large = (suffix: string, values: Record<string, unknown> = {}) =>
  DriverInputsSchema.parse({
    ...values,
    tags: Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [
        `team-${i}`,
        createHash("sha256").update(`${suffix}${i}`).digest("hex"),
      ]),
    ),
  });

const before = large("a", { maxmemory_policy: "allkeys-lru" });
const after = large("b", {
  maxmemory_policy: "allkeys-lfu",
  node_type: "cache.r7g.large",
  auth_generation: 1,
});

/**
 * A replica that dies after any call of an update of large inputs (tags first, then the
 * modification) leaves nothing in memory: a restarted one, with only what AWS shows, finishes it.
 */
describe("an update of inputs too large for the description, resumed by a restarted replica", () => {
  let h: ElastiCacheHarness;
  beforeEach(async () => {
    h = elasticacheHarness();
    await h.put(before);
    h.fake.finish(NAMES.cache);
    expect(await h.put(before)).toMatchObject({ kind: "ready" });
  });
  afterEach(async () => {
    await h.close();
  });

  /** Polls the restarted replica as Humanitec would (PUT with its cookie) until ready; every answer is kept. */
  async function pollRestarted(): Promise<string[]> {
    const restarted = h.replica();
    const desired = { id: GURESID, spec: after, secrets: {} };
    const cookie = { configHash: configHash(after), status: "updating" as const };
    const kinds: string[] = [];
    for (let look = 0; look < 12 && kinds.at(-1) !== "ready"; look++) {
      kinds.push((await restarted.lifecycle.put(desired, cookie)).kind);
      h.fake.finish(NAMES.cache);
    }
    return kinds;
  }

  function expectNewConfiguration(): void {
    const group = h.fake.groups.get(NAMES.cache);
    expect(group?.CacheNodeType).toBe("cache.r7g.large");
    expect(group?.AuthTokens).toContain(h.secrets.password(GURESID, 1));
    expect(group?.CacheParameterGroupName).toBe(NAMES.parameterGroup);
    expect(h.fake.parameterGroups.get(NAMES.parameterGroup)?.parameters["maxmemory-policy"]).toBe(
      "allkeys-lfu",
    );
  }

  const died = () => Promise.reject(new Error("replica killed"));

  it("after the tag write", async () => {
    h.fake.onceAfter(AddTagsToResourceCommand, died);
    await h.put(after).catch(() => undefined);
    expect(h.fake.count(ModifyReplicationGroupCommand)).toBe(0);
    const kinds = await pollRestarted();
    expect(kinds).not.toContain("conflict");
    expect(kinds.at(-1)).toBe("ready");
    expectNewConfiguration();
    // The modification is computed from what a member cluster runs, and made once.
    expect(h.fake.count(DescribeCacheClustersCommand)).toBeGreaterThan(0);
    expect(h.fake.inputs(ModifyReplicationGroupCommand).filter((input) => input.CacheNodeType)).toHaveLength(
      1,
    );
  });

  it("after the tag write, on its next look, after the eviction-policy write", async () => {
    expect(await h.put(after)).toMatchObject({ kind: "in-progress" });
    h.fake.finish(NAMES.cache);
    h.fake.onceAfter(ModifyCacheParameterGroupCommand, died);
    await h.put(after).catch(() => undefined);
    expect(h.fake.count(ModifyReplicationGroupCommand)).toBe(0);
    const kinds = await pollRestarted();
    expect(kinds).not.toContain("conflict");
    expect(kinds.at(-1)).toBe("ready");
    expectNewConfiguration();
  });

  it("after the modification", async () => {
    expect(await h.put(after)).toMatchObject({ kind: "in-progress" });
    h.fake.finish(NAMES.cache);
    h.fake.onceAfter(ModifyReplicationGroupCommand, died);
    await h.put(after).catch(() => undefined);
    const kinds = await pollRestarted();
    expect(kinds).not.toContain("conflict");
    expect(kinds.at(-1)).toBe("ready");
    expectNewConfiguration();
    expect(h.fake.inputs(ModifyReplicationGroupCommand).filter((input) => input.CacheNodeType)).toHaveLength(
      1,
    );
  });

  it("deletes from a restarted replica while the modification is pending, with the newest inputs' final snapshot", async () => {
    const next = large("e", { node_type: "cache.r7g.large", deletion_policy: "snapshot" });
    h.fake.onceAfter(AddTagsToResourceCommand, died);
    await h.put(next).catch(() => undefined);
    h.fake.finish(NAMES.cache);
    const restarted = h.replica();
    expect(await restarted.lifecycle.delete(GURESID, {})).toMatchObject({ kind: "in-progress" });
    // A look never starts a change: the pending modification is not made by a DELETE.
    expect(h.fake.count(ModifyReplicationGroupCommand)).toBe(0);
    expect(h.fake.inputs(DeleteReplicationGroupCommand)).toMatchObject([
      { ReplicationGroupId: NAMES.cache, FinalSnapshotIdentifier: expect.any(String) },
    ]);
    h.fake.finish(NAMES.cache);
    let kind = "";
    for (let look = 0; look < 4 && kind !== "gone"; look++)
      kind = (await restarted.lifecycle.delete(GURESID, {})).kind;
    expect(kind).toBe("gone");
  });

  it("takes back an update whose modification AWS refused: the earlier inputs' tags return, on a restarted replica", async () => {
    expect(await h.put(after)).toMatchObject({ kind: "in-progress" });
    h.fake.finish(NAMES.cache);
    h.fake.failNext(
      ModifyReplicationGroupCommand,
      new InvalidParameterValueException({ message: "Invalid node type: cache.r7g.large", $metadata: {} }),
    );
    expect((await driverErrorOf(h.put(after))).status).toBe(400);
    const restarted = h.replica();
    const desired = { id: GURESID, spec: before, secrets: {} };
    const kinds: string[] = [];
    for (let look = 0; look < 8 && kinds.at(-1) !== "ready"; look++) {
      kinds.push((await restarted.lifecycle.put(desired)).kind);
      h.fake.finish(NAMES.cache);
    }
    expect(kinds.at(-1)).toBe("ready");
    expect(h.fake.groups.get(NAMES.cache)?.CacheNodeType).toBe(before.node_type);
    const state = await h.replica().provisioner.describe(GURESID, {});
    expect(state).toMatchObject({ status: "available" });
    expect("nextStep" in state && state.nextStep).toBeFalsy();
    expect("spec" in state && configHash(state.spec)).toBe(configHash(before));
  });

  it("hands out the token in force until the modification: the old generation while it is pending", async () => {
    h.fake.onceAfter(AddTagsToResourceCommand, died);
    await h.put(after).catch(() => undefined);
    h.fake.finish(NAMES.cache);
    const state = await h.replica().provisioner.describe(GURESID, {});
    expect(state).toMatchObject({ status: "available", nextStep: "modify" });
    expect("spec" in state && state.spec.auth_generation).toBe(0);
    expect(h.fake.groups.get(NAMES.cache)?.AuthTokens).toEqual([h.secrets.password(GURESID, 0)]);
  });
});

describe("an RBAC update of inputs too large for the description, resumed by a restarted replica", () => {
  let h: ElastiCacheHarness;
  beforeEach(() => {
    h = elasticacheHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("with an RBAC user rotated before the tags: the restarted replica waits for the user, then modifies", async () => {
    const rbac = (values: Record<string, unknown>) => ({ ...values, username: "app" });
    const first = large("c", rbac({}));
    const rotated = large("d", rbac({ node_type: "cache.r7g.large", auth_generation: 1 }));
    const desired = (spec: typeof first) => ({ id: GURESID, spec, secrets: {} });
    for (let look = 0; look < 6; look++) {
      await h.lifecycle.put(desired(first));
      h.fake.finish(NAMES.userGroup);
      h.fake.finish(NAMES.cache);
    }
    expect(await h.lifecycle.put(desired(first))).toMatchObject({ kind: "ready" });
    const [old, next] = [h.secrets.password(GURESID, 0), h.secrets.password(GURESID, 1)];
    // ModifyUser, then the tags; the replica dies after the tag write.
    h.fake.onceAfter(AddTagsToResourceCommand, () => Promise.reject(new Error("replica killed")));
    await h.put(rotated).catch(() => undefined);
    expect(h.fake.users.get(NAMES.user)?.Status).toBe("modifying");
    h.fake.finish(NAMES.cache);
    const restarted = h.replica();
    // The user still applies the new password: nothing hands it out, nothing is modified yet.
    expect(await restarted.provisioner.describe(GURESID, {})).toMatchObject({ status: "updating" });
    expect(await restarted.lifecycle.get(GURESID, {})).toMatchObject({ kind: "in-progress" });
    expect(h.fake.count(ModifyReplicationGroupCommand)).toBe(0);
    h.fake.finish(NAMES.user);
    const kinds: string[] = [];
    let last: unknown;
    for (let look = 0; look < 8 && kinds.at(-1) !== "ready"; look++) {
      last = await restarted.lifecycle.put(desired(rotated));
      kinds.push((last as { kind: string }).kind);
      h.fake.finish(NAMES.cache);
    }
    expect(kinds).not.toContain("conflict");
    expect(last).toMatchObject({ kind: "ready", outputs: { secrets: { username: "app", password: next } } });
    expect(h.fake.groups.get(NAMES.cache)?.CacheNodeType).toBe("cache.r7g.large");
    expect(h.fake.users.get(NAMES.user)?.Passwords).toEqual([old, next]);
  });
});
