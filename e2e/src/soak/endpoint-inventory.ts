import { setTimeout as sleep } from "node:timers/promises";
import {
  CreateServerlessCacheCommand,
  CreateUserGroupCommand,
  DescribeCacheParameterGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import type { RunningEmulator } from "@elasticache-driver-kit/emulator";

/** An ElastiCache client of the local endpoint, for what the soak does outside the drivers. */
export function endpointClient(emulator: RunningEmulator): ElastiCacheClient {
  return new ElastiCacheClient({
    region: emulator.region,
    endpoint: emulator.url,
    credentials: {
      accessKeyId: emulator.env.AWS_ACCESS_KEY_ID ?? "",
      secretAccessKey: emulator.env.AWS_SECRET_ACCESS_KEY ?? "",
    },
  });
}

/** Every object of the endpoint, as `kind id` (replication groups, serverless caches, users, ...). */
export async function inventory(client: ElastiCacheClient): Promise<Set<string>> {
  const [groups, caches, users, userGroups, parameters] = await Promise.all([
    client.send(new DescribeReplicationGroupsCommand({})),
    client.send(new DescribeServerlessCachesCommand({})),
    client.send(new DescribeUsersCommand({})),
    client.send(new DescribeUserGroupsCommand({})),
    client.send(new DescribeCacheParameterGroupsCommand({})),
  ]);
  return new Set([
    ...(groups.ReplicationGroups ?? []).map((g) => `replication group ${g.ReplicationGroupId}`),
    ...(caches.ServerlessCaches ?? []).map((c) => `serverless cache ${c.ServerlessCacheName}`),
    ...(users.Users ?? []).map((u) => `user ${u.UserId}`),
    ...(userGroups.UserGroups ?? []).map((g) => `user group ${g.UserGroupId}`),
    ...(parameters.CacheParameterGroups ?? []).map((p) => `parameter group ${p.CacheParameterGroupName}`),
  ]);
}

/**
 * What the endpoint holds now that it did not hold at `before`, waited for up to `waitMs`: a
 * deletion the driver answered 204 for may still be finishing in the endpoint's background.
 */
export async function leftovers(
  client: ElastiCacheClient,
  before: Set<string>,
  waitMs: number,
): Promise<string[]> {
  const until = Date.now() + waitMs;
  for (;;) {
    const left = [...(await inventory(client))].filter((item) => !before.has(item));
    if (left.length === 0 || Date.now() > until) return left.sort();
    await sleep(250);
  }
}

/**
 * What a platform team sets up once before any `shared` resource: a user group tagged shareable and
 * a serverless cache using it; resolves when both are ready.
 */
export async function createSharedCache(
  client: ElastiCacheClient,
  names: { cache: string; userGroup: string },
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  const waitFor = async (what: string, done: () => Promise<boolean>) => {
    while (!(await done())) {
      if (Date.now() > until) throw new Error(`${what}: not within ${timeoutMs} ms`);
      await sleep(100);
    }
  };
  await client.send(
    new CreateUserGroupCommand({
      UserGroupId: names.userGroup,
      Engine: "valkey",
      Tags: [{ Key: "elasticache-driver-kit:shareable", Value: "true" }],
    }),
  );
  await waitFor(`user group ${names.userGroup} active`, async () => {
    const { UserGroups } = await client.send(new DescribeUserGroupsCommand({ UserGroupId: names.userGroup }));
    return UserGroups?.[0]?.Status === "active";
  });
  await client.send(
    new CreateServerlessCacheCommand({
      ServerlessCacheName: names.cache,
      Engine: "valkey",
      UserGroupId: names.userGroup,
    }),
  );
  await waitFor(`serverless cache ${names.cache} available`, async () => {
    const { ServerlessCaches } = await client.send(
      new DescribeServerlessCachesCommand({ ServerlessCacheName: names.cache }),
    );
    return ServerlessCaches?.[0]?.Status === "available";
  });
}
