import { paginate } from "../model/paginate.js";
import { fault } from "../protocol/aws-fault.js";
import type { QueryParams } from "../protocol/query-params.js";
import { xmlList, type XmlObject } from "../protocol/xml-response.js";
import type { EmulatorState } from "../service/emulator-state.js";
import { cacheClusterShape, memberClustersOf, type MemberCluster } from "../shapes/cache-cluster-shape.js";
import type { ActionTable } from "./action.js";

/** Every member cluster of every replication group (the endpoint has no standalone clusters). */
export const allMemberClusters = (state: EmulatorState): MemberCluster[] =>
  [...state.replicationGroups.values()].flatMap(memberClustersOf);

/** A member cluster by id (case-insensitive, as ElastiCache ids are), or AWS's CacheClusterNotFound. */
export function findMemberCluster(state: EmulatorState, id: string): MemberCluster {
  const found = allMemberClusters(state).find((member) => member.id === id.toLowerCase());
  if (!found) throw fault("CacheClusterNotFound", `CacheCluster not found: ${id}`);
  return found;
}

/**
 * DescribeCacheClusters: the member clusters of the replication groups, one node each, with the
 * node's own endpoint under ShowCacheNodeInfo; what the `cache-cluster-available` waiter reads.
 */
function describeCacheClusters(params: QueryParams, state: EmulatorState): XmlObject {
  const id = params.string("CacheClusterId");
  const members = id !== undefined ? [findMemberCluster(state, id)] : allMemberClusters(state);
  // Every cluster here belongs to a replication group.
  const listed = params.bool("ShowCacheClustersNotInReplicationGroups") ? [] : members;
  const page = paginate(listed, params.int("MaxRecords"), params.string("Marker"));
  const showNodeInfo = params.bool("ShowCacheNodeInfo") ?? false;
  const { region } = state.deps.partition;
  return {
    Marker: page.marker,
    CacheClusters: xmlList(
      page.items.map((member) =>
        cacheClusterShape(member, state.arn("cluster", member.id), region, showNodeInfo),
      ),
      "CacheCluster",
    ),
  };
}

export const cacheClusterActions: ActionTable = {
  DescribeCacheClusters: describeCacheClusters,
};
