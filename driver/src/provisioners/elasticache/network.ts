import type { DriverInputs } from "../../inputs/driver-inputs.js";
import { ProvisionerError } from "../provisioner-errors.js";
import type { AwsClients } from "./aws-clients.js";
import { allowPorts, CACHE_PORTS, discoverNetwork, type DiscoveredNetwork } from "./network-discovery.js";

/** Where a new cache goes. */
export interface CacheNetwork {
  subnetGroup: string | undefined;
  securityGroupIds: string[] | undefined;
}

export interface NetworkDefaults {
  subnetGroup?: string | undefined;
  securityGroupIds?: string[] | undefined;
  eksCluster?: string | undefined;
  /** Security groups of nodes that do not carry the EKS cluster security group, admitted too. */
  eksSourceSecurityGroupIds?: string[] | undefined;
}

/**
 * Resolves a resource's network, field by field: its `networking` input, else the driver's
 * ELASTICACHE_SUBNET_GROUP / ELASTICACHE_SECURITY_GROUP_IDS, else what ELASTICACHE_EKS_CLUSTER
 * discovery found (looked up once per account, again after a failure).
 */
export class NetworkResolver {
  readonly #discovered = new WeakMap<AwsClients, Promise<DiscoveredNetwork>>();
  /** Ports outside the usual two already admitted on a discovered security group, per account. */
  readonly #ports = new WeakMap<AwsClients, Map<number, Promise<void>>>();

  constructor(private readonly defaults: NetworkDefaults) {}

  async resolve(clients: AwsClients, spec: DriverInputs): Promise<CacheNetwork> {
    let subnetGroup = spec.networking?.subnet_group ?? this.defaults.subnetGroup;
    let securityGroupIds = spec.networking?.security_group_ids ?? this.defaults.securityGroupIds;
    if ((!subnetGroup || !securityGroupIds) && this.defaults.eksCluster) {
      const found = await this.#discover(clients, this.defaults.eksCluster);
      subnetGroup ??= found.subnetGroup;
      if (!securityGroupIds) {
        securityGroupIds = [found.securityGroupId];
        const port = spec.networking?.port;
        if (port !== undefined && (port < CACHE_PORTS.from || port > CACHE_PORTS.to)) {
          await this.#admitPort(clients, found, port);
        }
      }
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

  /** A custom `networking.port` opened on the discovered security group, once per account and port. */
  async #admitPort(clients: AwsClients, found: DiscoveredNetwork, port: number): Promise<void> {
    let ports = this.#ports.get(clients);
    if (!ports) this.#ports.set(clients, (ports = new Map()));
    let admitted = ports.get(port);
    if (!admitted) {
      admitted = (async () => {
        for (const source of found.sourceSecurityGroupIds) {
          await allowPorts(clients, found.securityGroupId, source, port, port);
        }
      })();
      ports.set(port, admitted);
      admitted.catch(() => ports.delete(port));
    }
    await admitted;
  }

  #discover(clients: AwsClients, cluster: string): Promise<DiscoveredNetwork> {
    let found = this.#discovered.get(clients);
    if (!found) {
      found = discoverNetwork(clients, cluster, this.defaults.eksSourceSecurityGroupIds);
      this.#discovered.set(clients, found);
      found.catch(() => this.#discovered.delete(clients));
    }
    return found;
  }
}
