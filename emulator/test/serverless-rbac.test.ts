import {
  CreateServerlessCacheCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DeleteServerlessCacheCommand,
  DeleteUserCommand,
  DeleteUserGroupCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeServerlessCachesCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
  ListTagsForResourceCommand,
  ModifyUserCommand,
  ModifyUserGroupCommand,
  ServerlessCacheNotFoundFault,
  UserGroupNotFoundFault,
  type ServerlessCache,
} from "@aws-sdk/client-elasticache";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pollUntil } from "./support/poll.js";
import { connectionError, connectRedis } from "./support/redis-client.js";
import { startTestEmulator } from "./support/test-emulator.js";

const emulator = await startTestEmulator();
let client: ElastiCacheClient;

beforeAll(() => {
  for (const [name, value] of Object.entries(emulator.env)) vi.stubEnv(name, value);
  client = new ElastiCacheClient({});
});

afterAll(async () => {
  client.destroy();
  vi.unstubAllEnvs();
  await emulator.close();
});

const describeCache = async (name: string): Promise<ServerlessCache> => {
  const { ServerlessCaches } = await client.send(
    new DescribeServerlessCachesCommand({ ServerlessCacheName: name }),
  );
  const cache = ServerlessCaches?.[0];
  if (!cache) throw new Error(`no serverless cache ${name} in the answer`);
  return cache;
};

const groupStatus = async (id: string) =>
  (await client.send(new DescribeUserGroupsCommand({ UserGroupId: id }))).UserGroups?.[0]?.Status;

const APP_PASSWORD = "app-password-0123456789";
const NEW_APP_PASSWORD = "app-password-9876543210";
const OPS_PASSWORD = "ops-password-0123456789";

describe("a serverless cache with an RBAC user group", () => {
  it("lets each user in with its password and keeps a prefix user inside its prefix", async () => {
    const app = await client.send(
      new CreateUserCommand({
        UserId: "app-user",
        UserName: "app",
        Engine: "valkey",
        AccessString: "on ~app:* +@all",
        Passwords: [APP_PASSWORD],
        Tags: [{ Key: "guresid", Value: "g-2" }],
      }),
    );
    expect(app).toMatchObject({
      UserId: "app-user",
      Status: "active",
      Authentication: { Type: "password", PasswordCount: 1 },
    });
    await client.send(
      new CreateUserCommand({
        UserId: "ops-user",
        UserName: "ops",
        Engine: "valkey",
        AccessString: "on ~* &* +@all",
        AuthenticationMode: { Type: "password", Passwords: [OPS_PASSWORD] },
      }),
    );
    const tags = await client.send(new ListTagsForResourceCommand({ ResourceName: app.ARN }));
    expect(tags.TagList).toEqual([{ Key: "guresid", Value: "g-2" }]);

    const group = await client.send(
      new CreateUserGroupCommand({
        UserGroupId: "app-group",
        Engine: "valkey",
        UserIds: ["app-user", "ops-user"],
      }),
    );
    expect(group.Status).toBe("creating");
    await pollUntil(
      () => groupStatus("app-group"),
      (status) => status === "active",
    );

    const created = await client.send(
      new CreateServerlessCacheCommand({
        ServerlessCacheName: "sessions",
        Engine: "valkey",
        UserGroupId: "app-group",
        Tags: [{ Key: "managed-by", Value: "elasticache-driver-kit" }],
      }),
    );
    expect(created.ServerlessCache).toMatchObject({ Status: "creating", UserGroupId: "app-group" });
    const cache = await pollUntil(
      () => describeCache("sessions"),
      (found) => found.Status === "available",
    );
    expect(cache.ARN).toBe(`arn:aws:elasticache:${emulator.region}:000000000000:serverlesscache:sessions`);
    const target = {
      host: cache.Endpoint?.Address ?? "",
      port: cache.Endpoint?.Port ?? 0,
      ca: emulator.caPem,
    };
    // The reader is the same address on a port of its own, as AWS's 6379 and 6380.
    expect(cache.ReaderEndpoint?.Address).toBe(cache.Endpoint?.Address);
    expect(cache.ReaderEndpoint?.Port).not.toBe(cache.Endpoint?.Port);
    const described = await client.send(new DescribeUserGroupsCommand({ UserGroupId: "app-group" }));
    expect(described.UserGroups?.[0]?.ServerlessCaches).toEqual(["sessions"]);

    {
      await using appClient = await connectRedis({ ...target, username: "app", password: APP_PASSWORD });
      await appClient.set("app:visits", "1");
      expect(await appClient.get("app:visits")).toBe("1");
      await expect(appClient.set("billing:total", "1")).rejects.toThrow(/NOPERM/);
      await expect(appClient.get("billing:total")).rejects.toThrow(/NOPERM/);
    }
    {
      await using opsClient = await connectRedis({ ...target, username: "ops", password: OPS_PASSWORD });
      await opsClient.set("billing:total", "7");
      expect(await opsClient.get("app:visits")).toBe("1");
    }
    // The group has no user named default, so the default user is off.
    expect((await connectionError(target)).message).toMatch(/NOAUTH|WRONGPASS|disabled/i);

    // A new password replaces the old one on the engine once the user is active again.
    await client.send(new ModifyUserCommand({ UserId: "app-user", Passwords: [NEW_APP_PASSWORD] }));
    await pollUntil(
      async () => (await client.send(new DescribeUsersCommand({ UserId: "app-user" }))).Users?.[0]?.Status,
      (status) => status === "active",
    );
    expect((await connectionError({ ...target, username: "app", password: APP_PASSWORD })).message).toMatch(
      /WRONGPASS/,
    );
    {
      await using appClient = await connectRedis({ ...target, username: "app", password: NEW_APP_PASSWORD });
      expect(await appClient.get("app:visits")).toBe("1");
    }

    // A user taken out of the group can no longer get in.
    await client.send(
      new ModifyUserGroupCommand({ UserGroupId: "app-group", UserIdsToRemove: ["ops-user"] }),
    );
    await pollUntil(
      () => groupStatus("app-group"),
      (status) => status === "active",
    );
    expect((await connectionError({ ...target, username: "ops", password: OPS_PASSWORD })).message).toMatch(
      /WRONGPASS/,
    );

    await client.send(
      new DeleteServerlessCacheCommand({
        ServerlessCacheName: "sessions",
        FinalSnapshotName: "sessions-final",
      }),
    );
    const gone = await pollUntil(
      () =>
        describeCache("sessions").then(
          () => undefined,
          (error: unknown) => error,
        ),
      (error) => error !== undefined,
    );
    expect(gone).toBeInstanceOf(ServerlessCacheNotFoundFault);
    const { ServerlessCacheSnapshots } = await client.send(
      new DescribeServerlessCacheSnapshotsCommand({ ServerlessCacheName: "sessions" }),
    );
    expect(ServerlessCacheSnapshots).toEqual([
      expect.objectContaining({
        ServerlessCacheSnapshotName: "sessions-final",
        Status: "available",
        ServerlessCacheConfiguration: expect.objectContaining({
          ServerlessCacheName: "sessions",
          Engine: "valkey",
        }),
      }),
    ]);

    await client.send(new DeleteUserGroupCommand({ UserGroupId: "app-group" }));
    await client.send(new DeleteUserCommand({ UserId: "ops-user" }));
    const groupGone = await pollUntil(
      () =>
        groupStatus("app-group").then(
          () => undefined,
          (error: unknown) => error,
        ),
      (error) => error !== undefined,
    );
    expect(groupGone).toBeInstanceOf(UserGroupNotFoundFault);
  });
});
