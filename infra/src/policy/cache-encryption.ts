import type { ResourceValidationPolicy } from "@pulumi/policy";

/**
 * Caches encrypted in transit and at rest. A serverless cache always is; a replication group must
 * say so; a standalone cache cluster (outside a replication group) cannot encrypt at rest at all.
 */
export const cacheEncryptionPolicy: ResourceValidationPolicy = {
  name: "cache-encryption",
  description: "ElastiCache caches are encrypted in transit (TLS) and at rest.",
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (args.type === "aws:elasticache/replicationGroup:ReplicationGroup") {
      if (args.props.transitEncryptionEnabled !== true) {
        reportViolation(`${args.name}: set transitEncryptionEnabled: true so clients must use TLS.`);
      }
      if (args.props.atRestEncryptionEnabled !== true) {
        reportViolation(
          `${args.name}: set atRestEncryptionEnabled: true to encrypt data on disk and in backups.`,
        );
      }
    } else if (args.type === "aws:elasticache/cluster:Cluster" && !args.props.replicationGroupId) {
      reportViolation(
        `${args.name}: a standalone cache cluster cannot encrypt at rest; create a replication group (or a serverless cache) instead.`,
      );
    }
  },
};
