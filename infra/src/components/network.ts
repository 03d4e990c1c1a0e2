import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { planSubnets } from "../cidr-plan.js";
import type { StackTags } from "../tags.js";

export interface NetworkArgs {
  readonly vpcCidr: string;
  /** One private and one public subnet per zone (2 or 3). */
  readonly availabilityZones: readonly pulumi.Input<string>[];
  /** `single`: one NAT gateway for every zone (dev); `one-per-az`: a zone keeps egress when another fails (prod). */
  readonly natGateways: "single" | "one-per-az";
  /** The EKS cluster whose load balancers may use the subnets. */
  readonly clusterName: string;
  readonly tags: StackTags;
}

/**
 * A VPC whose private subnets hold nodes, pods and caches and reach the internet only through NAT,
 * and whose public subnets hold nothing but load balancers and NAT gateways. Nothing launched in
 * either gets a public address by default.
 */
export class Network extends pulumi.ComponentResource {
  readonly vpcId: pulumi.Output<string>;
  readonly privateSubnetIds: pulumi.Output<string>[];
  readonly publicSubnetIds: pulumi.Output<string>[];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("elasticache-driver-kit:infra:Network", name, {}, opts);
    const parent = { parent: this };
    const plan = planSubnets(args.vpcCidr, args.availabilityZones.length);
    const tagged = (nameTag: string, extra: Record<string, string> = {}) => ({
      ...args.tags,
      Name: `${name}-${nameTag}`,
      ...extra,
    });
    const clusterTag = { [`kubernetes.io/cluster/${args.clusterName}`]: "shared" };

    const vpc = new aws.ec2.Vpc(
      name,
      { cidrBlock: args.vpcCidr, enableDnsHostnames: true, enableDnsSupport: true, tags: tagged("vpc") },
      parent,
    );
    const internetGateway = new aws.ec2.InternetGateway(name, { vpcId: vpc.id, tags: tagged("igw") }, parent);
    const publicRoutes = new aws.ec2.RouteTable(
      `${name}-public`,
      {
        vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: internetGateway.id }],
        tags: tagged("public"),
      },
      parent,
    );

    const publicSubnets = args.availabilityZones.map((zone, i) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-public-${i}`,
        {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: plan.public[i],
          mapPublicIpOnLaunch: false,
          tags: tagged(`public-${i}`, { ...clusterTag, "kubernetes.io/role/elb": "1", tier: "public" }),
        },
        parent,
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-public-${i}`,
        { subnetId: subnet.id, routeTableId: publicRoutes.id },
        parent,
      );
      return subnet;
    });

    const natCount = args.natGateways === "single" ? 1 : publicSubnets.length;
    const natGateways = publicSubnets.slice(0, natCount).map((subnet, i) => {
      const address = new aws.ec2.Eip(
        `${name}-nat-${i}`,
        { domain: "vpc", tags: tagged(`nat-${i}`) },
        parent,
      );
      return new aws.ec2.NatGateway(
        `${name}-${i}`,
        { subnetId: subnet.id, allocationId: address.id, tags: tagged(`nat-${i}`) },
        { parent: this, dependsOn: [internetGateway] },
      );
    });

    const privateSubnets = args.availabilityZones.map((zone, i) => {
      const subnet = new aws.ec2.Subnet(
        `${name}-private-${i}`,
        {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: plan.private[i],
          mapPublicIpOnLaunch: false,
          tags: tagged(`private-${i}`, {
            ...clusterTag,
            "kubernetes.io/role/internal-elb": "1",
            tier: "private",
          }),
        },
        parent,
      );
      const nat = natGateways[Math.min(i, natGateways.length - 1)]!;
      const routes = new aws.ec2.RouteTable(
        `${name}-private-${i}`,
        {
          vpcId: vpc.id,
          routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nat.id }],
          tags: tagged(`private-${i}`),
        },
        parent,
      );
      new aws.ec2.RouteTableAssociation(
        `${name}-private-${i}`,
        { subnetId: subnet.id, routeTableId: routes.id },
        parent,
      );
      return subnet;
    });

    this.vpcId = vpc.id;
    this.privateSubnetIds = privateSubnets.map((subnet) => subnet.id);
    this.publicSubnetIds = publicSubnets.map((subnet) => subnet.id);
    this.registerOutputs({
      vpcId: this.vpcId,
      privateSubnetIds: this.privateSubnetIds,
      publicSubnetIds: this.publicSubnetIds,
    });
  }
}
