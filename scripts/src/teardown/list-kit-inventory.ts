import { paginateDescribeSecurityGroups, type EC2Client } from "@aws-sdk/client-ec2";
import {
  ListTagsForResourceCommand,
  paginateDescribeCacheClusters,
  paginateDescribeCacheSubnetGroups,
  paginateDescribeReplicationGroups,
  paginateDescribeServerlessCaches,
  paginateDescribeUserGroups,
  paginateDescribeUsers,
  type ElastiCacheClient,
  type Tag,
} from "@aws-sdk/client-elasticache";
import { GURESID_TAG_KEY, isKitTagged, MANAGED_BY_TAG, tagValue } from "../aws/kit-tags.js";
import type { KitCache, KitInventory, KitNetworkPart, KitUser, KitUserGroup } from "./kit-inventory.js";

export interface InventoryClients {
  readonly elasticache: ElastiCacheClient;
  readonly ec2: EC2Client;
}

async function collect<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

/** Tags of many ARNs, a few requests at a time (ElastiCache throttles bursts of calls). */
async function tagsOf(client: ElastiCacheClient, arns: readonly string[]): Promise<Map<string, Tag[]>> {
  const tags = new Map<string, Tag[]>();
  const queue = [...new Set(arns)];
  const worker = async () => {
    for (let arn = queue.shift(); arn !== undefined; arn = queue.shift()) {
      const answer = await client.send(new ListTagsForResourceCommand({ ResourceName: arn }));
      tags.set(arn, answer.TagList ?? []);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return tags;
}

/** Lists the kit's ElastiCache objects and security groups in the clients' region. */
export async function listKitInventory({ elasticache, ec2 }: InventoryClients): Promise<KitInventory> {
  const client = { client: elasticache };
  const [groups, clusters, serverless, userGroups, users, subnetGroups, securityGroups] = await Promise.all([
    collect(paginateDescribeReplicationGroups(client, {}), (page) => page.ReplicationGroups),
    collect(paginateDescribeCacheClusters(client, {}), (page) => page.CacheClusters),
    collect(paginateDescribeServerlessCaches(client, {}), (page) => page.ServerlessCaches),
    collect(paginateDescribeUserGroups(client, {}), (page) => page.UserGroups),
    collect(paginateDescribeUsers(client, {}), (page) => page.Users),
    collect(paginateDescribeCacheSubnetGroups(client, {}), (page) => page.CacheSubnetGroups),
    collect(
      paginateDescribeSecurityGroups(
        { client: ec2 },
        { Filters: [{ Name: `tag:${MANAGED_BY_TAG.key}`, Values: [MANAGED_BY_TAG.value] }] },
      ),
      (page) => page.SecurityGroups,
    ),
  ]);
  const tags = await tagsOf(
    elasticache,
    [...groups, ...serverless, ...userGroups, ...users, ...subnetGroups].flatMap((item) =>
      item.ARN ? [item.ARN] : [],
    ),
  );
  const kit = (arn: string | undefined) => arn !== undefined && isKitTagged(tags.get(arn));

  const networkUsers: Record<string, string[]> = {};
  const uses = (part: string | undefined, cache: string) => {
    if (part === undefined) return;
    const list = (networkUsers[part] ??= []);
    if (!list.includes(cache)) list.push(cache);
  };
  const memberOf = new Map<string, { subnetGroup?: string; securityGroupIds: string[] }>();
  for (const cluster of clusters) {
    const owner = cluster.ReplicationGroupId ?? cluster.CacheClusterId ?? "";
    const securityGroupIds = (cluster.SecurityGroups ?? []).flatMap((group) =>
      group.SecurityGroupId ? [group.SecurityGroupId] : [],
    );
    memberOf.set(owner, {
      ...(cluster.CacheSubnetGroupName ? { subnetGroup: cluster.CacheSubnetGroupName } : {}),
      securityGroupIds,
    });
    uses(cluster.CacheSubnetGroupName, owner);
    for (const id of securityGroupIds) uses(id, owner);
  }
  for (const cache of serverless) {
    for (const id of cache.SecurityGroupIds ?? []) uses(id, cache.ServerlessCacheName ?? "");
  }

  const caches: KitCache[] = [
    ...groups
      .filter((group) => kit(group.ARN))
      .map((group): KitCache => {
        const id = group.ReplicationGroupId ?? "";
        const member = memberOf.get(id);
        return {
          kind: "replication-group",
          id,
          status: group.Status ?? "unknown",
          createdAt: group.ReplicationGroupCreateTime,
          guresid: tagValue(tags.get(group.ARN ?? ""), GURESID_TAG_KEY),
          userGroupIds: group.UserGroupIds ?? [],
          subnetGroup: member?.subnetGroup,
          securityGroupIds: member?.securityGroupIds ?? [],
        };
      }),
    ...serverless
      .filter((cache) => kit(cache.ARN))
      .map((cache): KitCache => ({
        kind: "serverless-cache",
        id: cache.ServerlessCacheName ?? "",
        status: cache.Status ?? "unknown",
        createdAt: cache.CreateTime,
        guresid: tagValue(tags.get(cache.ARN ?? ""), GURESID_TAG_KEY),
        userGroupIds: cache.UserGroupId ? [cache.UserGroupId] : [],
        subnetGroup: undefined,
        securityGroupIds: cache.SecurityGroupIds ?? [],
      })),
  ];
  const network: KitNetworkPart[] = [
    ...subnetGroups
      .filter((group) => kit(group.ARN))
      .map((group): KitNetworkPart => ({ kind: "cache-subnet-group", id: group.CacheSubnetGroupName ?? "" })),
    ...securityGroups.map((group): KitNetworkPart => ({ kind: "security-group", id: group.GroupId ?? "" })),
  ];
  return {
    caches,
    userGroups: userGroups
      .filter((group) => kit(group.ARN))
      .map((group): KitUserGroup => ({
        id: group.UserGroupId ?? "",
        status: group.Status ?? "unknown",
        userIds: group.UserIds ?? [],
      })),
    users: users
      .filter((user) => kit(user.ARN))
      .map((user): KitUser => ({
        id: user.UserId ?? "",
        status: user.Status ?? "unknown",
        userGroupIds: user.UserGroupIds ?? [],
      })),
    network,
    networkUsers,
  };
}
