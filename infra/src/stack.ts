import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { HUMANITEC_SOURCE_ADDRESSES } from "@elasticache-driver-kit/driver";
import { CacheNetwork } from "./components/cache-network.js";
import { Cluster } from "./components/cluster.js";
import { DriverIdentity } from "./components/driver-identity.js";
import { DriverWorkload } from "./components/driver-workload.js";
import { Network } from "./components/network.js";
import { Registry } from "./components/registry.js";
import { SampleAppWorkload } from "./components/sample-app-workload.js";
import type { StackConfig } from "./config/stack-config.js";
import { DRIVER_NAME } from "./manifests/driver-manifests.js";
import { renderNamespace } from "./manifests/namespace.js";
import { resourceNames } from "./naming.js";
import { nodeAmiType } from "./node-ami-type.js";
import { stackTags } from "./tags.js";

export interface StackOutputs {
  readonly region: pulumi.Output<string>;
  readonly vpcId: pulumi.Output<string>;
  readonly clusterName: pulumi.Output<string>;
  /** Secret. */
  readonly kubeconfig: pulumi.Output<string>;
  readonly cacheSubnetGroupName: pulumi.Output<string>;
  readonly cacheSecurityGroupId: pulumi.Output<string>;
  readonly driverRoleArn: pulumi.Output<string>;
  readonly driverRepositoryUrl: pulumi.Output<string>;
  readonly sampleAppRepositoryUrl: pulumi.Output<string>;
  /** Secret: the bearer token callers of the driver send (`Authorization: Bearer`). */
  readonly driverAuthToken: pulumi.Output<string>;
  /** The secret segment of the driver's target path, for Humanitec's hosted orchestrator. */
  readonly driverAuthPathSecret: pulumi.Output<string>;
  /** Set once the driver runs (an image is configured). */
  readonly driverUrl: pulumi.Output<string> | undefined;
  /** With HTTPS: the DNS name to point `driverHostname` at. */
  readonly driverLoadBalancer: pulumi.Output<string> | undefined;
  /** Set once the sample app runs (an image and its cache are configured). */
  readonly sampleAppUrl: pulumi.Output<string> | undefined;
  /** The nodes' image platform (`linux/amd64`, or `linux/arm64` on Graviton): what images are built for. */
  readonly nodePlatform: pulumi.Output<string>;
}

/** The zones to use: the configured ones, else the region's first ones that need no opt-in. */
function availabilityZones(config: StackConfig): pulumi.Input<string>[] {
  if (config.availabilityZones) return [...config.availabilityZones];
  const count = config.availabilityZoneCount;
  const available = aws.getAvailabilityZonesOutput({
    state: "available",
    filters: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
  });
  return Array.from({ length: count }, (_, i) =>
    available.names.apply((names) => {
      const zone = names[i];
      if (zone === undefined) {
        throw new Error(
          `availabilityZoneCount: ${config.region} offers ${names.length} zones without opt-in; set availabilityZoneCount to ${names.length} or list availabilityZones`,
        );
      }
      return zone;
    }),
  );
}

/** A configured secret, or one generated once and kept in the stack's state. */
function secretOrGenerated(
  name: string,
  configured: string | undefined,
  length: number,
): pulumi.Output<string> {
  if (configured !== undefined) return pulumi.secret(configured);
  return new random.RandomPassword(name, { length, special: false }).result;
}

/** Every resource of the stack, from its validated configuration. */
export function createStack(config: StackConfig, project: string, stack: string): StackOutputs {
  const names = resourceNames(project, stack);
  const tags = stackTags(project, stack);

  const network = new Network("network", {
    vpcCidr: config.vpcCidr,
    availabilityZones: availabilityZones(config),
    natGateways: config.natGateways,
    clusterName: names.clusterName,
    tags,
  });
  const cluster = new Cluster("cluster", {
    clusterName: names.clusterName,
    vpcId: network.vpcId,
    privateSubnetIds: network.privateSubnetIds,
    publicSubnetIds: network.publicSubnetIds,
    kubernetesVersion: config.kubernetesVersion,
    apiAllowedCidrs: config.clusterApiAllowedCidrs,
    nodeInstanceType: config.nodeInstanceType,
    nodeCount: config.nodeCount,
    nodeMaxCount: config.nodeMaxCount,
    nodeDiskSizeGib: config.nodeDiskSizeGib,
    adminRoleArns: config.adminRoleArns,
    tags,
  });
  const cacheNetwork = new CacheNetwork("cache-network", {
    subnetGroupName: names.cacheSubnetGroupName,
    vpcId: network.vpcId,
    privateSubnetIds: network.privateSubnetIds,
    nodeSecurityGroupId: cluster.nodeSecurityGroupId,
    ports: config.cachePorts,
    tags,
  });
  const identity = new DriverIdentity("driver-identity", {
    oidcProviderArn: cluster.oidcProviderArn,
    oidcProviderUrl: cluster.oidcProviderUrl,
    namespace: config.namespace,
    serviceAccountName: DRIVER_NAME,
    assumableRoleArns: config.assumableRoleArns,
    tags,
  });
  const registry = new Registry("registry", {
    driverRepositoryName: names.driverRepositoryName,
    sampleAppRepositoryName: names.sampleAppRepositoryName,
    forceDelete: config.forceDeleteRepositories,
    tags,
  });
  const authToken = secretOrGenerated("driver-auth-token", config.driverAuthToken, 48);
  const authPathSecret = secretOrGenerated("driver-auth-path-secret", config.driverAuthPathSecret, 48);
  // Created with the stack, not with the driver's workload: the key derives every cache password,
  // so it must outlive a run without an image (which has no workload).
  const secretKey = secretOrGenerated("driver-secret-key", config.driverSecretKey, 64);

  const provider = new k8s.Provider("cluster", { kubeconfig: cluster.kubeconfig }, { dependsOn: [cluster] });
  const namespace = new k8s.core.v1.Namespace("workloads", renderNamespace(config.namespace), { provider });
  const image = (configured: string | undefined, repositoryUrl: pulumi.Output<string>) =>
    configured ?? (config.imageTag ? pulumi.interpolate`${repositoryUrl}:${config.imageTag}` : undefined);
  const driverImage = image(config.driverImage, registry.driverRepositoryUrl);
  const sampleAppImage = image(config.sampleAppImage, registry.sampleAppRepositoryUrl);

  const https =
    config.certificateArn && config.driverHostname
      ? { certificateArn: config.certificateArn, hostname: config.driverHostname }
      : undefined;
  const driver =
    driverImage === undefined
      ? undefined
      : new DriverWorkload(
          "driver",
          {
            namespace: config.namespace,
            image: driverImage,
            replicas: config.driverReplicas,
            roleArn: identity.roleArn,
            region: config.region,
            cacheSubnetGroupName: cacheNetwork.subnetGroupName,
            cacheSecurityGroupId: cacheNetwork.securityGroupId,
            https,
            sourceRanges: config.driverSourceRanges.flatMap((range) =>
              range === "humanitec" ? [...HUMANITEC_SOURCE_ADDRESSES] : [range],
            ),
            secretKey,
            authToken,
            authPathSecret,
            provider,
          },
          { dependsOn: [namespace] },
        );
  const sampleApp =
    sampleAppImage === undefined || config.sampleAppCache === undefined
      ? undefined
      : new SampleAppWorkload(
          "sample-app",
          { namespace: config.namespace, image: sampleAppImage, cache: config.sampleAppCache, provider },
          { dependsOn: [namespace] },
        );

  return {
    region: pulumi.output(config.region),
    vpcId: network.vpcId,
    clusterName: cluster.clusterName,
    kubeconfig: cluster.kubeconfig,
    cacheSubnetGroupName: cacheNetwork.subnetGroupName,
    cacheSecurityGroupId: cacheNetwork.securityGroupId,
    driverRoleArn: identity.roleArn,
    driverRepositoryUrl: registry.driverRepositoryUrl,
    sampleAppRepositoryUrl: registry.sampleAppRepositoryUrl,
    driverAuthToken: pulumi.secret(authToken),
    driverAuthPathSecret: pulumi.secret(authPathSecret),
    driverUrl: driver?.url,
    driverLoadBalancer: https ? driver?.loadBalancerHostname : undefined,
    sampleAppUrl: sampleApp?.url,
    nodePlatform: pulumi.output(
      nodeAmiType(config.nodeInstanceType) === "AL2023_ARM_64_STANDARD" ? "linux/arm64" : "linux/amd64",
    ),
  };
}
