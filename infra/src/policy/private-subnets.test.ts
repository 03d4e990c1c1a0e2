import { describe, expect, it } from "vitest";
import { stackArgs, stackViolationsOf, type ResourceSpec } from "../../test/support/policy-args.js";
import { privateSubnetsPolicy } from "./private-subnets.js";

/** A VPC with one public subnet (routed to the internet gateway) and one private (through NAT). */
const network: ResourceSpec[] = [
  { type: "aws:ec2/internetGateway:InternetGateway", name: "igw", props: { id: "igw-1" } },
  { type: "aws:ec2/natGateway:NatGateway", name: "nat", props: { id: "nat-1" } },
  {
    type: "aws:ec2/subnet:Subnet",
    name: "public-0",
    props: { id: "subnet-pub", mapPublicIpOnLaunch: false },
  },
  {
    type: "aws:ec2/subnet:Subnet",
    name: "private-0",
    props: { id: "subnet-priv", mapPublicIpOnLaunch: false },
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    name: "public",
    props: { id: "rtb-pub", routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }] },
    dependsOn: { routes: ["igw"] },
  },
  {
    type: "aws:ec2/routeTable:RouteTable",
    name: "private",
    props: { id: "rtb-priv", routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }] },
    dependsOn: { routes: ["nat"] },
  },
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    name: "public-0-association",
    props: { subnetId: "subnet-pub", routeTableId: "rtb-pub" },
    dependsOn: { subnetId: ["public-0"], routeTableId: ["public"] },
  },
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    name: "private-0-association",
    props: { subnetId: "subnet-priv", routeTableId: "rtb-priv" },
    dependsOn: { subnetId: ["private-0"], routeTableId: ["private"] },
  },
];

/** A node group that names its subnet only through a dependency, as during a preview. */
const nodeGroup = (subnet: "public-0" | "private-0"): ResourceSpec => ({
  type: "aws:eks/nodeGroup:NodeGroup",
  name: "nodes",
  props: {},
  dependsOn: { subnetIds: [subnet] },
});

describe("private-subnets-only policy", () => {
  it("passes nodes and caches in private subnets", async () => {
    const args = stackArgs([
      ...network,
      nodeGroup("private-0"),
      {
        type: "aws:elasticache/subnetGroup:SubnetGroup",
        name: "cache",
        props: { subnetIds: ["subnet-priv"] },
      },
    ]);
    expect(await stackViolationsOf(privateSubnetsPolicy, args)).toEqual([]);
  });

  it("reports nodes in a subnet routed to the internet gateway", async () => {
    expect(
      await stackViolationsOf(privateSubnetsPolicy, stackArgs([...network, nodeGroup("public-0")])),
    ).toEqual([
      "nodes: placed in public subnet(s) subnet-pub; use the private subnets (routed through NAT, no public addresses).",
    ]);
  });

  it("reports a cache subnet group on a public subnet, known only by id", async () => {
    const args = stackArgs([
      ...network,
      {
        type: "aws:elasticache/subnetGroup:SubnetGroup",
        name: "cache",
        props: { subnetIds: ["subnet-priv", "subnet-pub"] },
      },
    ]);
    expect(await stackViolationsOf(privateSubnetsPolicy, args)).toEqual([
      expect.stringMatching(/^cache: placed in public subnet\(s\) subnet-pub;/),
    ]);
  });

  it("treats a subnet that gives public addresses as public", async () => {
    const args = stackArgs([
      {
        type: "aws:ec2/subnet:Subnet",
        name: "open",
        props: { id: "subnet-open", mapPublicIpOnLaunch: true },
      },
      {
        type: "aws:elasticache/serverlessCache:ServerlessCache",
        name: "sessions",
        props: { subnetIds: ["subnet-open"] },
      },
    ]);
    expect(await stackViolationsOf(privateSubnetsPolicy, args)).toEqual([
      expect.stringMatching(/^sessions: placed in public subnet\(s\) subnet-open;/),
    ]);
  });

  it("passes subnets from outside the stack, which it cannot judge", async () => {
    const args = stackArgs([
      { type: "aws:eks/nodeGroup:NodeGroup", name: "nodes", props: { subnetIds: ["subnet-elsewhere"] } },
    ]);
    expect(await stackViolationsOf(privateSubnetsPolicy, args)).toEqual([]);
  });
});
