import type { ReplicationGroup } from "../model/resources.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import type { EngineNode } from "../engine/engine-node.js";
import type { Engine } from "../engine/engine.js";
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
 * The engine node behind member `index` of shard `shard` (0: the primary); the shard's primary
 * where the runtime runs fewer nodes than the API reports (the container runtime).
 */
export function nodeAt(backend: Engine, shard: number, index: number): EngineNode {
  const nodes = backend.shards[shard] ?? backend.shards[0];
  const primary = nodes?.primary ?? backend.primary;
  return index === 0 ? primary : (nodes?.replicas[index - 1] ?? primary);
}

/**
 * A ReplicationGroup as DescribeReplicationGroups returns it: every member's endpoint is its own
 * engine node; the reader endpoint is the first replica's (AWS spreads readers over replicas).
 */
export function replicationGroupShape(group: ReplicationGroup, region: string): XmlObject {
  // Like AWS, no endpoint before the group is created.
  const backend = group.status === "creating" ? undefined : group.backend;
  const endpointOf = (shard: number, index: number) =>
    backend ? endpointShape(nodeAt(backend, shard, index)) : undefined;
  const endpoint = endpointOf(0, 0);
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
        ReaderEndpoint: clustered ? undefined : endpointOf(0, ids.length > 1 ? 1 : 0),
        Slots: clustered ? slotRange(shard, group.numNodeGroups) : undefined,
        NodeGroupMembers: xmlList(
          ids.map((clusterId, node) => ({
            CacheClusterId: clusterId,
            CacheNodeId: "0001",
            ReadEndpoint: clustered ? undefined : endpointOf(shard, node),
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
