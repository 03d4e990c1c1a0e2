import {
  DescribeNetworkInterfacesCommand,
  DescribeSecurityGroupsCommand,
  EC2Client,
  DeleteSecurityGroupCommand,
} from "@aws-sdk/client-ec2";
import {
  DeleteCacheParameterGroupCommand,
  DeleteCacheSubnetGroupCommand,
  DeleteServerlessCacheSnapshotCommand,
  DeleteSnapshotCommand,
  DescribeCacheParameterGroupsCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeSnapshotsCommand,
  InvalidReplicationGroupStateFault,
  InvalidServerlessCacheStateFault,
  DeleteReplicationGroupCommand,
  DeleteServerlessCacheCommand,
  DeleteUserCommand,
  DeleteUserGroupCommand,
  DescribeCacheClustersCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
  ListTagsForResourceCommand,
  ReplicationGroupNotFoundFault,
  ServerlessCacheNotFoundFault,
  UserGroupNotFoundFault,
  UserNotFoundFault,
  type Tag,
} from "@aws-sdk/client-elasticache";
import { mockClient } from "aws-sdk-client-mock";

const ARN = "arn:aws:elasticache:us-east-1:123456789012";
export const KIT_TAG: Tag = { Key: "managed-by", Value: "elasticache-driver-kit" };

export interface FakeCache {
  readonly kind: "replication-group" | "serverless-cache";
  readonly id: string;
  readonly createdAt: Date;
  readonly tags: Tag[];
  readonly subnetGroup?: string;
  readonly securityGroupIds?: string[];
  readonly userGroupIds?: string[];
  readonly parameterGroup?: string;
  status?: string;
  /** Tag reads answer InvalidReplicationGroupState (or the serverless one) this many times first. */
  busyTagReads?: number;
}

export interface FakeAccount {
  caches: FakeCache[];
  userGroups: { id: string; tags: Tag[]; userIds: string[] }[];
  users: { id: string; tags: Tag[]; userGroupIds: string[] }[];
  subnetGroups: { name: string; tags: Tag[] }[];
  parameterGroups?: { name: string; tags: Tag[] }[];
  snapshots?: { name: string; cache: string; kind: "snapshot" | "serverless-snapshot"; status?: string }[];
  securityGroups: { id: string; kit: boolean; inUse?: boolean }[];
  /** Looks at the network interfaces that still find one; each look counts down. */
  eniLooks: number;
}

/**
 * ElastiCache and EC2 of one account in one region behind aws-sdk-client-mock: the Describe calls
 * answer from `account`, deletes take a cache through `deleting` to gone, and every call that
 * changes something (and every ENI look) is appended to `log`. Faults are the SDK's own classes.
 */
export function mockAccount(account: FakeAccount, log: string[]) {
  const elasticache = mockClient(ElastiCacheClient);
  const ec2 = mockClient(EC2Client);
  const arnOf = (kind: string, id: string) => `${ARN}:${kind}:${id}`;
  const rgs = () => account.caches.filter((c) => c.kind === "replication-group");
  // The driver's description of its caches starts with its mark (spec-codec.ts); others have their own.
  const descriptionOf = (c: FakeCache) =>
    c.tags.some((t) => t.Key === KIT_TAG.Key && t.Value === KIT_TAG.Value)
      ? "elasticache-driver-kit config=0a1b2c3d"
      : "a cache of another tool";

  elasticache.on(DescribeReplicationGroupsCommand).callsFake((input: { ReplicationGroupId?: string }) => {
    const found = rgs().filter(
      (c) => input.ReplicationGroupId === undefined || c.id === input.ReplicationGroupId,
    );
    if (input.ReplicationGroupId && found.length === 0) {
      throw new ReplicationGroupNotFoundFault({
        message: `ReplicationGroup ${input.ReplicationGroupId} not found.`,
        $metadata: {},
      });
    }
    const answer = found.map((c) => ({
      ReplicationGroupId: c.id,
      ARN: arnOf("replicationgroup", c.id),
      Description: descriptionOf(c),
      Status: c.status ?? "available",
      ReplicationGroupCreateTime: c.createdAt,
      UserGroupIds: c.userGroupIds,
    }));
    // A deleting cache is seen once more, then it is gone.
    for (const c of found)
      if (c.status === "deleting") account.caches = account.caches.filter((x) => x !== c);
    return { ReplicationGroups: answer };
  });
  elasticache.on(DescribeCacheClustersCommand).callsFake(() => ({
    CacheClusters: rgs().map((c) => ({
      CacheClusterId: `${c.id}-001`,
      ReplicationGroupId: c.id,
      CacheSubnetGroupName: c.subnetGroup,
      ...(c.parameterGroup ? { CacheParameterGroup: { CacheParameterGroupName: c.parameterGroup } } : {}),
      SecurityGroups: (c.securityGroupIds ?? []).map((id) => ({ SecurityGroupId: id, Status: "active" })),
    })),
  }));
  elasticache.on(DescribeServerlessCachesCommand).callsFake((input: { ServerlessCacheName?: string }) => {
    const found = account.caches.filter(
      (c) =>
        c.kind === "serverless-cache" &&
        (input.ServerlessCacheName === undefined || c.id === input.ServerlessCacheName),
    );
    if (input.ServerlessCacheName && found.length === 0) {
      throw new ServerlessCacheNotFoundFault({ message: "not found", $metadata: {} });
    }
    const answer = found.map((c) => ({
      ServerlessCacheName: c.id,
      ARN: arnOf("serverlesscache", c.id),
      Description: descriptionOf(c),
      Status: c.status ?? "available",
      CreateTime: c.createdAt,
      SecurityGroupIds: c.securityGroupIds,
      UserGroupId: c.userGroupIds?.[0],
    }));
    for (const c of found)
      if (c.status === "deleting") account.caches = account.caches.filter((x) => x !== c);
    return { ServerlessCaches: answer };
  });
  elasticache.on(DescribeUserGroupsCommand).callsFake((input: { UserGroupId?: string }) => {
    const found = account.userGroups.filter(
      (g) => input.UserGroupId === undefined || g.id === input.UserGroupId,
    );
    if (input.UserGroupId && found.length === 0)
      throw new UserGroupNotFoundFault({ message: "not found", $metadata: {} });
    return {
      UserGroups: found.map((g) => ({
        UserGroupId: g.id,
        ARN: arnOf("usergroup", g.id),
        Status: "active",
        UserIds: g.userIds,
        ReplicationGroups: rgs()
          .filter((c) => c.userGroupIds?.includes(g.id))
          .map((c) => c.id),
      })),
    };
  });
  elasticache.on(DescribeUsersCommand).callsFake((input: { UserId?: string }) => {
    const found = account.users.filter((u) => input.UserId === undefined || u.id === input.UserId);
    if (input.UserId && found.length === 0)
      throw new UserNotFoundFault({ message: "not found", $metadata: {} });
    return {
      Users: [
        ...(input.UserId
          ? []
          : [{ UserId: "default", UserName: "default", ARN: arnOf("user", "default"), Status: "active" }]),
        ...found.map((u) => ({
          UserId: u.id,
          ARN: arnOf("user", u.id),
          Status: "active",
          UserGroupIds: u.userGroupIds,
        })),
      ],
    };
  });
  elasticache.on(DescribeCacheSubnetGroupsCommand).callsFake(() => ({
    CacheSubnetGroups: account.subnetGroups.map((g) => ({
      CacheSubnetGroupName: g.name,
      ARN: arnOf("subnetgroup", g.name),
    })),
  }));
  elasticache.on(DescribeCacheParameterGroupsCommand).callsFake(() => ({
    CacheParameterGroups: (account.parameterGroups ?? []).map((g) => ({
      CacheParameterGroupName: g.name,
      ARN: arnOf("parametergroup", g.name),
    })),
  }));
  elasticache.on(DescribeSnapshotsCommand).callsFake(() => ({
    Snapshots: (account.snapshots ?? [])
      .filter((s) => s.kind === "snapshot")
      .map((s) => ({
        SnapshotName: s.name,
        ReplicationGroupId: s.cache,
        SnapshotStatus: s.status ?? "available",
      })),
  }));
  elasticache.on(DescribeServerlessCacheSnapshotsCommand).callsFake(() => ({
    ServerlessCacheSnapshots: (account.snapshots ?? [])
      .filter((s) => s.kind === "serverless-snapshot")
      .map((s) => ({ ServerlessCacheSnapshotName: s.name, Status: s.status ?? "available" })),
  }));
  elasticache.on(DeleteCacheParameterGroupCommand).callsFake((input: { CacheParameterGroupName: string }) => {
    log.push(`DeleteCacheParameterGroup ${input.CacheParameterGroupName}`);
    account.parameterGroups = (account.parameterGroups ?? []).filter(
      (g) => g.name !== input.CacheParameterGroupName,
    );
    return {};
  });
  elasticache.on(DeleteSnapshotCommand).callsFake((input: { SnapshotName: string }) => {
    log.push(`DeleteSnapshot ${input.SnapshotName}`);
    account.snapshots = (account.snapshots ?? []).filter((s) => s.name !== input.SnapshotName);
    return {};
  });
  elasticache
    .on(DeleteServerlessCacheSnapshotCommand)
    .callsFake((input: { ServerlessCacheSnapshotName: string }) => {
      log.push(`DeleteServerlessCacheSnapshot ${input.ServerlessCacheSnapshotName}`);
      account.snapshots = (account.snapshots ?? []).filter(
        (s) => s.name !== input.ServerlessCacheSnapshotName,
      );
      return {};
    });
  elasticache.on(ListTagsForResourceCommand).callsFake((input: { ResourceName: string }) => {
    const id = input.ResourceName.split(":").at(-1);
    const busy = account.caches.find((c) => c.id === id && (c.busyTagReads ?? 0) > 0);
    if (busy) {
      busy.busyTagReads = (busy.busyTagReads ?? 0) - 1;
      log.push(`ListTagsForResource ${busy.id} refused (busy)`);
      const fault =
        busy.kind === "replication-group"
          ? InvalidReplicationGroupStateFault
          : InvalidServerlessCacheStateFault;
      throw new fault({ message: `Cache ${busy.id} is not in available state.`, $metadata: {} });
    }
    const tags =
      account.caches.find((c) => c.id === id)?.tags ??
      account.parameterGroups?.find((g) => g.name === id)?.tags ??
      account.userGroups.find((g) => g.id === id)?.tags ??
      account.users.find((u) => u.id === id)?.tags ??
      account.subnetGroups.find((g) => g.name === id)?.tags ??
      [];
    return { TagList: tags };
  });

  const deleting = (id: string) => {
    const cache = account.caches.find((c) => c.id === id);
    if (cache) cache.status = "deleting";
  };
  elasticache
    .on(DeleteReplicationGroupCommand)
    .callsFake((input: { ReplicationGroupId: string; FinalSnapshotIdentifier?: string }) => {
      log.push(
        `DeleteReplicationGroup ${input.ReplicationGroupId}${input.FinalSnapshotIdentifier ? ` final snapshot ${input.FinalSnapshotIdentifier}` : ""}`,
      );
      deleting(input.ReplicationGroupId);
      return {};
    });
  elasticache
    .on(DeleteServerlessCacheCommand)
    .callsFake((input: { ServerlessCacheName: string; FinalSnapshotName?: string }) => {
      log.push(
        `DeleteServerlessCache ${input.ServerlessCacheName}${input.FinalSnapshotName ? ` final snapshot ${input.FinalSnapshotName}` : ""}`,
      );
      deleting(input.ServerlessCacheName);
      return {};
    });
  elasticache.on(DeleteUserGroupCommand).callsFake((input: { UserGroupId: string }) => {
    log.push(`DeleteUserGroup ${input.UserGroupId}`);
    account.userGroups = account.userGroups.filter((g) => g.id !== input.UserGroupId);
    return {};
  });
  elasticache.on(DeleteUserCommand).callsFake((input: { UserId: string }) => {
    log.push(`DeleteUser ${input.UserId}`);
    account.users = account.users.filter((u) => u.id !== input.UserId);
    return {};
  });
  elasticache.on(DeleteCacheSubnetGroupCommand).callsFake((input: { CacheSubnetGroupName: string }) => {
    log.push(`DeleteCacheSubnetGroup ${input.CacheSubnetGroupName}`);
    account.subnetGroups = account.subnetGroups.filter((g) => g.name !== input.CacheSubnetGroupName);
    return {};
  });

  ec2.on(DescribeSecurityGroupsCommand).callsFake(() => ({
    SecurityGroups: account.securityGroups.filter((g) => g.kit).map((g) => ({ GroupId: g.id })),
  }));
  ec2.on(DeleteSecurityGroupCommand).callsFake((input: { GroupId: string }) => {
    log.push(`DeleteSecurityGroup ${input.GroupId}`);
    const group = account.securityGroups.find((g) => g.id === input.GroupId);
    if (group?.inUse) {
      const error = new Error(`resource ${input.GroupId} has a dependent object`);
      error.name = "DependencyViolation";
      throw error;
    }
    account.securityGroups = account.securityGroups.filter((g) => g.id !== input.GroupId);
    return {};
  });
  ec2.on(DescribeNetworkInterfacesCommand).callsFake((input: { Filters?: { Name: string }[] }) => {
    const byGroup = input.Filters?.some((f) => f.Name === "group-id") ?? false;
    log.push(`DescribeNetworkInterfaces ${byGroup ? "group-id" : "vpc-id+description"}`);
    if (!byGroup || account.eniLooks <= 0) return { NetworkInterfaces: [] };
    account.eniLooks -= 1;
    return {
      NetworkInterfaces: [
        {
          NetworkInterfaceId: "eni-0a1b2c3d4e5f60708",
          Status: "in-use",
          Description: "ElastiCache rg-kit-0001-001",
          RequesterId: "amazon-elasticache",
        },
      ],
    };
  });
  return { elasticache, ec2 };
}
