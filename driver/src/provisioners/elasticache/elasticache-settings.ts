import { z } from "zod";
import { listFromEnv } from "../../config/env-fields.js";

/**
 * The environment variables of the ElastiCache provisioner (DRIVER_PROVISIONER=elasticache).
 * Endpoints are the AWS SDK's own business: `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>`
 * reach a local endpoint with no setting here.
 */
export const ElastiCacheSettingsSchema = z.object({
  AWS_REGION: z
    .string({ error: "required: the AWS region of the caches, e.g. eu-central-1" })
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region like eu-central-1")
    .describe("AWS region of the caches (required)"),
  ELASTICACHE_SUBNET_GROUP: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,254}$/, "must be an ElastiCache subnet group name")
    .optional()
    .describe("default cache subnet group (the `networking` input overrides it)"),
  ELASTICACHE_SECURITY_GROUP_IDS: listFromEnv(
    /^sg-[0-9a-f]{8,17}$/,
    'must be security group ids like "sg-0123456789abcdef0"',
  )
    .optional()
    .describe("default security groups, comma-separated"),
  ELASTICACHE_EKS_CLUSTER: z
    .string()
    .regex(/^[0-9A-Za-z][A-Za-z0-9\-_]{0,99}$/, "must be an EKS cluster name")
    .optional()
    .describe("EKS cluster whose VPC, private subnets and security group the caches use (discovered)"),
  ELASTICACHE_EKS_NODE_SG_IDS: listFromEnv(
    /^sg-[0-9a-f]{8,17}$/,
    'must be security group ids like "sg-0123456789abcdef0"',
  )
    .optional()
    .describe(
      "with ELASTICACHE_EKS_CLUSTER: security groups of nodes that do not carry the cluster security group (Karpenter, self-managed), admitted to the cache ports too; comma-separated",
    ),
  ELASTICACHE_READY_CHECK: z
    .enum(["credentials", "off"], { error: 'must be "credentials" or "off"' })
    .default("credentials")
    .describe(
      '/readyz: "credentials" (the driver\'s own AWS credentials resolve and one read succeeds) or "off" (only Resource Account credentials are used)',
    ),
});

export type ElastiCacheSettings = z.output<typeof ElastiCacheSettingsSchema>;
