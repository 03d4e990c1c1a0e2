import {
  ClusterQuotaForCustomerExceededFault,
  CreateCacheParameterGroupCommand,
  CreateReplicationGroupCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DeleteCacheParameterGroupCommand,
  DeleteReplicationGroupCommand,
  DeleteUserCommand,
  DeleteUserGroupCommand,
  DescribeReplicationGroupsCommand,
  IncreaseReplicaCountCommand,
  InsufficientCacheClusterCapacityFault,
  DecreaseReplicaCountCommand,
  AddTagsToResourceCommand,
  InvalidParameterValueException,
  ListTagsForResourceCommand,
  ModifyReplicationGroupCommand,
  ModifyUserCommand,
  CacheSubnetGroupNotFoundFault,
  type CreateReplicationGroupCommandInput,
  type ModifyReplicationGroupCommandInput,
} from "@aws-sdk/client-elasticache";
import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configHash } from "../../src/lifecycle/config-hash.js";
import { DriverInputsSchema, type DriverInputsIn } from "../../src/inputs/driver-inputs.js";
import {
  driverErrorOf,
  elasticacheHarness,
  GURESID,
  NAMES,
  type ElastiCacheHarness,
} from "../support/elasticache-harness.js";

const $metadata = { httpStatusCode: 400, requestId: "req-1" };

/** AWS's throttling error (the SDK has no class for it), as its retries give it up. */
const throttling = () =>
  Object.assign(new Error("Rate exceeded"), {
    name: "ThrottlingException",
    $metadata: { httpStatusCode: 400 },
  });

/** PUTs `values` until ready, finishing each AWS change in between; the last answer's kind. */
async function settle(h: ElastiCacheHarness, values: DriverInputsIn, looks = 12): Promise<string> {
  let kind = "";
  for (let look = 0; look < looks && kind !== "ready"; look++) {
    kind = (await h.put(values)).kind;
    h.fake.finish(NAMES.cache);
  }
  return kind;
}

describe("elasticache node-based deployment", () => {
  let h: ElastiCacheHarness;
  beforeEach(() => {
    h = elasticacheHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("creates a replication group with TLS, an AUTH token and at-rest encryption, 202 until available, then the primary endpoint", async () => {
    expect(await h.put()).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
    const [input] = h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand);
    const password = h.secrets.password(GURESID, 0);
    expect(input).toMatchObject({
      ReplicationGroupId: NAMES.cache,
      Engine: "valkey",
      CacheNodeType: "cache.t4g.micro",
      ClusterMode: "disabled",
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      AuthToken: password,
      CacheSubnetGroupName: "cache-subnets",
      SecurityGroupIds: ["sg-0123456789abcdef0"],
    });
    expect(input?.CacheParameterGroupName).toBeUndefined();
    expect(input?.Tags).toContainEqual({ Key: "managed-by", Value: "elasticache-driver-kit" });
    expect(input?.Tags).toContainEqual({ Key: "elasticache-driver-kit:guresid", Value: GURESID });

    expect((await h.put()).kind).toBe("in-progress");
    expect(h.fake.count(CreateReplicationGroupCommand)).toBe(1);

    h.fake.finish(NAMES.cache);
    const ready = await h.put();
    expect(ready).toMatchObject({
      kind: "ready",
      outputs: {
        values: { host: `master.${NAMES.cache}.abc123.euc1.cache.amazonaws.com`, port: 6379, tls: true },
        secrets: { username: "default", password },
      },
    });
    expect(await h.get()).toEqual(ready);
  });

  it("answers with the configuration endpoint in cluster mode", async () => {
    await h.put({ mode: "cluster", shards: 3, replicas: 1 });
    const [input] = h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand);
    expect(input).toMatchObject({
      ClusterMode: "enabled",
      NumNodeGroups: 3,
      ReplicasPerNodeGroup: 1,
      AutomaticFailoverEnabled: true,
      MultiAZEnabled: true,
    });
    h.fake.finish(NAMES.cache);
    expect(await h.put({ mode: "cluster", shards: 3, replicas: 1 })).toMatchObject({
      kind: "ready",
      outputs: { values: { host: `clustercfg.${NAMES.cache}.abc123.euc1.cache.amazonaws.com` } },
    });
  });

  it("costs one Describe call per look while the inputs fit in the description", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    await h.put();
    h.fake.mock.resetHistory();
    await h.get();
    expect(h.fake.count(DescribeReplicationGroupsCommand)).toBe(1);
    expect(h.fake.count(ListTagsForResourceCommand)).toBe(0);
  });

  it("changes the node type in place: 202 while modifying, then 200 with the new inputs", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    await h.put();
    expect(await h.put({ node_type: "cache.r7g.large" })).toMatchObject({
      kind: "in-progress",
      hint: { status: "updating" },
    });
    const [modify] = h.fake.inputs<ModifyReplicationGroupCommandInput>(ModifyReplicationGroupCommand);
    expect(modify).toMatchObject({ CacheNodeType: "cache.r7g.large", ApplyImmediately: true });
    // The tags could not be written first: a tag write leaves the group modifying, refusing the change.
    expect(h.fake.count(AddTagsToResourceCommand)).toBe(0);
    h.fake.finish(NAMES.cache);
    // Then the tags, which leave the group modifying again, then the description drops its mark.
    expect((await h.put({ node_type: "cache.r7g.large" })).kind).toBe("in-progress");
    expect(h.fake.count(AddTagsToResourceCommand)).toBe(1);
    h.fake.finish(NAMES.cache);
    expect((await h.put({ node_type: "cache.r7g.large" })).kind).toBe("ready");
    const tags = h.fake.tags.get(h.fake.groups.get(NAMES.cache)?.ARN ?? "") ?? [];
    expect(tags).toContainEqual({
      Key: "elasticache-driver-kit:config",
      Value: configHash(DriverInputsSchema.parse({ node_type: "cache.r7g.large" })),
    });
  });

  it("answers 202, never 409, to every poll of an in-place update, on this replica and another", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    await h.put();
    const other = h.replica();
    const spec = DriverInputsSchema.parse({ maxmemory_policy: "allkeys-lru", node_type: "cache.r7g.large" });
    const kinds: string[] = [];
    for (let look = 0; look < 12; look++) {
      const outcome = await (look % 2 === 0
        ? h.put(spec)
        : other.lifecycle.put({ id: GURESID, spec, secrets: {} }));
      kinds.push(outcome.kind);
      if (outcome.kind === "ready") break;
      h.fake.finish(NAMES.cache);
    }
    expect(kinds).not.toContain("conflict");
    expect(kinds.at(-1)).toBe("ready");
    expect(h.fake.parameterGroups.get(NAMES.parameterGroup)?.parameters).toEqual({
      "maxmemory-policy": "allkeys-lru",
    });
  });

  it("adds replicas on the look after the update, with IncreaseReplicaCount, then Multi-AZ as a create would", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    await h.put();
    expect((await h.put({ replicas: 2 })).kind).toBe("in-progress");
    expect(h.fake.count(IncreaseReplicaCountCommand)).toBe(0);
    // The description-only modification left the group available: the next PUT adds the replicas.
    expect((await h.put({ replicas: 2 })).kind).toBe("in-progress");
    expect(h.fake.inputs(IncreaseReplicaCountCommand)).toEqual([
      { ReplicationGroupId: NAMES.cache, NewReplicaCount: 2, ApplyImmediately: true },
    ]);
    // A GET meanwhile changes nothing: it is the path DELETE uses.
    h.fake.finish(NAMES.cache);
    h.fake.mock.resetHistory();
    expect((await h.get()).kind).toBe("ready");
    expect(h.fake.count(ModifyReplicationGroupCommand)).toBe(0);
    expect(await settle(h, { replicas: 2 })).toBe("ready");
    expect(h.fake.groups.get(NAMES.cache)).toMatchObject({
      MultiAZ: "enabled",
      AutomaticFailover: "enabled",
    });
  });

  it("goes from 1 replica to 0 (Multi-AZ and failover off first) and back to 1 (on again after)", async () => {
    await h.put({ replicas: 1 });
    h.fake.finish(NAMES.cache);
    expect((await h.put({ replicas: 1 })).kind).toBe("ready");
    expect(await settle(h, { replicas: 0 })).toBe("ready");
    const modifies = h.fake.inputs<ModifyReplicationGroupCommandInput>(ModifyReplicationGroupCommand);
    const off = modifies.findIndex((m) => m.MultiAZEnabled === false);
    expect(modifies[off]).toMatchObject({ MultiAZEnabled: false, AutomaticFailoverEnabled: false });
    expect(h.fake.inputs(DecreaseReplicaCountCommand)).toEqual([
      { ReplicationGroupId: NAMES.cache, NewReplicaCount: 0, ApplyImmediately: true },
    ]);
    expect(h.fake.groups.get(NAMES.cache)).toMatchObject({
      MultiAZ: "disabled",
      AutomaticFailover: "disabled",
    });

    expect(await settle(h, { replicas: 1 })).toBe("ready");
    expect(h.fake.count(IncreaseReplicaCountCommand)).toBe(1);
    expect(h.fake.groups.get(NAMES.cache)).toMatchObject({
      MultiAZ: "enabled",
      AutomaticFailover: "enabled",
    });
    expect(await settle(h, { replicas: 0 })).toBe("ready");
    await h.del();
    h.fake.finish(NAMES.cache);
    expect(await h.del()).toEqual({ kind: "gone" });
  });

  it("deletes whatever an update left: a failed IncreaseReplicaCount, replicas still to change", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    await h.put();
    await h.put({ replicas: 2 });
    h.fake.replicaFailure = new InsufficientCacheClusterCapacityFault({ message: "no capacity", $metadata });
    const refused = await driverErrorOf(h.put({ replicas: 2 }));
    expect(refused.code).toBe("RES-118");
    h.fake.mock.resetHistory();
    expect(await h.del()).toMatchObject({ kind: "in-progress", hint: { status: "deleting" } });
    expect(h.fake.count(IncreaseReplicaCountCommand) + h.fake.count(DecreaseReplicaCountCommand)).toBe(0);
    h.fake.finish(NAMES.cache);
    expect(await h.del()).toEqual({ kind: "gone" });
  });

  it("refuses 40 user tags with 64-character keys with 400 RES-101 naming tags and the limit, before any AWS call", async () => {
    // Keys that do not compress, as real ones of that length rarely do.
    const tags = Object.fromEntries(
      Array.from({ length: 40 }, (_, i) => [createHash("sha256").update(String(i)).digest("hex"), "v"]),
    );
    const error = await driverErrorOf(h.put({ tags }));
    expect(error.code).toBe("RES-101");
    expect(error.field).toBe("driver.values.tags");
    expect(error.message).toContain("AWS allows 50");
    expect(h.fake.clients).toEqual([]);
  });

  it("keeps a resource with many user tags within 50 tags through an update of its tags", async () => {
    const tags = (n: number) => Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`t${i}`, `v${n}`]));
    await h.put({ tags: tags(1) });
    h.fake.finish(NAMES.cache);
    expect(await settle(h, { tags: tags(2) })).toBe("ready");
    const arn = h.fake.groups.get(NAMES.cache)?.ARN ?? "";
    expect((h.fake.tags.get(arn) ?? []).length).toBeLessThanOrEqual(49);
    expect(h.fake.tags.get(arn)).toContainEqual({ Key: "t0", Value: "v2" });
  });

  it("refuses a change that needs a new resource with 400 RES-108 naming the field", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    const error = await driverErrorOf(h.put({ shards: 2, mode: "cluster" }));
    expect(error.code).toBe("RES-108");
    expect(error.message).toContain("driver.values.mode");
  });

  it("deletes: 202 while deleting, 204 once gone, DELETE of the gone resource 204 again", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    await h.put();
    expect(await h.del()).toMatchObject({ kind: "in-progress", hint: { status: "deleting" } });
    expect(h.fake.inputs(DeleteReplicationGroupCommand)).toEqual([{ ReplicationGroupId: NAMES.cache }]);
    expect((await h.del()).kind).toBe("in-progress");
    h.fake.finish(NAMES.cache);
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.count(DeleteReplicationGroupCommand)).toBe(1);
  });

  it('keeps a final snapshot with a derived name for deletion_policy "snapshot"', async () => {
    await h.put({ deletion_policy: "snapshot" });
    h.fake.finish(NAMES.cache);
    await h.del();
    const [input] = h.fake.inputs<{ FinalSnapshotIdentifier?: string }>(DeleteReplicationGroupCommand);
    expect(input?.FinalSnapshotIdentifier).toMatch(new RegExp(`^${NAMES.cache}-final-\\d{12}$`));
  });

  it("waits for a creation to end before deleting (delete during create)", async () => {
    await h.put();
    expect(await h.del()).toMatchObject({ kind: "in-progress", hint: { status: "deleting" } });
    expect(h.fake.count(DeleteReplicationGroupCommand)).toBe(0);
    h.fake.finish(NAMES.cache);
    expect((await h.del()).kind).toBe("in-progress");
    expect(h.fake.count(DeleteReplicationGroupCommand)).toBe(1);
    h.fake.finish(NAMES.cache);
    expect(await h.del()).toEqual({ kind: "gone" });
  });

  it("reports create-failed as 400 RES-111 with AWS's own event text", async () => {
    await h.put();
    h.fake.fail(
      NAMES.cache,
      "Failed to create cache cluster due to insufficient ENI capacity in subnet subnet-0a1.",
    );
    const error = await driverErrorOf(h.put());
    expect(error.code).toBe("RES-111");
    expect(error.message).toContain("insufficient ENI capacity in subnet subnet-0a1");
    await h.del();
    expect(h.fake.count(DeleteReplicationGroupCommand)).toBe(1);
  });

  it("deletes a create-failed cache whose inputs do not fit in its description, from a restarted replica", async () => {
    const large = {
      username: "app",
      tags: Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [
          `team-${i}`,
          createHash("sha256").update(String(i)).digest("hex"),
        ]),
      ),
    };
    await h.put(large);
    h.fake.finish(NAMES.userGroup);
    await h.put(large);
    const events = `${NAMES.cache}-0-0`;
    h.fake.fail(NAMES.cache, "Failed to create cache cluster: the subnet has no free IP addresses.");
    h.fake.events.push({ SourceIdentifier: events, Message: "Node creation failed: insufficient capacity." });
    const restarted = h.replica();
    const failed = await driverErrorOf(
      restarted.lifecycle.put({ id: GURESID, spec: DriverInputsSchema.parse(large), secrets: {} }),
    );
    expect(failed.code).toBe("RES-111");
    expect(failed.message).toContain("insufficient capacity");
    const again = h.replica();
    expect((await again.lifecycle.delete(GURESID, {})).kind).toBe("in-progress");
    expect(h.fake.inputs(DeleteReplicationGroupCommand)).toEqual([{ ReplicationGroupId: NAMES.cache }]);
    h.fake.finish(NAMES.cache);
    // Its RBAC parts follow: the user carries the deletion mark although the inputs were never read.
    for (let look = 0; look < 4 && h.fake.userGroups.size > 0; look++) {
      await again.lifecycle.delete(GURESID, {});
      h.fake.finish(NAMES.userGroup);
    }
    expect(await again.lifecycle.delete(GURESID, {})).toEqual({ kind: "gone" });
    expect(h.fake.users.size).toBe(0);
  });

  it.each([
    [
      "InvalidParameterValueException",
      "RES-101",
      () => new InvalidParameterValueException({ message: "Invalid node type: cache.t9.huge", $metadata }),
    ],
    [
      "ClusterQuotaForCustomerExceededFault",
      "RES-118",
      () => new ClusterQuotaForCustomerExceededFault({ message: "quota", $metadata }),
    ],
    [
      "CacheSubnetGroupNotFoundFault",
      "RES-101",
      () =>
        new CacheSubnetGroupNotFoundFault({
          message: "CacheSubnetGroup cache-subnets not found.",
          $metadata,
        }),
    ],
    [
      "AccessDeniedException",
      "RES-117",
      () =>
        Object.assign(new Error("not authorized to perform: elasticache:CreateReplicationGroup"), {
          name: "AccessDeniedException",
          $metadata,
        }),
    ],
  ])("maps %s from CreateReplicationGroup to %s", async (_, code, fault) => {
    h.fake.failNext(CreateReplicationGroupCommand, fault());
    const error = await driverErrorOf(h.put());
    expect(error.code).toBe(code);
    expect(error.details).toMatchObject({ backend_request_id: "req-1" });
    expect(error.message).not.toContain(h.secrets.password(GURESID, 0));
  });

  it("names the subnet group field when AWS does not know it", async () => {
    h.fake.failNext(
      CreateReplicationGroupCommand,
      new CacheSubnetGroupNotFoundFault({ message: "not found", $metadata }),
    );
    const error = await driverErrorOf(h.put());
    expect(error.field).toBe("driver.values.networking.subnet_group");
  });

  it("answers 202 with the last known state while AWS throttles, 503 RES-119 when it knows none", async () => {
    const throttle = () =>
      Object.assign(new Error("Rate exceeded"), {
        name: "ThrottlingException",
        $metadata: { httpStatusCode: 400 },
      });
    h.fake.failNext(DescribeReplicationGroupsCommand, throttle());
    const unknown = await driverErrorOf(h.get());
    expect(unknown.code).toBe("RES-119");
    await h.put();
    h.fake.failNext(DescribeReplicationGroupsCommand, throttle());
    expect(await h.put()).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
  });

  it("lets two replicas race to create: AWS's AlreadyExists makes the loser adopt the winner's group", async () => {
    const other = h.replica();
    const spec = DriverInputsSchema.parse({});
    const outcomes = await Promise.all([h.put(), other.lifecycle.put({ id: GURESID, spec, secrets: {} })]);
    for (const outcome of outcomes) expect(outcome.kind).toBe("in-progress");
    expect(h.fake.groups.size).toBe(1);
  });

  it("refuses to adopt a group being created with other inputs, and one that is not the driver's", async () => {
    await h.put({ node_type: "cache.r7g.large" });
    const other = h.replica();
    const raced = other.provisioner.create({
      id: GURESID,
      spec: DriverInputsSchema.parse({}),
      secrets: {},
      password: "p".repeat(64),
    });
    await expect(raced).rejects.toMatchObject({ kind: "conflict" });
    const group = h.fake.groups.get(NAMES.cache);
    if (group) group.Description = "someone's cache";
    await expect(other.provisioner.describe(GURESID, {})).rejects.toMatchObject({ kind: "conflict" });
  });

  it("gives a restarted driver the same inputs, from the description or, when too large for it, from the tags", async () => {
    // Values that do not compress, so the inputs cannot fit in the description's 255 characters.
    const large = {
      tags: Object.fromEntries(
        Array.from({ length: 20 }, (_, i) => [
          `team-${i}`,
          createHash("sha256").update(String(i)).digest("hex"),
        ]),
      ),
    };
    await h.put(large);
    h.fake.finish(NAMES.cache);
    const restarted = h.replica();
    const state = await restarted.provisioner.describe(GURESID, {});
    expect(state.status).toBe("available");
    expect("spec" in state && configHash(state.spec)).toBe(configHash(DriverInputsSchema.parse(large)));
    expect(h.fake.count(ListTagsForResourceCommand)).toBe(1);
  });

  it("updates inputs too large for the description: tags first, the modification on the next look, no 409", async () => {
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
    expect((await h.put(large("a"))).kind).toBe("ready");
    const next = { ...large("b"), node_type: "cache.r7g.large" };
    const kinds: string[] = [];
    for (let look = 0; look < 8 && kinds.at(-1) !== "ready"; look++) {
      kinds.push((await h.put(next)).kind);
      h.fake.finish(NAMES.cache);
    }
    expect(kinds).not.toContain("conflict");
    expect(kinds.at(-1)).toBe("ready");
    expect(h.fake.groups.get(NAMES.cache)?.CacheNodeType).toBe("cache.r7g.large");
    const restarted = h.replica();
    const state = await restarted.provisioner.describe(GURESID, {});
    expect("spec" in state && configHash(state.spec)).toBe(configHash(DriverInputsSchema.parse(next)));
  });

  it("rotates the AUTH token with ROTATE, then SET and ROTATE at the next rotation, old token valid until then", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    await h.put();
    const pw = (generation: number) => h.secrets.password(GURESID, generation);

    expect((await h.put({ auth_generation: 1 })).kind).toBe("in-progress");
    expect(h.fake.groups.get(NAMES.cache)?.AuthTokens).toEqual([pw(0), pw(1)]);
    expect(await settle(h, { auth_generation: 1 })).toBe("ready");
    expect(await h.put({ auth_generation: 1 })).toMatchObject({
      kind: "ready",
      outputs: { secrets: { password: pw(1) } },
    });

    expect((await h.put({ auth_generation: 2 })).kind).toBe("in-progress");
    expect(h.fake.groups.get(NAMES.cache)?.AuthTokens).toEqual([pw(1)]);
    h.fake.finish(NAMES.cache);
    // Between the two steps a GET hands out the password that works now.
    expect(await h.get()).toMatchObject({ kind: "ready", outputs: { secrets: { password: pw(1) } } });
    expect((await h.put({ auth_generation: 2 })).kind).toBe("in-progress");
    expect(h.fake.groups.get(NAMES.cache)?.AuthTokens).toEqual([pw(1), pw(2)]);
    expect(await settle(h, { auth_generation: 2 })).toBe("ready");
    expect(await h.put({ auth_generation: 2 })).toMatchObject({
      kind: "ready",
      outputs: { secrets: { password: pw(2) } },
    });
    const strategies = h.fake
      .inputs<ModifyReplicationGroupCommandInput>(ModifyReplicationGroupCommand)
      .flatMap((i) => (i.AuthTokenUpdateStrategy ? [i.AuthTokenUpdateStrategy] : []));
    expect(strategies).toEqual(["ROTATE", "SET", "ROTATE"]);
  });

  it("hands out a rotated AUTH token only once the group is available with the rotation applied; the old one works until then", async () => {
    await h.put();
    h.fake.finish(NAMES.cache);
    expect((await h.put()).kind).toBe("ready");
    const [old, next] = [h.secrets.password(GURESID, 0), h.secrets.password(GURESID, 1)];
    const other = h.replica();
    expect((await h.put({ auth_generation: 1 })).kind).toBe("in-progress");
    // ROTATE keeps both tokens: the old one, handed out until now, keeps working.
    expect(h.fake.groups.get(NAMES.cache)?.AuthTokens).toEqual([old, next]);
    for (const answer of [await h.put({ auth_generation: 1 }), await other.lifecycle.get(GURESID, {})]) {
      expect(answer).toMatchObject({ kind: "in-progress" });
    }
    // Available, but AWS still lists the token change as pending: not applied yet.
    const group = h.fake.groups.get(NAMES.cache);
    h.fake.finish(NAMES.cache);
    if (group) group.PendingModifiedValues = { AuthTokenStatus: "ROTATING" };
    for (const answer of [await other.lifecycle.get(GURESID, {}), await h.put({ auth_generation: 1 })]) {
      expect(answer).toMatchObject({ kind: "in-progress" });
    }
    expect(group?.Status).toBe("available");
    if (group) group.PendingModifiedValues = {};
    expect(await other.lifecycle.get(GURESID, {})).toMatchObject({
      kind: "ready",
      outputs: { secrets: { password: next } },
    });
    expect(await settle(h, { auth_generation: 1 })).toBe("ready");
    expect(h.fake.groups.get(NAMES.cache)?.AuthTokens).toEqual([old, next]);
  });

  it("gives a username its own RBAC user and user group, then the replication group once the group is active", async () => {
    expect((await h.put({ username: "app" })).kind).toBe("in-progress");
    expect(h.fake.inputs(CreateUserCommand).map((i) => (i as { UserName: string }).UserName)).toEqual([
      "app",
      "default",
    ]);
    expect(h.fake.count(CreateUserGroupCommand)).toBe(1);
    expect(h.fake.count(CreateReplicationGroupCommand)).toBe(1);
    expect(h.fake.groups.size).toBe(0);

    expect((await h.get()).kind).toBe("in-progress");
    h.fake.finish(NAMES.userGroup);
    expect((await h.put({ username: "app" })).kind).toBe("in-progress");
    const created = h.fake.inputs<CreateReplicationGroupCommandInput>(CreateReplicationGroupCommand).at(-1);
    expect(created).toMatchObject({ UserGroupIds: [NAMES.userGroup] });
    expect(created?.AuthToken).toBeUndefined();
    h.fake.finish(NAMES.cache);
    expect(await h.put({ username: "app" })).toMatchObject({
      kind: "ready",
      outputs: { secrets: { username: "app", password: h.secrets.password(GURESID, 0) } },
    });

    await h.del();
    h.fake.finish(NAMES.cache);
    expect((await h.del()).kind).toBe("in-progress");
    expect(h.fake.count(DeleteUserGroupCommand)).toBe(1);
    h.fake.finish(NAMES.userGroup);
    // The user group gone, the users go (AWS deletes users at once) and the resource with them.
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.count(DeleteUserCommand)).toBe(2);
    expect(h.fake.users.size).toBe(0);
  });

  describe("an RBAC user's rotation", () => {
    const APP = { username: "app" } as const;
    const ROTATED = { ...APP, auth_generation: 1 } as const;
    const handsOut = (answer: unknown, password: string) =>
      (answer as { outputs?: { secrets?: { password?: string } } }).outputs?.secrets?.password === password;

    /** A ready RBAC resource; the passwords of generations 0 and 1. */
    async function ready() {
      await h.put(APP);
      h.fake.finish(NAMES.userGroup);
      await h.put(APP);
      h.fake.finish(NAMES.cache);
      expect((await h.put(APP)).kind).toBe("ready");
      return [h.secrets.password(GURESID, 0), h.secrets.password(GURESID, 1)] as const;
    }

    /**
     * Polls `put` and GETs on another replica while the group finishes each change but the user
     * stays `modifying`: none may hand out `next`. Then the user is active: PUTs end ready with it.
     */
    async function handsOutOnlyOnceActive(put: (values: DriverInputsIn) => Promise<unknown>, next: string) {
      const other = h.replica();
      for (let look = 0; look < 6; look++) {
        for (const answer of [await put(ROTATED), await other.lifecycle.get(GURESID, {})]) {
          expect(handsOut(answer, next)).toBe(false);
        }
        h.fake.finish(NAMES.cache);
      }
      h.fake.finish(NAMES.user);
      let last: unknown;
      for (let look = 0; look < 6 && (last as { kind?: string })?.kind !== "ready"; look++) {
        last = await put(ROTATED);
        // Handed out, the new password works: the user has applied it.
        if (handsOut(last, next)) expect(h.fake.users.get(NAMES.user)?.Status).toBe("active");
        h.fake.finish(NAMES.cache);
        h.fake.finish(NAMES.user);
      }
      expect(last).toMatchObject({
        kind: "ready",
        outputs: { secrets: { username: "app", password: next } },
      });
      expect(await other.lifecycle.get(GURESID, {})).toMatchObject({
        kind: "ready",
        outputs: { secrets: { password: next } },
      });
    }

    it("gives the user the current and the new password, and hands out the new one only once the user has applied it", async () => {
      const [old, next] = await ready();
      expect((await h.put(ROTATED)).kind).toBe("in-progress");
      expect(h.fake.inputs(ModifyUserCommand)).toEqual([
        { UserId: NAMES.user, AuthenticationMode: { Type: "password", Passwords: [old, next] } },
      ]);
      // The user is `modifying` now: the new password is refused until it is active again.
      expect(h.fake.users.get(NAMES.user)?.Status).toBe("modifying");
      await handsOutOnlyOnceActive(h.put, next);
      expect(h.fake.users.get(NAMES.user)?.Passwords).toEqual([old, next]);
      expect(h.fake.count(ModifyUserCommand)).toBe(1);
    });

    it("records the rotation only after ModifyUser succeeded, and resumes from a crash between its calls on another replica", async () => {
      const [old, next] = await ready();
      h.fake.failNext(ModifyUserCommand, throttling());
      await h.put(ROTATED);
      // Nothing says generation 1 yet: another replica hands out the password that works.
      expect(await h.replica().lifecycle.get(GURESID, {})).toMatchObject({
        kind: "ready",
        outputs: { secrets: { password: old } },
      });
      expect(h.fake.count(ModifyReplicationGroupCommand)).toBe(0);
      // ModifyUser succeeds, the group's description is not written (a crash, or a throttle): the
      // next PUT on another replica waits for the user rather than asking it a change it refuses.
      h.fake.failNext(ModifyReplicationGroupCommand, throttling());
      await h.put(ROTATED);
      expect(h.fake.users.get(NAMES.user)?.Status).toBe("modifying");
      const resumed = h.replica();
      await handsOutOnlyOnceActive(
        (values) =>
          resumed.lifecycle.put({ id: GURESID, spec: DriverInputsSchema.parse(values), secrets: {} }),
        next,
      );
      expect(h.fake.users.get(NAMES.user)?.Passwords).toEqual([old, next]);
      // The throttled call, the one that succeeded, and the resumed rotation's once the user was
      // active (it cannot tell the change in flight for its own); none while the user was modifying.
      expect(h.fake.count(ModifyUserCommand)).toBe(3);
    });
  });

  it("makes a parameter group only for a non-default eviction policy, and removes it after the group", async () => {
    await h.put({ maxmemory_policy: "allkeys-lru" });
    expect(h.fake.inputs(CreateCacheParameterGroupCommand)).toEqual([
      expect.objectContaining({
        CacheParameterGroupName: NAMES.parameterGroup,
        CacheParameterGroupFamily: "valkey8",
      }),
    ]);
    expect(h.fake.parameterGroups.get(NAMES.parameterGroup)?.parameters).toEqual({
      "maxmemory-policy": "allkeys-lru",
    });
    h.fake.finish(NAMES.cache);
    await h.del();
    h.fake.finish(NAMES.cache);
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.count(DeleteCacheParameterGroupCommand)).toBe(1);
    expect(h.fake.parameterGroups.size).toBe(0);
  });
});
