import type { ReplicationGroup } from "../model/resources.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import { endpointShape } from "./endpoint-shape.js";

const SLOTS = 16_384;
const pad = (value: number, width: number) => String(value).padStart(width, "0");
const enabled = (flag: boolean) => (flag ? "enabled" : "disabled");

/** Member cluster ids as ElastiCache names them: `<id>-00N`, or `<id>-000S-00N` in cluster mode. */
export function memberClusterIds(group: ReplicationGroup): string[][] {
  const clustered = group.clusterMode === "enabled";
  return Array.from({ length: group.numNodeGroups }, (_, shard) =>
    Array.from({ length: 1 + group.replicasPerNodeGroup }, (_, node) =>
      clustered ? `${group.id}-${pad(shard + 1, 4)}-${pad(node + 1, 3)}` : `${group.id}-${pad(node + 1, 3)}`,
    ),
  );
}

function slotRange(shard: number, shards: number): string {
  const from = Math.floor((shard * SLOTS) / shards);
  const to = Math.floor(((shard + 1) * SLOTS) / shards) - 1;
  return `${from}-${to}`;
}

/**
 * A ReplicationGroup as DescribeReplicationGroups returns it. Every node and endpoint points at
 * the one engine behind the group: replicas and shards exist in the API's shape only.
 */
export function replicationGroupShape(group: ReplicationGroup, region: string): XmlObject {
  // Like AWS, no endpoint before the group is created.
  const endpoint = group.status === "creating" ? undefined : endpointShape(group.backend);
  const clustered = group.clusterMode === "enabled";
  const nodeStatus =
    group.status === "creating" ? "creating" : group.status === "deleting" ? "deleting" : "available";
  const members = memberClusterIds(group);
  const pending: XmlObject = {
    AuthTokenStatus: group.auth.pending,
    UserGroups: group.pendingUserGroups
      ? {
          UserGroupIdsToAdd: xmlList(group.pendingUserGroups.add),
          UserGroupIdsToRemove: xmlList(group.pendingUserGroups.remove),
        }
      : undefined,
  };
  return {
    ReplicationGroupId: group.id,
    Description: group.description,
    Status: group.status,
    PendingModifiedValues: pending,
    MemberClusters: xmlList(members.flat(), "ClusterId"),
    NodeGroups: xmlList(
      members.map((ids, shard) => ({
        NodeGroupId: pad(shard + 1, 4),
        Status: nodeStatus,
        PrimaryEndpoint: clustered ? undefined : endpoint,
        ReaderEndpoint: clustered ? undefined : endpoint,
        Slots: clustered ? slotRange(shard, group.numNodeGroups) : undefined,
        NodeGroupMembers: xmlList(
          ids.map((clusterId, node) => ({
            CacheClusterId: clusterId,
            CacheNodeId: "0001",
            ReadEndpoint: clustered ? undefined : endpoint,
            PreferredAvailabilityZone: `${region}${"abc"[node % 3]}`,
            CurrentRole: clustered ? undefined : node === 0 ? "primary" : "replica",
          })),
          "NodeGroupMember",
        ),
      })),
      "NodeGroup",
    ),
    SnapshottingClusterId: group.snapshotRetentionLimit > 0 ? members[0]?.[members[0].length - 1] : undefined,
    AutomaticFailover: enabled(group.automaticFailover),
    MultiAZ: enabled(group.multiAz),
    ConfigurationEndpoint: clustered ? endpoint : undefined,
    SnapshotRetentionLimit: group.snapshotRetentionLimit,
    SnapshotWindow: group.snapshotWindow,
    ClusterEnabled: clustered,
    CacheNodeType: group.cacheNodeType,
    AuthTokenEnabled: group.auth.sha256s.length > 0,
    AuthTokenLastModifiedDate: group.auth.lastModified,
    TransitEncryptionEnabled: group.transitEncryption,
    TransitEncryptionMode: group.transitEncryption ? "required" : undefined,
    AtRestEncryptionEnabled: group.atRestEncryption,
    KmsKeyId: group.kmsKeyId,
    StorageEncryptionType: group.atRestEncryption ? (group.kmsKeyId ? "sse-kms" : "sse-elasticache") : "none",
    ARN: group.arn,
    UserGroupIds: xmlList(group.userGroupIds),
    LogDeliveryConfigurations: xmlList([], "LogDeliveryConfiguration"),
    ReplicationGroupCreateTime: group.createdAt,
    DataTiering: "disabled",
    AutoMinorVersionUpgrade: group.autoMinorVersionUpgrade,
    NetworkType: "ipv4",
    IpDiscovery: "ipv4",
    ClusterMode: group.clusterMode,
    Engine: group.engine,
  };
}
