import { createHash } from "node:crypto";

/**
 * Longest prefix: the longest derived name (`<prefix>-cache`) stays far below every AWS limit involved
 * (EKS cluster 100, ElastiCache subnet group 255, ECR repository 256), and Pulumi's auto-names
 * (`<logical name>-<7 random characters>`) keep IAM role names under 64.
 */
export const MAX_PREFIX_LENGTH = 32;

/** Names of the resources whose names are set rather than generated. */
export interface ResourceNames {
  /** Starts every name: project and stack, lowercase letters, digits and single hyphens. */
  readonly prefix: string;
  /** The EKS cluster; also tags the subnets its load balancers may use. */
  readonly clusterName: string;
  /** The ElastiCache subnet group the driver puts caches in (`ELASTICACHE_SUBNET_GROUP`). */
  readonly cacheSubnetGroupName: string;
  readonly driverRepositoryName: string;
  readonly sampleAppRepositoryName: string;
}

/**
 * A prefix that satisfies the strictest rule among the names it starts (ElastiCache's: a letter
 * first, then lowercase letters, digits and single hyphens, no hyphen at the end). Two stacks never
 * share one: a prefix cut to length ends with a hash of the whole.
 */
export function stackPrefix(project: string, stack: string): string {
  const whole = `${project}-${stack}`;
  let prefix = whole
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (!/^[a-z]/.test(prefix)) prefix = `s-${prefix}`.replace(/-+$/, "");
  if (prefix.length <= MAX_PREFIX_LENGTH) return prefix;
  const hash = createHash("sha256").update(whole).digest("hex").slice(0, 6);
  const head = prefix.slice(0, MAX_PREFIX_LENGTH - hash.length - 1).replace(/-+$/, "");
  return `${head}-${hash}`;
}

export function resourceNames(project: string, stack: string): ResourceNames {
  const prefix = stackPrefix(project, stack);
  return {
    prefix,
    clusterName: prefix,
    cacheSubnetGroupName: `${prefix}-cache`,
    driverRepositoryName: `${prefix}/driver`,
    sampleAppRepositoryName: `${prefix}/sample-app`,
  };
}
