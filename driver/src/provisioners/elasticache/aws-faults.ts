import { ProvisionerError, type ProvisionerErrorKind } from "../provisioner-errors.js";
import { scrubSecrets } from "../scrub-secrets.js";

/** What was being done when AWS answered with an error. */
export interface FaultContext {
  /** The AWS action, e.g. `elasticache:CreateReplicationGroup`. */
  action: string;
  /** The AWS object it was about, e.g. a replication group id. */
  target?: string;
  /** Values that must not appear in the message (passwords, keys). */
  secrets?: readonly (string | undefined)[];
}

interface FaultRule {
  kind: ProvisionerErrorKind;
  field?: string;
  fix?: string;
}

const NETWORK_FIX =
  "set driver.values.networking (subnet_group, security_group_ids) or the driver's ELASTICACHE_SUBNET_GROUP / ELASTICACHE_SECURITY_GROUP_IDS / ELASTICACHE_EKS_CLUSTER to objects that exist in this account and region";
const QUOTA_FIX =
  "ask AWS for a higher ElastiCache quota (Service Quotas), delete unused caches, or choose another node type or region";
const BUSY = "the AWS object is busy with another change; the driver tries again on the next request";

/**
 * AWS error names (the SDK's `error.name`, not the wire code) and what each means for the caller.
 * Anything not listed is `failed` with the cloud's own words; a server-side fault is `unavailable`.
 */
export const FAULTS: Readonly<Record<string, FaultRule>> = {
  // Credentials and permissions
  AccessDenied: { kind: "access-denied" },
  AccessDeniedException: { kind: "access-denied" },
  UnauthorizedOperation: { kind: "access-denied" },
  InvalidClientTokenId: { kind: "access-denied", fix: "check aws_access_key_id in driver.secrets.account" },
  UnrecognizedClientException: {
    kind: "access-denied",
    fix: "check aws_access_key_id in driver.secrets.account",
  },
  SignatureDoesNotMatch: {
    kind: "access-denied",
    fix: "check aws_secret_access_key in driver.secrets.account",
  },
  InvalidSignatureException: {
    kind: "access-denied",
    fix: "check aws_secret_access_key in driver.secrets.account",
  },
  ExpiredToken: {
    kind: "access-denied",
    fix: "renew aws_session_token in driver.secrets.account, or use long-lived credentials or role_arn",
  },
  ExpiredTokenException: {
    kind: "access-denied",
    fix: "renew aws_session_token in driver.secrets.account, or use long-lived credentials or role_arn",
  },
  // EC2 (EKS discovery) names the same failures differently: AuthFailure for a key it does not
  // know or a signature that does not match, RequestExpired for a stale signature or session.
  AuthFailure: {
    kind: "access-denied",
    fix: "check aws_access_key_id and aws_secret_access_key in driver.secrets.account",
  },
  RequestExpired: {
    kind: "access-denied",
    fix: "renew aws_session_token in driver.secrets.account (or use long-lived credentials or role_arn), and check the driver host's clock",
  },
  CredentialsProviderError: {
    kind: "access-denied",
    fix: "set driver.secrets.account in the Resource Definition, or give the driver AWS credentials (IRSA on EKS, or AWS_* variables)",
  },
  ServiceLinkedRoleNotFoundFault: {
    kind: "access-denied",
    fix: "allow iam:CreateServiceLinkedRole for elasticache.amazonaws.com (see docs/elasticache-iam.md), or create the role once: aws iam create-service-linked-role --aws-service-name elasticache.amazonaws.com",
  },
  // Values AWS refuses
  InvalidParameterValueException: { kind: "invalid-input" },
  InvalidParameterCombinationException: { kind: "invalid-input" },
  InvalidParameterValue: { kind: "invalid-input" },
  InvalidKMSKeyFault: { kind: "invalid-input" },
  DuplicateUserNameFault: {
    kind: "conflict",
    field: "driver.values.username",
    fix: "choose another username: one user group cannot hold two users of the same name",
  },
  // Network
  CacheSubnetGroupNotFoundFault: {
    kind: "invalid-input",
    field: "driver.values.networking.subnet_group",
    fix: NETWORK_FIX,
  },
  InvalidSubnet: { kind: "invalid-input", field: "driver.values.networking.subnet_group", fix: NETWORK_FIX },
  SubnetNotAllowedFault: {
    kind: "invalid-input",
    field: "driver.values.networking.subnet_group",
    fix: NETWORK_FIX,
  },
  InvalidVPCNetworkStateFault: {
    kind: "invalid-input",
    field: "driver.values.networking.security_group_ids",
    fix: NETWORK_FIX,
  },
  "InvalidGroup.NotFound": {
    kind: "invalid-input",
    field: "driver.values.networking.security_group_ids",
    fix: NETWORK_FIX,
  },
  "InvalidVpcID.NotFound": { kind: "invalid-input", field: "ELASTICACHE_EKS_CLUSTER", fix: NETWORK_FIX },
  "InvalidSubnetID.NotFound": {
    kind: "invalid-input",
    field: "driver.values.networking.subnet_group",
    fix: NETWORK_FIX,
  },
  ResourceNotFoundException: {
    kind: "invalid-input",
    field: "ELASTICACHE_EKS_CLUSTER",
    fix: "name an EKS cluster that exists in AWS_REGION",
  },
  // Quotas and capacity
  ClusterQuotaForCustomerExceededFault: { kind: "quota", fix: QUOTA_FIX },
  NodeQuotaForClusterExceededFault: { kind: "quota", field: "driver.values.shards", fix: QUOTA_FIX },
  NodeQuotaForCustomerExceededFault: { kind: "quota", fix: QUOTA_FIX },
  NodeGroupsPerReplicationGroupQuotaExceededFault: {
    kind: "quota",
    field: "driver.values.shards",
    fix: QUOTA_FIX,
  },
  InsufficientCacheClusterCapacityFault: {
    kind: "quota",
    field: "driver.values.node_type",
    fix: "AWS has no capacity for this node type here right now: choose another node_type, or try again later",
  },
  ServerlessCacheQuotaForCustomerExceededFault: { kind: "quota", fix: QUOTA_FIX },
  UserQuotaExceededFault: { kind: "quota", fix: QUOTA_FIX },
  UserGroupQuotaExceededFault: { kind: "quota", fix: QUOTA_FIX },
  CacheParameterGroupQuotaExceededFault: { kind: "quota", fix: QUOTA_FIX },
  SnapshotQuotaExceededFault: {
    kind: "quota",
    field: "driver.values.deletion_policy",
    fix: 'delete old snapshots, or set deletion_policy to "delete"',
  },
  TagQuotaPerResourceExceeded: {
    kind: "quota",
    field: "driver.values.tags",
    fix: "use fewer tags: AWS allows 50 per object, the driver's own (ownership, inputs, deletion mark) included",
  },
  CacheSubnetGroupQuotaExceededFault: { kind: "quota", fix: QUOTA_FIX },
  SecurityGroupLimitExceeded: { kind: "quota", fix: QUOTA_FIX },
  // Busy, throttled or briefly unavailable
  InvalidReplicationGroupStateFault: { kind: "unavailable", fix: BUSY },
  InvalidServerlessCacheStateFault: { kind: "unavailable", fix: BUSY },
  InvalidUserStateFault: { kind: "unavailable", fix: BUSY },
  InvalidUserGroupStateFault: { kind: "unavailable", fix: BUSY },
  InvalidCacheParameterGroupStateFault: { kind: "unavailable", fix: BUSY },
  Throttling: { kind: "unavailable" },
  ThrottlingException: { kind: "unavailable" },
  RequestLimitExceeded: { kind: "unavailable" },
  TooManyRequestsException: { kind: "unavailable" },
  APICallRateForCustomerExceededFault: { kind: "unavailable" },
  ServiceUnavailable: { kind: "unavailable" },
  ServiceUnavailableException: { kind: "unavailable" },
  InternalFailure: { kind: "unavailable" },
  TimeoutError: { kind: "unavailable" },
};

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN"]);

interface AwsLikeError {
  name?: string;
  message?: string;
  code?: string;
  $fault?: string;
  $metadata?: { requestId?: string; httpStatusCode?: number };
}

/** The error name AWS gave, or the network error code when the request never got an answer. */
export function faultName(error: unknown): string {
  const e = (error ?? {}) as AwsLikeError;
  if (e.code && NETWORK_CODES.has(e.code)) return e.code;
  return e.name ?? "Error";
}

/**
 * One AWS failure as the typed error of the provisioner contract: the kind (and so the answer)
 * by the SDK's error name, the cloud's own message kept and scrubbed, the request id and the
 * permission that was refused in `details`.
 */
export function toProvisionerError(error: unknown, context: FaultContext): ProvisionerError {
  if (error instanceof ProvisionerError) return error;
  const e = (error ?? {}) as AwsLikeError;
  const name = faultName(error);
  const server =
    e.$fault === "server" || (e.$metadata?.httpStatusCode ?? 0) >= 500 || NETWORK_CODES.has(name);
  const rule = FAULTS[name] ?? (server ? { kind: "unavailable" as const } : { kind: "failed" as const });
  const target = context.target ? ` ${context.target}` : "";
  const said = e.message ? `: ${e.message}` : "";
  const message = scrubSecrets(`${context.action}${target} failed with ${name}${said}`, context.secrets);
  return new ProvisionerError(rule.kind, message, {
    ...(rule.field ? { field: rule.field } : {}),
    ...(rule.fix ? { fix: rule.fix } : {}),
    backendError: name,
    ...(e.$metadata?.requestId ? { requestId: e.$metadata.requestId } : {}),
    ...(rule.kind === "access-denied"
      ? {
          permission:
            name === "ServiceLinkedRoleNotFoundFault" ? "iam:CreateServiceLinkedRole" : context.action,
        }
      : {}),
    ...(rule.kind === "unavailable" ? { retryAfterSeconds: rule.fix === BUSY ? 15 : 5 } : {}),
    cause: error,
  });
}

/** True when the error is AWS's answer that the named object does not exist. */
export function isNotFound(error: unknown): boolean {
  return /NotFound(Fault|Exception)?$/.test(faultName(error)) && !(error instanceof ProvisionerError);
}

/** True when the error says an object of that name exists already. */
export function isAlreadyExists(error: unknown): boolean {
  return /AlreadyExists(Fault)?$/.test(faultName(error)) || faultName(error) === "InvalidGroup.Duplicate";
}
