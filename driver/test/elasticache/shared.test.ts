import {
  CreateUserCommand,
  DeleteUserCommand,
  ModifyUserCommand,
  ModifyUserGroupCommand,
  UserNotFoundFault,
  type ReplicationGroup,
} from "@aws-sdk/client-elasticache";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  driverErrorOf,
  elasticacheHarness,
  GURESID,
  NAMES,
  type ElastiCacheHarness,
} from "../support/elasticache-harness.js";
import { DriverInputsSchema } from "../../src/inputs/driver-inputs.js";

const SHARED = { deployment: "shared", shared_cache: "team-cache" } as const;
const ARN = "arn:aws:elasticache:eu-central-1:123456789012";

/** An existing replication group with TLS and an RBAC user group, as a platform team would run it. */
function addTeamCache(h: ElastiCacheHarness, shareable: boolean): void {
  const group: ReplicationGroup = {
    ReplicationGroupId: "team-cache",
    Status: "available",
    TransitEncryptionEnabled: true,
    UserGroupIds: ["team-users"],
    ARN: `${ARN}:replicationgroup:team-cache`,
    NodeGroups: [
      {
        PrimaryEndpoint: { Address: "master.team-cache.abc123.euc1.cache.amazonaws.com", Port: 6379 },
        NodeGroupMembers: [{}],
      },
    ],
  };
  h.fake.groups.set("team-cache", group);
  h.fake.userGroups.set("team-users", {
    UserGroupId: "team-users",
    Status: "active",
    UserIds: ["default-off"],
    ARN: `${ARN}:usergroup:team-users`,
  });
  h.fake.tags.set(
    `${ARN}:usergroup:team-users`,
    shareable ? [{ Key: "elasticache-driver-kit:shareable", Value: "true" }] : [],
  );
}

describe("elasticache shared deployment", () => {
  let h: ElastiCacheHarness;
  beforeEach(() => {
    h = elasticacheHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("adds a user confined to its key prefix to the cache's user group and answers in seconds with the prefix", async () => {
    addTeamCache(h, true);
    expect((await h.put(SHARED)).kind).toBe("in-progress");
    expect(h.fake.inputs(CreateUserCommand)).toEqual([
      expect.objectContaining({
        UserId: NAMES.user,
        UserName: NAMES.user,
        AccessString: `on ~${NAMES.keyPrefix}* &${NAMES.keyPrefix}* +@all -@dangerous`,
      }),
    ]);
    expect(h.fake.inputs(ModifyUserGroupCommand)).toEqual([
      { UserGroupId: "team-users", UserIdsToAdd: [NAMES.user] },
    ]);
    expect((await h.put(SHARED)).kind).toBe("in-progress");
    h.fake.finish("team-users");
    expect(await h.put(SHARED)).toMatchObject({
      kind: "ready",
      outputs: {
        values: {
          host: "master.team-cache.abc123.euc1.cache.amazonaws.com",
          port: 6379,
          tls: true,
          key_prefix: NAMES.keyPrefix,
        },
        secrets: { username: NAMES.user, password: h.secrets.password(GURESID, 0) },
      },
    });
  });

  it("says clearly when the cache's user group is not open to shared deployments", async () => {
    addTeamCache(h, false);
    const error = await driverErrorOf(h.put(SHARED));
    expect(error.code).toBe("RES-101");
    expect(error.field).toBe("driver.values.shared_cache");
    expect(error.message).toContain("does not carry the tag elasticache-driver-kit:shareable=true");
    expect(error.fix).toContain("aws elasticache add-tags-to-resource");
    expect(h.fake.count(CreateUserCommand)).toBe(0);
  });

  it("says clearly when the cache does not exist or has no user group", async () => {
    const missing = await driverErrorOf(h.put(SHARED));
    expect(missing.message).toContain("no replication group or serverless cache named team-cache");
    addTeamCache(h, true);
    const group = h.fake.groups.get("team-cache");
    if (group) group.UserGroupIds = [];
    const noGroup = await driverErrorOf(h.put(SHARED));
    expect(noGroup.message).toContain("uses no RBAC user group");
  });

  it("deletes only its user, once it has left the group; the shared cache stays", async () => {
    addTeamCache(h, true);
    await h.put(SHARED);
    h.fake.finish("team-users");
    await h.put(SHARED);
    expect(await h.del()).toMatchObject({ kind: "in-progress", hint: { status: "deleting" } });
    expect(h.fake.inputs(ModifyUserGroupCommand).at(-1)).toEqual({
      UserGroupId: "team-users",
      UserIdsToRemove: [NAMES.user],
    });
    expect(h.fake.count(DeleteUserCommand)).toBe(0);
    // Another replica's look while the group applies the change neither joins again nor deletes.
    expect(await h.replica().lifecycle.get(GURESID, {})).toMatchObject({ kind: "in-progress" });
    h.fake.finish("team-users");
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.inputs(DeleteUserCommand)).toEqual([{ UserId: NAMES.user }]);
    expect(h.fake.groups.has("team-cache")).toBe(true);
    expect(h.fake.userGroups.get("team-users")?.UserIds).toEqual(["default-off"]);
  });

  async function readyShared(): Promise<void> {
    addTeamCache(h, true);
    await h.put(SHARED);
    h.fake.finish("team-users");
    expect(await h.put(SHARED)).toMatchObject({ kind: "ready" });
  }

  it("stays ready while the shared group takes another tenant's change", async () => {
    await readyShared();
    const group = h.fake.userGroups.get("team-users");
    if (group) {
      group.Status = "modifying";
      group.PendingChanges = { UserIdsToAdd: ["another-tenant"] };
    }
    expect(await h.put(SHARED)).toMatchObject({ kind: "ready" });
    expect(await h.replica().lifecycle.get(GURESID, {})).toMatchObject({ kind: "ready" });
  });

  it("is creating while the group lists the new member but has not applied it yet", async () => {
    addTeamCache(h, true);
    await h.put(SHARED);
    const group = h.fake.userGroups.get("team-users");
    if (group) group.UserIds = [...(group.UserIds ?? []), NAMES.user];
    delete group?.PendingChanges;
    expect(await h.put(SHARED)).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
    h.fake.finish("team-users");
    expect(await h.put(SHARED)).toMatchObject({ kind: "ready" });
  });

  it("records a rotation on the user's tags only after ModifyUser succeeded, and hands out a password the user has", async () => {
    await readyShared();
    h.fake.failNext(
      ModifyUserCommand,
      Object.assign(new Error("Rate exceeded"), {
        name: "ThrottlingException",
        $metadata: { httpStatusCode: 400 },
      }),
    );
    const rotate = { ...SHARED, auth_generation: 1 };
    expect(await h.put(rotate)).toMatchObject({ kind: "in-progress" });
    const answers = [await h.replica().lifecycle.get(GURESID, {}), await h.put(rotate)];
    h.fake.finish(NAMES.user);
    answers.push(await h.put(rotate), await h.replica().lifecycle.get(GURESID, {}));
    const handedOut = answers.flatMap((answer) =>
      answer.kind === "ready" ? [answer.outputs.secrets.password] : [],
    );
    expect(handedOut.at(-1)).toBe(h.secrets.password(GURESID, 1));
    for (const password of handedOut) expect(h.fake.users.get(NAMES.user)?.Passwords).toContain(password);
  });

  it("fails a resource whose join the group refuses, and still deletes it", async () => {
    addTeamCache(h, true);
    const group = h.fake.userGroups.get("team-users");
    if (group) group.Status = "modifying";
    expect((await h.put(SHARED)).kind).toBe("in-progress");
    if (group) group.Status = "active";
    // The group refuses every change, e.g. for a member it no longer knows.
    for (let i = 0; i < 2; i++) {
      h.fake.failNext(
        ModifyUserGroupCommand,
        new UserNotFoundFault({ message: "User another-tenant not found.", $metadata: {} }),
      );
    }
    expect((await driverErrorOf(h.put(SHARED))).code).toBe("RES-111");
    expect(await h.del()).toEqual({ kind: "gone" });
    expect(h.fake.users.has(NAMES.user)).toBe(false);
  });

  it("takes a refusal to add a member already in the group (another replica's join) as done", async () => {
    await readyShared();
    await h.replica().provisioner.create({
      id: GURESID,
      spec: DriverInputsSchema.parse(SHARED),
      secrets: {},
      password: h.secrets.password(GURESID, 0),
    });
    expect(h.fake.count(ModifyUserGroupCommand)).toBe(2);
    expect(await h.put(SHARED)).toMatchObject({ kind: "ready" });
  });

  it("costs a replica that did not create it three calls per lookup after the first, none a not-found", async () => {
    await readyShared();
    const other = h.replica();
    const calls = () => h.fake.mock.calls().length;
    let before = calls();
    await other.lifecycle.get(GURESID, {});
    const first = calls() - before;
    before = calls();
    expect(await other.lifecycle.get(GURESID, {})).toMatchObject({ kind: "ready" });
    const names = h.fake.clients.slice(-(calls() - before)).map((call) => call.command);
    expect(names).toEqual([
      "DescribeUsersCommand",
      "ListTagsForResourceCommand",
      "DescribeUserGroupsCommand",
    ]);
    expect(first).toBeGreaterThan(names.length);
  });
});
