import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { ProvisionerError } from "../provisioner-errors.js";
import type { AwsClients } from "./aws-clients.js";
import { discoverNetwork, type DiscoveredNetwork } from "./network-discovery.js";

/** Where a new cache goes. */
export interface CacheNetwork {
  subnetGroup: string | undefined;
  securityGroupIds: string[] | undefined;
}

export interface NetworkDefaults {
  subnetGroup?: string | undefined;
  securityGroupIds?: string[] | undefined;
  eksCluster?: string | undefined;
}

/**
 * Resolves a resource's network, field by field: its `networking` input, else the driver's
 * ELASTICACHE_SUBNET_GROUP / ELASTICACHE_SECURITY_GROUP_IDS, else what ELASTICACHE_EKS_CLUSTER
 * discovery found (looked up once per account, again after a failure).
 */
export class NetworkResolver {
  readonly #discovered = new WeakMap<AwsClients, Promise<DiscoveredNetwork>>();

  constructor(private readonly defaults: NetworkDefaults) {}

  async resolve(clients: AwsClients, spec: DriverInputs): Promise<CacheNetwork> {
    let subnetGroup = spec.networking?.subnet_group ?? this.defaults.subnetGroup;
    let securityGroupIds = spec.networking?.security_group_ids ?? this.defaults.securityGroupIds;
    if ((!subnetGroup || !securityGroupIds) && this.defaults.eksCluster) {
      const found = await this.#discover(clients, this.defaults.eksCluster);
      subnetGroup ??= found.subnetGroup;
      securityGroupIds ??= [found.securityGroupId];
    }
    if (!subnetGroup) {
      // ElastiCache would pick the default VPC, where nothing of the cluster can reach the cache.
      throw new ProvisionerError("invalid-input", "no cache subnet group is known for this resource", {
        field: "driver.values.networking.subnet_group",
        fix: "set networking.subnet_group in the Resource Definition, or ELASTICACHE_SUBNET_GROUP or ELASTICACHE_EKS_CLUSTER for the driver",
      });
    }
    return { subnetGroup, securityGroupIds };
  }

  #discover(clients: AwsClients, cluster: string): Promise<DiscoveredNetwork> {
    let found = this.#discovered.get(clients);
    if (!found) {
      found = discoverNetwork(clients, cluster);
      this.#discovered.set(clients, found);
      found.catch(() => this.#discovered.delete(clients));
    }
    return found;
  }
}
