import type { Endpoint, ReplicationGroup } from "@aws-sdk/client-elasticache";

/** Where clients connect: the configuration endpoint in cluster mode, else the primary endpoint. */
export function cacheEndpoint(group: ReplicationGroup): Endpoint | undefined {
  return group.ConfigurationEndpoint ?? group.NodeGroups?.[0]?.PrimaryEndpoint;
}

/** Read replicas per shard as AWS reports them now. */
export function observedReplicas(group: ReplicationGroup): number {
  return Math.max(0, (group.NodeGroups?.[0]?.NodeGroupMembers?.length ?? 1) - 1);
}
