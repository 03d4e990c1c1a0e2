import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
} from "@aws-sdk/client-ec2";
import { DescribeClusterCommand } from "@aws-sdk/client-eks";
import { CreateCacheSubnetGroupCommand, DescribeCacheSubnetGroupsCommand } from "@aws-sdk/client-elasticache";
import { ProvisionerError } from "../provisioner-errors.js";
import { awsCall, awsFault, awsLookup } from "./aws-call.js";
import type { AwsClients } from "./aws-clients.js";
import { isAlreadyExists, faultName } from "./aws-faults.js";
import { MANAGED_BY_TAG } from "./iam-policy.js";
import { TAG_PREFIX } from "./spec-codec.js";

/** The network the caches of an EKS cluster use, found once and created when missing. */
export interface DiscoveredNetwork {
  vpcId: string;
  /** Private subnets of the cluster (all of its subnets when none is private). */
  subnetIds: string[];
  subnetGroup: string;
  securityGroupId: string;
  /** The security groups admitted to the cache ports: the cluster's and those the operator named. */
  sourceSecurityGroupIds: string[];
}

export const EKS_CLUSTER_TAG = `${TAG_PREFIX}eks-cluster`;
/** Valkey/Redis and the reader endpoint of serverless caches. */
export const CACHE_PORTS = { from: 6379, to: 6380 } as const;

/** The name of the cache subnet group and security group made for `cluster`. */
export function discoveredNetworkName(cluster: string): string {
  const slug = cluster
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return `ekit-${slug}`.slice(0, 200).replace(/-+$/, "");
}

/**
 * Finds the VPC, private subnets and cluster security group of an EKS cluster, then reuses (found
 * by name or tag) or creates a cache subnet group over those subnets and a security group that
 * admits only the cluster's security group on the cache ports.
 */
export async function discoverNetwork(
  clients: AwsClients,
  cluster: string,
  sourceSecurityGroupIds: readonly string[] = [],
): Promise<DiscoveredNetwork> {
  const described = await awsCall("eks:DescribeCluster", cluster, () =>
    clients.eks.send(new DescribeClusterCommand({ name: cluster })),
  );
  const vpc = described.cluster?.resourcesVpcConfig;
  const clusterSecurityGroup = vpc?.clusterSecurityGroupId;
  if (!vpc?.vpcId || !vpc.subnetIds?.length || !clusterSecurityGroup) {
    throw new ProvisionerError(
      "invalid-input",
      `EKS cluster ${cluster} reports no VPC, subnets or cluster security group`,
      {
        field: "ELASTICACHE_EKS_CLUSTER",
        fix: "name an active EKS cluster, or set ELASTICACHE_SUBNET_GROUP and ELASTICACHE_SECURITY_GROUP_IDS instead",
      },
    );
  }
  const subnets = await awsCall("ec2:DescribeSubnets", vpc.vpcId, () =>
    clients.ec2.send(new DescribeSubnetsCommand({ SubnetIds: vpc.subnetIds })),
  );
  const all = subnets.Subnets ?? [];
  const isPrivate = (subnet: (typeof all)[number]) =>
    subnet.MapPublicIpOnLaunch !== true ||
    (subnet.Tags ?? []).some((tag) => tag.Key === "kubernetes.io/role/internal-elb");
  const chosen = (all.some(isPrivate) ? all.filter(isPrivate) : all).flatMap((subnet) =>
    subnet.SubnetId ? [subnet.SubnetId] : [],
  );
  const name = discoveredNetworkName(cluster);
  const tags = [
    { Key: MANAGED_BY_TAG.key, Value: MANAGED_BY_TAG.value },
    { Key: EKS_CLUSTER_TAG, Value: cluster },
  ];

  const existingGroup = await awsLookup("elasticache:DescribeCacheSubnetGroups", name, () =>
    clients.elasticache.send(new DescribeCacheSubnetGroupsCommand({ CacheSubnetGroupName: name })),
  );
  if (!existingGroup?.CacheSubnetGroups?.length) {
    try {
      await clients.elasticache.send(
        new CreateCacheSubnetGroupCommand({
          CacheSubnetGroupName: name,
          CacheSubnetGroupDescription: `caches of EKS cluster ${cluster} (elasticache-driver-kit)`,
          SubnetIds: chosen,
          Tags: tags,
        }),
      );
    } catch (error) {
      if (!isAlreadyExists(error)) awsFault(error, "elasticache:CreateCacheSubnetGroup", name);
    }
  }

  const found = await awsCall("ec2:DescribeSecurityGroups", vpc.vpcId, () =>
    clients.ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: "vpc-id", Values: [vpc.vpcId ?? ""] },
          { Name: `tag:${EKS_CLUSTER_TAG}`, Values: [cluster] },
          { Name: `tag:${MANAGED_BY_TAG.key}`, Values: [MANAGED_BY_TAG.value] },
        ],
      }),
    ),
  );
  const securityGroupId =
    found.SecurityGroups?.[0]?.GroupId ??
    (await createSecurityGroup(clients, vpc.vpcId, name, cluster, tags));
  // Every discovery makes sure of the rules (a group whose creator stopped before them has none):
  // from the cluster security group, and from those the operator names for node groups that do
  // not carry it (Karpenter, self-managed nodes, custom launch templates).
  for (const source of [clusterSecurityGroup, ...sourceSecurityGroupIds]) {
    await allowPorts(clients, securityGroupId, source, CACHE_PORTS.from, CACHE_PORTS.to);
  }
  return {
    vpcId: vpc.vpcId,
    subnetIds: chosen,
    subnetGroup: name,
    securityGroupId,
    sourceSecurityGroupIds: [clusterSecurityGroup, ...sourceSecurityGroupIds],
  };
}

/**
 * Creates the cache security group. Another replica doing the same at the same moment makes EC2
 * answer InvalidGroup.Duplicate: then the group it made is the one, found by name.
 */
async function createSecurityGroup(
  clients: AwsClients,
  vpcId: string,
  name: string,
  cluster: string,
  tags: { Key: string; Value: string }[],
): Promise<string> {
  try {
    const created = await clients.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: name,
        VpcId: vpcId,
        Description: `Valkey/Redis from EKS cluster ${cluster} only (elasticache-driver-kit)`,
        TagSpecifications: [{ ResourceType: "security-group", Tags: tags }],
      }),
    );
    return created.GroupId ?? "";
  } catch (error) {
    if (faultName(error) !== "InvalidGroup.Duplicate") awsFault(error, "ec2:CreateSecurityGroup", name);
  }
  const raced = await awsCall("ec2:DescribeSecurityGroups", vpcId, () =>
    clients.ec2.send(
      new DescribeSecurityGroupsCommand({
        Filters: [
          { Name: "vpc-id", Values: [vpcId] },
          { Name: "group-name", Values: [name] },
        ],
      }),
    ),
  );
  const id = raced.SecurityGroups?.[0]?.GroupId;
  if (!id)
    throw new ProvisionerError("unavailable", `security group ${name} is being created`, {
      retryAfterSeconds: 5,
    });
  return id;
}

/** Admits the cluster's security group on a port range of the cache security group (idempotent). */
export async function allowPorts(
  clients: AwsClients,
  securityGroupId: string,
  sourceGroupId: string,
  from: number,
  to: number,
): Promise<void> {
  try {
    await clients.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: securityGroupId,
        IpPermissions: [
          { IpProtocol: "tcp", FromPort: from, ToPort: to, UserIdGroupPairs: [{ GroupId: sourceGroupId }] },
        ],
      }),
    );
  } catch (error) {
    if (faultName(error) === "InvalidPermission.Duplicate") return;
    awsFault(error, "ec2:AuthorizeSecurityGroupIngress", securityGroupId);
  }
}
