import { arnOf, type Partition, type ResourceType } from "../model/arn.js";
import type { QueryParams } from "../protocol/query-params.js";

const RESOURCE_PARAMETERS: readonly [string, ResourceType][] = [
  ["ReplicationGroupId", "replicationgroup"],
  ["ServerlessCacheName", "serverlesscache"],
  ["UserGroupId", "usergroup"],
  ["UserId", "user"],
  ["CacheSubnetGroupName", "subnetgroup"],
  ["CacheParameterGroupName", "parametergroup"],
  ["SnapshotName", "snapshot"],
  ["ServerlessCacheSnapshotName", "serverlesscachesnapshot"],
];

/** The resource a denied call was about, as IAM names it: the ARN it names, or `*`. */
function resourceOf(partition: Partition, params: QueryParams): string {
  const named = params.string("ResourceName");
  if (named !== undefined) return named;
  for (const [parameter, type] of RESOURCE_PARAMETERS) {
    const id = params.string(parameter);
    if (id !== undefined) return arnOf(partition, type, id.toLowerCase());
  }
  return "*";
}

/** IAM's wording for a call no policy allows, naming the action, e.g. `elasticache:CreateUser`. */
export function accessDeniedMessage(
  partition: Partition,
  accessKeyId: string,
  action: string,
  params: QueryParams,
): string {
  const principal = `arn:aws:sts::${partition.account}:assumed-role/elasticache-emulator/${accessKeyId}`;
  const permission = `elasticache:${action}`;
  return `User: ${principal} is not authorized to perform: ${permission} on resource: ${resourceOf(partition, params)} because no identity-based policy allows the ${permission} action`;
}
