import type { ResourceValidationPolicy } from "@pulumi/policy";
import { REQUIRED_TAG_KEYS } from "../tags.js";

/** AWS resource types of this kit that take tags; others (associations, attachments) cannot. */
export const TAGGED_TYPES: ReadonlySet<string> = new Set([
  "aws:ec2/vpc:Vpc",
  "aws:ec2/subnet:Subnet",
  "aws:ec2/internetGateway:InternetGateway",
  "aws:ec2/natGateway:NatGateway",
  "aws:ec2/eip:Eip",
  "aws:ec2/routeTable:RouteTable",
  "aws:ec2/securityGroup:SecurityGroup",
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  "aws:eks/cluster:Cluster",
  "aws:eks/nodeGroup:NodeGroup",
  "aws:iam/role:Role",
  "aws:ecr/repository:Repository",
  "aws:elasticache/subnetGroup:SubnetGroup",
  "aws:elasticache/replicationGroup:ReplicationGroup",
  "aws:elasticache/serverlessCache:ServerlessCache",
]);

export interface RequiredTagsConfig {
  /** Tag keys every tagged resource must carry. Default: project, stack. */
  requiredTags?: string[];
}

/** Cost allocation and clean-up need to know whose a resource is: each carries the required tags. */
export const requiredTagsPolicy: ResourceValidationPolicy = {
  name: "required-tags",
  description: "AWS resources carry the required tags (default: project, stack).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      requiredTags: { type: "array", items: { type: "string" }, default: [...REQUIRED_TAG_KEYS] },
    },
  },
  validateResource: (args, reportViolation) => {
    if (!TAGGED_TYPES.has(args.type)) return;
    const required = args.getConfig<RequiredTagsConfig>().requiredTags ?? [...REQUIRED_TAG_KEYS];
    const tags: unknown = args.props.tags;
    const present = tags !== null && typeof tags === "object" ? (tags as Record<string, unknown>) : {};
    const missing = required.filter((key) => typeof present[key] !== "string" || present[key] === "");
    if (missing.length > 0) {
      reportViolation(`${args.name}: missing tags ${missing.join(", ")}; add them to its tags.`);
    }
  },
};
