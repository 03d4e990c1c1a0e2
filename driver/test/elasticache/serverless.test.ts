import {
  CreateServerlessCacheCommand,
  CreateUserCommand,
  DeleteServerlessCacheCommand,
  DeleteUserCommand,
  DeleteUserGroupCommand,
  ListTagsForResourceCommand,
  ModifyUserCommand,
  UserNotFoundFault,
  ModifyServerlessCacheCommand,
  type CreateServerlessCacheCommandInput,
  type ModifyServerlessCacheCommandInput,
} from "@aws-sdk/client-elasticache";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../src/errors.js";
import { DriverInputsSchema, type DriverInputs } from "../../src/inputs/driver-inputs.js";
import { resourceTags } from "../../src/provisioners/elasticache/spec-codec.js";
import {
  elasticacheHarness,
  GURESID,
  NAMES,
  type ElastiCacheHarness,
} from "../support/elasticache-harness.js";

const SERVERLESS = { deployment: "serverless" } as const;

/** AWS's throttling error (the SDK has no class for it), as its retries give it up. */
const throttling = () =>
  Object.assign(new Error("Rate exceeded"), {
    name: "ThrottlingException",
    $metadata: { httpStatusCode: 400 },
  });

/** The resource's own user as CreateUser leaves it, tagged with the resource's inputs. */
function addUserAsIfCreated(h: ElastiCacheHarness, spec: DriverInputs): void {
  const arn = `arn:aws:elasticache:eu-central-1:123456789012:user:${NAMES.user}`;
  h.fake.users.set(NAMES.user, {
    UserId: NAMES.user,
    UserName: spec.username ?? "default",
    Status: "active",
    AccessString: "on ~* &* +@all",
    ARN: arn,
    Passwords: [h.secrets.password(GURESID, spec.auth_generation)],
  });
  h.fake.tags.set(arn, resourceTags(GURESID, spec));
}

describe("elasticache serverless deployment", () => {
  let h: ElastiCacheHarness;
  beforeEach(() => {
    h = elasticacheHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("caps a serverless cache's storage and ECPUs (defaults, or usage_limits), changed in place", async () => {
    await h.put(SERVERLESS);
    h.fake.finish(NAMES.userGroup);
    await h.put(SERVERLESS);
    expect(h.fake.inputs<CreateServerlessCacheCommandInput>(CreateServerlessCacheCommand)[0]).toMatchObject({
      CacheUsageLimits: { DataStorage: { Maximum: 10, Unit: "GB" }, ECPUPerSecond: { Maximum: 5000 } },
    });
    h.fake.finish(NAMES.cache);
    const limited = { ...SERVERLESS, usage_limits: { data_storage_gb: 50 } };
    expect((await h.put(limited)).kind).not.toBe("conflict");
    expect(
      h.fake.inputs<ModifyServerlessCacheCommandInput>(ModifyServerlessCacheCommand).at(-1),
    ).toMatchObject({
      CacheUsageLimits: { DataStorage: { Maximum: 50, Unit: "GB" }, ECPUPerSecond: { Maximum: 5000 } },
    });
    const refused = await h.put({ usage_limits: { data_storage_gb: 5 } }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
  });

  it("creates an RBAC user and user group, the cache once the group is active, then answers its endpoint", async () => {
    expect((await h.put(SERVERLESS)).kind).toBe("in-progress");
    expect(h.fake.inputs(CreateUserCommand)).toEqual([
      expect.objectContaining({
        UserId: NAMES.user,
        UserName: "default",
        AccessString: "on ~* &* +@all",
        Engine: "redis",
      }),
    ]);
    // AWS refuses a cache on a user group that is still being created; the next look creates it.
    expect(h.fake.serverless.size).toBe(0);
    expect((await h.put(SERVERLESS)).kind).toBe("in-progress");
    h.fake.finish(NAMES.userGroup);
    expect((await h.put(SERVERLESS)).kind).toBe("in-progress");
    const created = h.fake.inputs<CreateServerlessCacheCommandInput>(CreateServerlessCacheCommand).at(-1);
    expect(created).toMatchObject({
      ServerlessCacheName: NAMES.cache,
      Engine: "valkey",
      UserGroupId: NAMES.userGroup,
      SubnetIds: ["subnet-0a1", "subnet-0b2"],
      SecurityGroupIds: ["sg-0123456789abcdef0"],
    });
    h.fake.finish(NAMES.cache);
    expect(await h.put(SERVERLESS)).toMatchObject({
      kind: "ready",
      outputs: {
        values: { host: `${NAMES.cache}-abc123.serverless.euc1.cache.amazonaws.com`, port: 6379, tls: true },
        secrets: { username: "default", password: h.secrets.password(GURESID, 0) },
      },
    });
  });

  it("reports every sizing input that does not apply in one 400 RES-112", async () => {
    const error = await h
      .put({ ...SERVERLESS, node_type: "cache.r7g.large", replicas: 1, shards: 2, mode: "cluster" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    const fields = (error as ValidationError).issues.map((issue) => issue.field);
    expect(fields).toEqual([
      "driver.values.node_type",
      "driver.values.mode",
      "driver.values.shards",
      "driver.values.replicas",
    ]);
    expect(h.fake.count(CreateUserCommand)).toBe(0);
  });

  async function ready(spec: Record<string, unknown>): Promise<void> {
    await h.put(spec);
    h.fake.finish(NAMES.userGroup);
    await h.put(spec);
    h.fake.finish(NAMES.cache);
    expect(await h.put(spec)).toMatchObject({ kind: "ready" });
  }

  it("rotates the password by giving the user the current and the new one, and hands out the new one only once the user has applied it", async () => {
    await ready(SERVERLESS);
    const [old, next] = [h.secrets.password(GURESID, 0), h.secrets.password(GURESID, 1)];
    // The user is `modifying` now: the new password is refused until it is active again.
    expect(await h.put({ ...SERVERLESS, auth_generation: 1 })).toMatchObject({
      kind: "in-progress",
      hint: { status: "updating" },
    });
    expect(h.fake.inputs(ModifyUserCommand)).toEqual([
      { UserId: NAMES.user, AuthenticationMode: { Type: "password", Passwords: [old, next] } },
    ]);
    const other = h.replica();
    expect(await other.lifecycle.get(GURESID, {})).toMatchObject({ kind: "in-progress" });
    expect(await h.put({ ...SERVERLESS, auth_generation: 1 })).toMatchObject({ kind: "in-progress" });
    h.fake.finish(NAMES.user);
    for (const answer of [
      await h.put({ ...SERVERLESS, auth_generation: 1 }),
      await other.lifecycle.get(GURESID, {}),
    ]) {
      expect(answer).toMatchObject({ kind: "ready", outputs: { secrets: { password: next } } });
    }
    expect(h.fake.users.get(NAMES.user)?.Passwords).toEqual([old, next]);
    expect(h.fake.count(ModifyUserCommand)).toBe(1);
  });

  it("records a rotation only after ModifyUser succeeded: a throttled one is repeated by the next PUT", async () => {
    await ready(SERVERLESS);
    h.fake.failNext(ModifyUserCommand, throttling());
    expect(await h.put({ ...SERVERLESS, auth_generation: 1 })).toMatchObject({ kind: "in-progress" });
    // Nothing says generation 1 yet: a GET on another replica still hands out the password that works.
    expect(await h.replica().lifecycle.get(GURESID, {})).toMatchObject({
      kind: "ready",
      outputs: { secrets: { password: h.secrets.password(GURESID, 0) } },
    });
    expect(await h.put({ ...SERVERLESS, auth_generation: 1 })).toMatchObject({ kind: "in-progress" });
    h.fake.finish(NAMES.user);
    expect(await h.put({ ...SERVERLESS, auth_generation: 1 })).toMatchObject({
      kind: "ready",
      outputs: { secrets: { password: h.secrets.password(GURESID, 1) } },
    });
    expect(h.fake.count(ModifyUserCommand)).toBe(2);
  });

  it("resumes a creation that ended between its own user and the stand-in default user, and can delete it", async () => {
    const spec = { ...SERVERLESS, username: "app" } as const;
    // Another replica created the resource's own user, then died before the stand-in `default` user.
    addUserAsIfCreated(h, DriverInputsSchema.parse(spec));
    expect(await h.put(spec)).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
    expect(h.fake.users.get(NAMES.defaultUser)).toMatchObject({
      UserName: "default",
      AccessString: "off -@all",
    });
    expect(h.fake.userGroups.get(NAMES.userGroup)?.UserIds).toEqual([NAMES.user, NAMES.defaultUser]);
    // The stand-in never gets the resource's password.
    expect(h.fake.users.get(NAMES.defaultUser)?.Passwords).not.toContain(h.secrets.password(GURESID, 0));
    h.fake.finish(NAMES.userGroup);
    await h.put(spec);
    h.fake.finish(NAMES.cache);
    expect(await h.put(spec)).toMatchObject({ kind: "ready", outputs: { secrets: { username: "app" } } });
  });

  it("deletes what a creation left between its two users", async () => {
    const spec = { ...SERVERLESS, username: "app" } as const;
    addUserAsIfCreated(h, DriverInputsSchema.parse(spec));
    expect((await h.del()).kind).toBe("in-progress");
    h.fake.finish(NAMES.userGroup);
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.users.size + h.fake.userGroups.size + h.fake.serverless.size).toBe(0);
  });

  it("deletes the cache (with a final snapshot when asked), then its user group, then its users", async () => {
    const spec = { ...SERVERLESS, deletion_policy: "snapshot" } as const;
    await h.put(spec);
    h.fake.finish(NAMES.userGroup);
    await h.put(spec);
    h.fake.finish(NAMES.cache);
    await h.put(spec);
    expect((await h.del()).kind).toBe("in-progress");
    expect(
      h.fake.inputs<{ FinalSnapshotName?: string }>(DeleteServerlessCacheCommand)[0]?.FinalSnapshotName,
    ).toMatch(/-final-\d{12}$/);
    h.fake.finish(NAMES.cache);
    expect((await h.del()).kind).toBe("in-progress");
    expect(h.fake.count(DeleteUserGroupCommand)).toBe(1);
    h.fake.finish(NAMES.userGroup);
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.count(DeleteUserCommand)).toBe(1);
    expect(h.fake.users.size + h.fake.userGroups.size + h.fake.serverless.size).toBe(0);
  });

  it("removes the user and user group of a creation deleted before its cache existed", async () => {
    await h.put(SERVERLESS);
    expect((await h.del()).kind).toBe("in-progress");
    expect(h.fake.count(DeleteUserGroupCommand)).toBe(1);
    h.fake.finish(NAMES.userGroup);
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.count(CreateServerlessCacheCommand)).toBe(1);
    expect(h.fake.users.size + h.fake.userGroups.size + h.fake.serverless.size).toBe(0);
  });

  it("answers gone when the last user goes between its listing and the read of its tags", async () => {
    await h.put(SERVERLESS);
    expect((await h.del()).kind).toBe("in-progress");
    h.fake.finish(NAMES.userGroup);
    // A concurrent look (another poll, another replica) deletes the user after this one listed it.
    h.fake.failNext(
      ListTagsForResourceCommand,
      new UserNotFoundFault({ message: `User ${NAMES.user} not found.`, $metadata: {} }),
    );
    expect(await h.del()).toEqual({ kind: "gone" });
  });
});
