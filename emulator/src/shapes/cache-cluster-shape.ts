import type { ReplicationGroup } from "../model/resources.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import { endpointShape } from "./endpoint-shape.js";
import { memberClusterIds, nodeAt } from "./replication-group-shape.js";

/** One member cluster of a replication group: which group, shard and node it is. */
export interface MemberCluster {
  id: string;
  group: ReplicationGroup;
  shard: number;
  node: number;
}

export const memberClustersOf = (group: ReplicationGroup): MemberCluster[] =>
  memberClusterIds(group).flatMap((ids, shard) => ids.map((id, node) => ({ id, group, shard, node })));

/** A member's status follows its group's (a member of a modifying group is modifying too). */
const memberStatus = (group: ReplicationGroup): string =>
  group.status === "create-failed" ? "create-failed" : group.status;

/**
 * A CacheCluster as DescribeCacheClusters returns it for a member of a replication group;
 * `CacheNodes` (with the node's own endpoint) only when ShowCacheNodeInfo is true.
 */
export function cacheClusterShape(
  member: MemberCluster,
  arn: string,
  region: string,
  showNodeInfo: boolean,
): XmlObject {
  const { group } = member;
  const zone = `${region}${"abc"[member.node % 3]}`;
  const backend = group.status === "creating" ? undefined : group.backend;
  const pending = group.pendingMaintenance;
  return {
    CacheClusterId: member.id,
    CacheNodeType: group.cacheNodeType,
    Engine: group.engine,
    EngineVersion: group.engineVersion,
    CacheClusterStatus: memberStatus(group),
    NumCacheNodes: 1,
    PreferredAvailabilityZone: zone,
    CacheClusterCreateTime: group.createdAt,
    PreferredMaintenanceWindow: group.maintenanceWindow,
    PendingModifiedValues: {
      CacheNodeType: pending?.cacheNodeType,
      EngineVersion: pending?.engineVersion,
      AuthTokenStatus: group.auth.pending,
    },
    CacheSecurityGroups: xmlList([], "CacheSecurityGroup"),
    CacheParameterGroup: {
      CacheParameterGroupName: group.parameterGroup,
      ParameterApplyStatus: "in-sync",
      CacheNodeIdsToReboot: xmlList([], "CacheNodeId"),
    },
    CacheSubnetGroupName: group.subnetGroup,
    CacheNodes: showNodeInfo
      ? xmlList(
          [
            {
              CacheNodeId: "0001",
              CacheNodeStatus: memberStatus(group),
              CacheNodeCreateTime: group.createdAt,
              Endpoint: backend ? endpointShape(nodeAt(backend, member.shard, member.node)) : undefined,
              ParameterGroupStatus: "in-sync",
              CustomerAvailabilityZone: zone,
            },
          ],
          "CacheNode",
        )
      : undefined,
    AutoMinorVersionUpgrade: group.autoMinorVersionUpgrade,
    SecurityGroups: xmlList(group.securityGroupIds.map((id) => ({ SecurityGroupId: id, Status: "active" }))),
    ReplicationGroupId: group.id,
    SnapshotRetentionLimit: group.snapshotRetentionLimit,
    SnapshotWindow: group.snapshotWindow,
    AuthTokenEnabled: group.auth.sha256s.length > 0,
    AuthTokenLastModifiedDate: group.auth.lastModified,
    TransitEncryptionEnabled: group.transitEncryption,
    AtRestEncryptionEnabled: group.atRestEncryption,
    ARN: arn,
    ReplicationGroupLogDeliveryEnabled: false,
    LogDeliveryConfigurations: xmlList([], "LogDeliveryConfiguration"),
    NetworkType: "ipv4",
    IpDiscovery: "ipv4",
    TransitEncryptionMode: group.transitEncryption ? "required" : undefined,
  };
}
