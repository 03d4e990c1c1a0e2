import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { StackTags } from "../tags.js";

export interface CacheNetworkArgs {
  readonly subnetGroupName: string;
  readonly vpcId: pulumi.Input<string>;
  readonly privateSubnetIds: pulumi.Input<string>[];
  /** The security group of the cluster's nodes: pods use their node's, so this is whom caches admit. */
  readonly nodeSecurityGroupId: pulumi.Input<string>;
  /** 6379: every cache's endpoint; 6380: a serverless cache's reader endpoint. */
  readonly ports: readonly number[];
  readonly tags: StackTags;
}

/**
 * Where the driver puts caches: a subnet group over the private subnets and a security group that
 * admits the cluster's nodes on the cache ports and nothing else (it has no egress rule either;
 * caches answer over the connections they accept).
 */
export class CacheNetwork extends pulumi.ComponentResource {
  readonly subnetGroupName: pulumi.Output<string>;
  readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: CacheNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("elasticache-driver-kit:infra:CacheNetwork", name, {}, opts);
    const subnetGroup = new aws.elasticache.SubnetGroup(
      name,
      {
        name: args.subnetGroupName,
        description: "Private subnets for caches created by the elasticache driver",
        subnetIds: args.privateSubnetIds,
        tags: { ...args.tags },
      },
      { parent: this },
    );
    const securityGroup = new aws.ec2.SecurityGroup(
      name,
      {
        vpcId: args.vpcId,
        description: "Caches created by the elasticache driver: cluster nodes on the cache ports only",
        tags: { ...args.tags, Name: `${name}-caches` },
      },
      { parent: this },
    );
    for (const port of args.ports) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-${port}`,
        {
          securityGroupId: securityGroup.id,
          referencedSecurityGroupId: args.nodeSecurityGroupId,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          description: `Cluster nodes to caches on ${port}`,
          tags: { ...args.tags },
        },
        { parent: this },
      );
    }
    this.subnetGroupName = subnetGroup.name;
    this.securityGroupId = securityGroup.id;
    this.registerOutputs({ subnetGroupName: this.subnetGroupName, securityGroupId: this.securityGroupId });
  }
}
