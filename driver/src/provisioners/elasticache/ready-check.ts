import { DescribeCacheSubnetGroupsCommand, type ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { toProvisionerError } from "./aws-faults.js";

/** How long the readiness read may take, SDK retries included, before /readyz says so. */
const READY_READ_TIMEOUT_MS = 3_000;

/**
 * Whether the driver's own credentials work: they resolve, and one cheap read succeeds. The read is
 * the configured subnet group when there is one (so a wrong name shows here, before any create), else
 * a page of subnet groups. Undefined when ready, else the problem with its fix.
 */
export async function elasticacheReadyProblem(
  client: ElastiCacheClient,
  subnetGroup: string | undefined,
  region: string,
): Promise<string | undefined> {
  const action = "elasticache:DescribeCacheSubnetGroups";
  try {
    await client.send(
      new DescribeCacheSubnetGroupsCommand(
        subnetGroup ? { CacheSubnetGroupName: subnetGroup } : { MaxRecords: 20 },
      ),
      { abortSignal: AbortSignal.timeout(READY_READ_TIMEOUT_MS) },
    );
    return undefined;
  } catch (error) {
    if ((error as Error).name === "AbortError" || (error as Error).name === "TimeoutError") {
      return `ElastiCache in ${region} did not answer ${action} within ${READY_READ_TIMEOUT_MS / 1000} s`;
    }
    const fault = toProvisionerError(error, { action, target: subnetGroup ?? `in ${region}` });
    const fix =
      fault.kind === "access-denied"
        ? `allow ${action} to the driver's role (docs/elasticache-iam.md)${fault.fix ? `, or ${fault.fix}` : ""}`
        : fault.backendError === "CacheSubnetGroupNotFoundFault"
          ? "set ELASTICACHE_SUBNET_GROUP to a subnet group of this region and account"
          : fault.fix;
    return `${fault.message}${fix ? `. Fix: ${fix}` : ""}`;
  }
}
