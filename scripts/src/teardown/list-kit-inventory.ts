import { setTimeout as sleep } from "node:timers/promises";
import { paginateDescribeSecurityGroups, type EC2Client } from "@aws-sdk/client-ec2";
import {
  ListTagsForResourceCommand,
  paginateDescribeCacheClusters,
  paginateDescribeCacheParameterGroups,
  paginateDescribeCacheSubnetGroups,
  paginateDescribeReplicationGroups,
  paginateDescribeServerlessCaches,
  paginateDescribeServerlessCacheSnapshots,
  paginateDescribeSnapshots,
  paginateDescribeUserGroups,
  paginateDescribeUsers,
  type ElastiCacheClient,
  type Tag,
} from "@aws-sdk/client-elasticache";
import { DRIVER_NAME_PREFIX } from "@elasticache-driver-kit/driver";
import { DELETING_TAG_KEY, GURESID_TAG_KEY, isKitTagged, MANAGED_BY_TAG, tagValue } from "../aws/kit-tags.js";
import type {
  KitCache,
  KitInventory,
  KitNetworkPart,
  KitParameterGroup,
  KitSnapshot,
  KitUser,
  KitUserGroup,
  ResourceKind,
  UnreadableItem,
} from "./kit-inventory.js";

export interface InventoryClients {
  readonly elasticache: ElastiCacheClient;
  readonly ec2: EC2Client;
}

export interface InventoryOptions {
  /** Tries of one object's tag read before it is listed as unreadable (default 3). */
  readonly tagTries?: number;
  /** Pause between two tries, in ms (default 5 s: a state change takes longer than a retry burst). */
  readonly tagRetryMs?: number;
  readonly signal?: AbortSignal | undefined;
}

/** The driver's description of a replication group starts with this word (spec-codec.ts). */
const DESCRIPTION_MARK = "elasticache-driver-kit";
/** The driver's final snapshots: `<cache>-final-<yyyymmddhhmm>` (names.ts finalSnapshotName). */
const FINAL_SNAPSHOT = /^(.+)-final-\d{12}$/;

async function collect<P, T>(
  pages: AsyncIterable<P>,
  items: (page: P) => readonly T[] | undefined,
): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...(items(page) ?? []));
  return all;
}

type TagRead = { readonly tags: Tag[] } | { readonly unreadable: string };

/**
 * Tags of many ARNs, a few requests at a time (ElastiCache throttles bursts of calls). One object's
 * failure is that object's answer: AWS refuses tag reads on a cache that is being created, changed,
 * snapshotted or deleted, and one busy cache must not stop the listing of the rest.
 */
async function tagsOf(
  client: ElastiCacheClient,
  arns: readonly string[],
  options: InventoryOptions,
): Promise<Map<string, TagRead>> {
  const tries = Math.max(1, options.tagTries ?? 3);
  const pause = options.tagRetryMs ?? 5_000;
  const reads = new Map<string, TagRead>();
  const queue = [...new Set(arns)];
  const read = async (arn: string): Promise<TagRead> => {
    let last = "";
    for (let attempt = 1; attempt <= tries; attempt += 1) {
      try {
        const answer = await client.send(new ListTagsForResourceCommand({ ResourceName: arn }));
        return { tags: answer.TagList ?? [] };
      } catch (error) {
        if (options.signal?.aborted) throw error;
        last =
          error instanceof Error ? `${error.name}: ${error.message.split("\n")[0] ?? ""}` : String(error);
        if (attempt < tries) await sleep(pause, undefined, options.signal ? { signal: options.signal } : {});
      }
    }
    return { unreadable: `busy, retried ${tries} times (${last})` };
  };
  const worker = async () => {
    for (let arn = queue.shift(); arn !== undefined; arn = queue.shift()) reads.set(arn, await read(arn));
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return reads;
}

const tagRecord = (tags: readonly Tag[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).flatMap((tag) => (tag.Key ? [[tag.Key, tag.Value ?? ""]] : [])));
const isKitName = (id: string | undefined) => id?.startsWith(DRIVER_NAME_PREFIX) === true;
const deletingSince = (tags: readonly Tag[] | undefined) => {
  const value = tagValue(tags, DELETING_TAG_KEY);
  const at = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at);
};

/**
 * Lists the kit's ElastiCache objects, final snapshots and security groups in the clients' region.
 * Caches and parameter groups are picked by the driver's name prefix (`hk-`) or description mark
 * first, and only those have their tags read, one by one; an object whose tags cannot be read is listed as unreadable
 * (or, for a cache of the kit's name, kept with the reason) instead of failing the listing.
 */
export async function listKitInventory(
  { elasticache, ec2 }: InventoryClients,
  options: InventoryOptions = {},
): Promise<KitInventory> {
  const client = { client: elasticache };
  const [groups, clusters, serverless, userGroups, users, parameterGroups, subnetGroups, snapshots] =
    await Promise.all([
      collect(paginateDescribeReplicationGroups(client, {}), (page) => page.ReplicationGroups),
      collect(paginateDescribeCacheClusters(client, {}), (page) => page.CacheClusters),
      collect(paginateDescribeServerlessCaches(client, {}), (page) => page.ServerlessCaches),
      collect(paginateDescribeUserGroups(client, {}), (page) => page.UserGroups),
      collect(paginateDescribeUsers(client, {}), (page) => page.Users),
      collect(paginateDescribeCacheParameterGroups(client, {}), (page) => page.CacheParameterGroups),
      collect(paginateDescribeCacheSubnetGroups(client, {}), (page) => page.CacheSubnetGroups),
      Promise.all([
        collect(paginateDescribeSnapshots(client, {}), (page) => page.Snapshots),
        collect(
          paginateDescribeServerlessCacheSnapshots(client, {}),
          (page) => page.ServerlessCacheSnapshots,
        ),
      ]),
    ]);
  const securityGroups = await collect(
    paginateDescribeSecurityGroups(
      { client: ec2 },
      { Filters: [{ Name: `tag:${MANAGED_BY_TAG.key}`, Values: [MANAGED_BY_TAG.value] }] },
    ),
    (page) => page.SecurityGroups,
  );

  const candidateGroups = groups.filter(
    (group) => isKitName(group.ReplicationGroupId) || group.Description?.startsWith(DESCRIPTION_MARK),
  );
  const candidateServerless = serverless.filter(
    (cache) => isKitName(cache.ServerlessCacheName) || cache.Description?.startsWith(DESCRIPTION_MARK),
  );
  // Users and user groups have no busy states that refuse tag reads for long: all are read.
  const candidateUserGroups = userGroups;
  const candidateUsers = users;
  const candidateParameterGroups = parameterGroups.filter((group) =>
    isKitName(group.CacheParameterGroupName),
  );
  const arns = [
    ...candidateGroups,
    ...candidateServerless,
    ...candidateUserGroups,
    ...candidateUsers,
    ...candidateParameterGroups,
    ...subnetGroups,
  ].flatMap((item) => (item.ARN ? [item.ARN] : []));
  const reads = await tagsOf(elasticache, arns, options);
  const tagsAt = (arn: string | undefined) => {
    const read = arn === undefined ? undefined : reads.get(arn);
    return read && "tags" in read ? read.tags : undefined;
  };
  const unreadableAt = (arn: string | undefined) => {
    const read = arn === undefined ? undefined : reads.get(arn);
    return read && "unreadable" in read ? read.unreadable : undefined;
  };
  const kit = (arn: string | undefined) => isKitTagged(tagsAt(arn));
  const unreadable: UnreadableItem[] = [];
  /** Kit-tagged, or of the kit's name with tags unreadable (then listed as such). */
  const judge = (kind: ResourceKind, id: string, arn: string | undefined, byName: boolean) => {
    const reason = unreadableAt(arn);
    if (reason === undefined) return kit(arn);
    unreadable.push({ kind, id, reason });
    return byName;
  };

  const networkUsers: Record<string, string[]> = {};
  const parameterGroupUsers: Record<string, string[]> = {};
  const uses = (table: Record<string, string[]>, part: string | undefined, cache: string) => {
    if (part === undefined) return;
    const list = (table[part] ??= []);
    if (!list.includes(cache)) list.push(cache);
  };
  const memberOf = new Map<
    string,
    { subnetGroup?: string; securityGroupIds: string[]; parameterGroup?: string }
  >();
  for (const cluster of clusters) {
    const owner = cluster.ReplicationGroupId ?? cluster.CacheClusterId ?? "";
    const securityGroupIds = (cluster.SecurityGroups ?? []).flatMap((group) =>
      group.SecurityGroupId ? [group.SecurityGroupId] : [],
    );
    const parameterGroup = cluster.CacheParameterGroup?.CacheParameterGroupName;
    memberOf.set(owner, {
      ...(cluster.CacheSubnetGroupName ? { subnetGroup: cluster.CacheSubnetGroupName } : {}),
      ...(parameterGroup ? { parameterGroup } : {}),
      securityGroupIds,
    });
    uses(networkUsers, cluster.CacheSubnetGroupName, owner);
    for (const id of securityGroupIds) uses(networkUsers, id, owner);
    uses(parameterGroupUsers, parameterGroup, owner);
  }
  for (const cache of serverless) {
    for (const id of cache.SecurityGroupIds ?? []) uses(networkUsers, id, cache.ServerlessCacheName ?? "");
  }

  const caches: KitCache[] = [
    ...candidateGroups
      .filter((group) =>
        judge(
          "replication-group",
          group.ReplicationGroupId ?? "",
          group.ARN,
          isKitName(group.ReplicationGroupId),
        ),
      )
      .map((group): KitCache => {
        const id = group.ReplicationGroupId ?? "";
        const member = memberOf.get(id);
        return {
          kind: "replication-group",
          id,
          status: group.Status ?? "unknown",
          createdAt: group.ReplicationGroupCreateTime,
          guresid: tagValue(tagsAt(group.ARN), GURESID_TAG_KEY),
          userGroupIds: group.UserGroupIds ?? [],
          subnetGroup: member?.subnetGroup,
          securityGroupIds: member?.securityGroupIds ?? [],
          parameterGroup: member?.parameterGroup,
          tags: tagRecord(tagsAt(group.ARN)),
          tagsUnreadable: unreadableAt(group.ARN),
        };
      }),
    ...candidateServerless
      .filter((cache) =>
        judge(
          "serverless-cache",
          cache.ServerlessCacheName ?? "",
          cache.ARN,
          isKitName(cache.ServerlessCacheName),
        ),
      )
      .map((cache): KitCache => ({
        kind: "serverless-cache",
        id: cache.ServerlessCacheName ?? "",
        status: cache.Status ?? "unknown",
        createdAt: cache.CreateTime,
        guresid: tagValue(tagsAt(cache.ARN), GURESID_TAG_KEY),
        userGroupIds: cache.UserGroupId ? [cache.UserGroupId] : [],
        subnetGroup: undefined,
        securityGroupIds: cache.SecurityGroupIds ?? [],
        tags: tagRecord(tagsAt(cache.ARN)),
        tagsUnreadable: unreadableAt(cache.ARN),
      })),
  ];
  // Users, user groups and parameter groups with unreadable tags are listed, never judged the kit's.
  const userGroupsOut = candidateUserGroups
    .filter((group) => judge("user-group", group.UserGroupId ?? "", group.ARN, false))
    .map((group): KitUserGroup => ({
      id: group.UserGroupId ?? "",
      status: group.Status ?? "unknown",
      userIds: group.UserIds ?? [],
      guresid: tagValue(tagsAt(group.ARN), GURESID_TAG_KEY),
      deletingSince: deletingSince(tagsAt(group.ARN)),
    }));
  const usersOut = candidateUsers
    .filter((user) => judge("user", user.UserId ?? "", user.ARN, false))
    .map((user): KitUser => ({
      id: user.UserId ?? "",
      status: user.Status ?? "unknown",
      userGroupIds: user.UserGroupIds ?? [],
      guresid: tagValue(tagsAt(user.ARN), GURESID_TAG_KEY),
      deletingSince: deletingSince(tagsAt(user.ARN)),
    }));
  const parameterGroupsOut = candidateParameterGroups
    .filter((group) => judge("parameter-group", group.CacheParameterGroupName ?? "", group.ARN, false))
    .map((group): KitParameterGroup => ({
      id: group.CacheParameterGroupName ?? "",
      guresid: tagValue(tagsAt(group.ARN), GURESID_TAG_KEY),
    }));
  const [nodeSnapshots, serverlessSnapshots] = snapshots;
  const finalSnapshots: KitSnapshot[] = [
    ...nodeSnapshots.flatMap((snapshot): KitSnapshot[] => {
      const cache = FINAL_SNAPSHOT.exec(snapshot.SnapshotName ?? "")?.[1];
      return cache && isKitName(cache)
        ? [
            {
              kind: "snapshot",
              id: snapshot.SnapshotName ?? "",
              cache,
              status: snapshot.SnapshotStatus ?? "unknown",
            },
          ]
        : [];
    }),
    ...serverlessSnapshots.flatMap((snapshot): KitSnapshot[] => {
      const cache = FINAL_SNAPSHOT.exec(snapshot.ServerlessCacheSnapshotName ?? "")?.[1];
      return cache && isKitName(cache)
        ? [
            {
              kind: "serverless-snapshot",
              id: snapshot.ServerlessCacheSnapshotName ?? "",
              cache,
              status: snapshot.Status ?? "unknown",
            },
          ]
        : [];
    }),
  ];
  const network: KitNetworkPart[] = [
    ...subnetGroups
      .filter((group) => judge("cache-subnet-group", group.CacheSubnetGroupName ?? "", group.ARN, false))
      .map((group): KitNetworkPart => ({ kind: "cache-subnet-group", id: group.CacheSubnetGroupName ?? "" })),
    ...securityGroups.map((group): KitNetworkPart => ({ kind: "security-group", id: group.GroupId ?? "" })),
  ];
  return {
    caches,
    userGroups: userGroupsOut,
    users: usersOut,
    parameterGroups: parameterGroupsOut,
    finalSnapshots,
    network,
    networkUsers,
    parameterGroupUsers,
    unreadable,
  };
}
