import * as aws from "@pulumi/aws";
import * as eks from "@pulumi/eks";
import * as pulumi from "@pulumi/pulumi";
import { nodeAmiType } from "../node-ami-type.js";
import type { StackTags } from "../tags.js";

export interface ClusterArgs {
  readonly clusterName: string;
  readonly vpcId: pulumi.Input<string>;
  readonly privateSubnetIds: pulumi.Input<string>[];
  readonly publicSubnetIds: pulumi.Input<string>[];
  /** Unset: the newest version EKS offers when the cluster is created. */
  readonly kubernetesVersion: string | undefined;
  /** Who may reach the public API endpoint (kubectl, `pulumi up`); nodes use the private one. */
  readonly apiAllowedCidrs: readonly string[];
  readonly nodeInstanceType: string;
  readonly nodeCount: number;
  readonly nodeMaxCount: number;
  readonly nodeDiskSizeGib: number;
  /**
   * Roles made cluster administrators besides the identity that creates the cluster (for instance
   * the CI role when `up` ran on a laptop), so any of them can later destroy the Kubernetes objects.
   */
  readonly adminRoleArns: readonly string[];
  readonly tags: StackTags;
}

/** EKS's access policy of a cluster administrator (EKS user guide, "Access policy permissions"). */
export const CLUSTER_ADMIN_POLICY = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";

const NODE_POLICIES = [
  aws.iam.ManagedPolicy.AmazonEKSWorkerNodePolicy,
  aws.iam.ManagedPolicy.AmazonEKS_CNI_Policy,
  aws.iam.ManagedPolicy.AmazonEC2ContainerRegistryReadOnly,
];

/**
 * EKS with access entries (API authentication mode) and an OIDC provider for service-account roles,
 * and one managed node group in the private subnets. Managed nodes carry the security group EKS
 * creates for the cluster, so that group is what the cache network admits.
 */
export class Cluster extends pulumi.ComponentResource {
  readonly clusterName: pulumi.Output<string>;
  /** Secret: it names the cluster and how to authenticate (`aws eks get-token`). */
  readonly kubeconfig: pulumi.Output<string>;
  readonly oidcProviderArn: pulumi.Output<string>;
  readonly oidcProviderUrl: pulumi.Output<string>;
  readonly nodeSecurityGroupId: pulumi.Output<string>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    super("elasticache-driver-kit:infra:Cluster", name, {}, opts);
    const cluster = new eks.Cluster(
      name,
      {
        name: args.clusterName,
        vpcId: args.vpcId,
        privateSubnetIds: args.privateSubnetIds,
        publicSubnetIds: args.publicSubnetIds,
        authenticationMode: eks.AuthenticationMode.Api,
        createOidcProvider: true,
        skipDefaultNodeGroup: true,
        skipDefaultSecurityGroups: true,
        nodeAssociatePublicIpAddress: false,
        endpointPrivateAccess: true,
        endpointPublicAccess: true,
        publicAccessCidrs: [...args.apiAllowedCidrs],
        // Extended support costs six times the standard hourly price; upgrade within standard support.
        upgradePolicy: { supportType: "STANDARD" },
        ...(args.kubernetesVersion ? { version: args.kubernetesVersion } : {}),
        tags: { ...args.tags },
      },
      { parent: this },
    );

    const nodeRole = new aws.iam.Role(
      `${name}-node`,
      {
        assumeRolePolicy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
        tags: { ...args.tags },
      },
      { parent: this },
    );
    const attachments = NODE_POLICIES.map(
      (policyArn, i) =>
        new aws.iam.RolePolicyAttachment(
          `${name}-node-${i}`,
          { role: nodeRole.name, policyArn },
          { parent: this },
        ),
    );

    // The created cluster's name (an output), so everything below waits for the cluster itself.
    const clusterName = cluster.eksCluster.apply((created) => created.name);

    args.adminRoleArns.forEach((principalArn, i) => {
      const entry = new aws.eks.AccessEntry(
        `${name}-admin-${i}`,
        { clusterName, principalArn, type: "STANDARD", tags: { ...args.tags } },
        { parent: this },
      );
      new aws.eks.AccessPolicyAssociation(
        `${name}-admin-${i}`,
        { clusterName, principalArn, policyArn: CLUSTER_ADMIN_POLICY, accessScope: { type: "cluster" } },
        { parent: this, dependsOn: [entry] },
      );
    });

    // EKS creates the nodes' access entry itself for a managed node group in API mode.
    new aws.eks.NodeGroup(
      `${name}-nodes`,
      {
        clusterName,
        nodeRoleArn: nodeRole.arn,
        subnetIds: args.privateSubnetIds,
        instanceTypes: [args.nodeInstanceType],
        amiType: nodeAmiType(args.nodeInstanceType),
        capacityType: "ON_DEMAND",
        diskSize: args.nodeDiskSizeGib,
        scalingConfig: { minSize: args.nodeCount, desiredSize: args.nodeCount, maxSize: args.nodeMaxCount },
        updateConfig: { maxUnavailable: 1 },
        tags: { ...args.tags },
      },
      { parent: this, dependsOn: [cluster, ...attachments] },
    );

    this.clusterName = clusterName;
    this.kubeconfig = pulumi.secret(cluster.kubeconfigJson);
    this.oidcProviderArn = cluster.oidcProviderArn;
    this.oidcProviderUrl = cluster.oidcProviderUrl;
    this.nodeSecurityGroupId = cluster.nodeSecurityGroupId;
    this.registerOutputs({
      clusterName: this.clusterName,
      kubeconfig: this.kubeconfig,
      oidcProviderArn: this.oidcProviderArn,
      nodeSecurityGroupId: this.nodeSecurityGroupId,
    });
  }
}
