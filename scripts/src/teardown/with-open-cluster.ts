import type { ClusterAccess, OpenClusterAccess } from "../cloud/cluster-access.js";

/**
 * Opens the cluster of a kubeconfig, lets `use` work with it and closes it again, also when `use`
 * throws. Undefined when all went well; else why not, and a cluster that cannot be opened says so.
 */
export async function withOpenCluster(
  openCluster: OpenClusterAccess,
  kubeconfig: string,
  use: (cluster: ClusterAccess) => Promise<string | undefined>,
): Promise<string | undefined> {
  let cluster: ClusterAccess;
  try {
    cluster = await openCluster(kubeconfig);
  } catch (error) {
    return `the cluster cannot be reached (${error instanceof Error ? error.message : String(error)})`;
  }
  try {
    return await use(cluster);
  } finally {
    await cluster.close();
  }
}
