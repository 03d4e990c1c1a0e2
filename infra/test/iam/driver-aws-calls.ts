import { MANAGED_BY_TAG, SHAREABLE_TAG } from "@elasticache-driver-kit/driver";

/**
 * Every authorisation AWS performs for the calls the driver makes, as AWS forms it: one row per
 * action and object (ElastiCache authorises a call once for each object it touches, per the
 * Service Authorization Reference's resource types of the action, e.g. CreateUserGroup against
 * the new group and each user in it). Rows carry the object's tags as they are at that moment and
 * the tags the request sets. A call the driver starts making needs its rows here, or the
 * simulation test of its SDK command fails.
 */
export type Deployment = "any" | "node-based" | "serverless" | "shared";
export type Step =
  | "discovery"
  | "read"
  | "create"
  | "update"
  | "rotation"
  | "parameter group"
  | "delete"
  | "snapshot on delete"
  | "serverless VPC endpoint"
  | "shared user joins the group"
  | "readiness"
  | "assume role";

export interface AwsCall {
  readonly deployment: Deployment;
  readonly step: Step;
  readonly action: string;
  readonly resource: string;
  readonly resourceTags?: Readonly<Record<string, string>>;
  readonly requestTags?: Readonly<Record<string, string>>;
  /** Other condition keys AWS sets for this request (service-specific ones). */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
  /** Granted only with discovery (`ELASTICACHE_EKS_CLUSTER`); the stack hands the driver its network. */
  readonly discoveryOnly?: boolean;
  /** Granted only for the roles the stack lists in `assumableRoleArns`. */
  readonly assumedRoleOnly?: boolean;
}

export const ACCOUNT = "111122223333";
export const OTHER_ACCOUNT = "444455556666";
export const REGION = "us-east-1";
export const ASSUMABLE_ROLE = `arn:aws:iam::${ACCOUNT}:role/humanitec-caches`;

const ec = (type: string, name: string, account = ACCOUNT) =>
  `arn:aws:elasticache:${REGION}:${account}:${type}:${name}`;
const ec2 = (type: string, id: string) => `arn:aws:ec2:${REGION}:${ACCOUNT}:${type}/${id}`;

/** Names as names.ts forms them for one resource: `hk-` and the GUResID's slug and hash. */
const N = {
  cache: "hk-devmyappredis-mpbmy53tgratxstn",
  user: "hk-devmyappredis-4drgxgd2xy4oafa6",
  defaultUser: "hk-devmyappredis-5fcv4irs72me4ni3",
  userGroup: "hk-devmyappredis-sv2lu5lvhdsoh4ol",
  parameterGroup: "hk-devmyappredis-bs5dpnzvq25g6ut5",
  finalSnapshot: "hk-devmyappredis-mpbmy53tgratxstn-final-202612072306",
  /** The stack's cache subnet group (infra/src/components/cache-network.ts). */
  subnetGroup: "elasticache-driver-kit-dev",
  sharedGroup: "team-cache-users",
  discovered: "ekit-dev",
} as const;

const OWN = {
  [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value,
  "elasticache-driver-kit:guresid": "dev.my-app.redis",
};
const OWN_REQUEST = OWN;
const SHAREABLE = { [SHAREABLE_TAG.key]: SHAREABLE_TAG.value, team: "payments" };

const reads: AwsCall[] = [
  "elasticache:DescribeReplicationGroups",
  "elasticache:DescribeServerlessCaches",
  "elasticache:DescribeUsers",
  "elasticache:DescribeUserGroups",
  "elasticache:DescribeCacheSubnetGroups",
  "elasticache:DescribeCacheParameterGroups",
  "elasticache:DescribeCacheEngineVersions",
  "elasticache:DescribeCacheClusters",
  "elasticache:DescribeEvents",
].map((action) => ({ deployment: "any", step: "read", action, resource: "*" }));

/** Creating an object with tags: the creation and the tags (AddTagsToResource), both on the new ARN. */
function createTagged(deployment: Deployment, step: Step, action: string, resource: string): AwsCall[] {
  return [
    { deployment, step, action, resource, requestTags: OWN_REQUEST },
    { deployment, step, action: "elasticache:AddTagsToResource", resource, requestTags: OWN_REQUEST },
  ];
}

/** RBAC: the resource's user, the `default` user every group needs, and the group holding both. */
function rbacCreate(deployment: Deployment): AwsCall[] {
  const step = "create";
  return [
    ...createTagged(deployment, step, "elasticache:CreateUser", ec("user", N.user)),
    ...createTagged(deployment, step, "elasticache:CreateUser", ec("user", N.defaultUser)),
    ...createTagged(deployment, step, "elasticache:CreateUserGroup", ec("usergroup", N.userGroup)),
    {
      deployment,
      step,
      action: "elasticache:CreateUserGroup",
      resource: ec("user", N.user),
      resourceTags: OWN,
    },
    {
      deployment,
      step,
      action: "elasticache:CreateUserGroup",
      resource: ec("user", N.defaultUser),
      resourceTags: OWN,
    },
  ];
}

/** Tags an update writes and drops, on any of the driver's objects. */
function retag(deployment: Deployment, resource: string): AwsCall[] {
  return [
    { deployment, step: "update", action: "elasticache:ListTagsForResource", resource, resourceTags: OWN },
    {
      deployment,
      step: "update",
      action: "elasticache:AddTagsToResource",
      resource,
      resourceTags: OWN,
      requestTags: { "elasticache-driver-kit:config": "3f2a", team: "payments" },
    },
    {
      deployment,
      step: "update",
      action: "elasticache:RemoveTagsFromResource",
      resource,
      resourceTags: OWN,
      context: { "aws:TagKeys": ["team"] },
    },
  ];
}

function rbacDelete(deployment: Deployment): AwsCall[] {
  const step = "delete";
  return [
    // The deletion mark goes on the user before the cache goes (tagging.ts markDeleting).
    {
      deployment,
      step,
      action: "elasticache:AddTagsToResource",
      resource: ec("user", N.user),
      resourceTags: OWN,
      requestTags: { "elasticache-driver-kit:deleting": "true" },
    },
    {
      deployment,
      step,
      action: "elasticache:DeleteUserGroup",
      resource: ec("usergroup", N.userGroup),
      resourceTags: OWN,
    },
    { deployment, step, action: "elasticache:DeleteUser", resource: ec("user", N.user), resourceTags: OWN },
    {
      deployment,
      step,
      action: "elasticache:DeleteUser",
      resource: ec("user", N.defaultUser),
      resourceTags: OWN,
    },
  ];
}

const serviceLinkedRole = (deployment: Deployment): AwsCall => ({
  deployment,
  step: "create",
  action: "iam:CreateServiceLinkedRole",
  resource: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/elasticache.amazonaws.com/AWSServiceRoleForElastiCache`,
  context: { "iam:AWSServiceName": "elasticache.amazonaws.com" },
});

const RG = ec("replicationgroup", N.cache);
const PG = ec("parametergroup", N.parameterGroup);
const nodeBased: AwsCall[] = [
  // parameter group: only when maxmemory_policy is not the default's.
  ...createTagged("node-based", "parameter group", "elasticache:CreateCacheParameterGroup", PG),
  {
    deployment: "node-based",
    step: "parameter group",
    action: "elasticache:ModifyCacheParameterGroup",
    resource: PG,
    resourceTags: OWN,
  },
  ...rbacCreate("node-based"),
  ...createTagged("node-based", "create", "elasticache:CreateReplicationGroup", RG),
  {
    deployment: "node-based",
    step: "create",
    action: "elasticache:CreateReplicationGroup",
    resource: PG,
    resourceTags: OWN,
  },
  {
    deployment: "node-based",
    step: "create",
    action: "elasticache:CreateReplicationGroup",
    resource: ec("parametergroup", "default.redis7"),
  },
  {
    deployment: "node-based",
    step: "create",
    action: "elasticache:CreateReplicationGroup",
    resource: ec("subnetgroup", N.subnetGroup),
  },
  {
    deployment: "node-based",
    step: "create",
    action: "elasticache:CreateReplicationGroup",
    resource: ec("usergroup", N.userGroup),
    resourceTags: OWN,
  },
  serviceLinkedRole("node-based"),
  {
    deployment: "node-based",
    step: "read",
    action: "elasticache:ListTagsForResource",
    resource: RG,
    resourceTags: OWN,
  },
  {
    deployment: "node-based",
    step: "update",
    action: "elasticache:ModifyReplicationGroup",
    resource: RG,
    resourceTags: OWN,
  },
  {
    deployment: "node-based",
    step: "update",
    action: "elasticache:ModifyReplicationGroup",
    resource: PG,
    resourceTags: OWN,
  },
  // Back to the engine's default parameter group when maxmemory_policy returns to volatile-lru.
  {
    deployment: "node-based",
    step: "update",
    action: "elasticache:ModifyReplicationGroup",
    resource: ec("parametergroup", "default.redis7"),
  },
  {
    deployment: "node-based",
    step: "update",
    action: "elasticache:IncreaseReplicaCount",
    resource: RG,
    resourceTags: OWN,
  },
  {
    deployment: "node-based",
    step: "update",
    action: "elasticache:DecreaseReplicaCount",
    resource: RG,
    resourceTags: OWN,
  },
  ...retag("node-based", RG),
  ...retag("node-based", PG),
  {
    deployment: "node-based",
    step: "rotation",
    action: "elasticache:ModifyUser",
    resource: ec("user", N.user),
    resourceTags: OWN,
  },
  {
    deployment: "node-based",
    step: "rotation",
    action: "elasticache:ModifyReplicationGroup",
    resource: RG,
    resourceTags: OWN,
  },
  {
    deployment: "node-based",
    step: "delete",
    action: "elasticache:DeleteReplicationGroup",
    resource: RG,
    resourceTags: OWN,
  },
  ...rbacDelete("node-based"),
  // The deletion mark goes on the parameter group too, while it exists.
  {
    deployment: "node-based",
    step: "delete",
    action: "elasticache:AddTagsToResource",
    resource: PG,
    resourceTags: OWN,
    requestTags: { "elasticache-driver-kit:deleting": "2026-12-07T23:06:00.000Z" },
  },
  {
    deployment: "node-based",
    step: "delete",
    action: "elasticache:DeleteCacheParameterGroup",
    resource: PG,
    resourceTags: OWN,
  },
  // deletion_policy "snapshot": the new snapshot has no tags; its source has the driver's.
  {
    deployment: "node-based",
    step: "snapshot on delete",
    action: "elasticache:DeleteReplicationGroup",
    resource: ec("snapshot", N.finalSnapshot),
  },
  {
    deployment: "node-based",
    step: "snapshot on delete",
    action: "elasticache:CreateSnapshot",
    resource: ec("snapshot", N.finalSnapshot),
  },
  {
    deployment: "node-based",
    step: "snapshot on delete",
    action: "elasticache:CreateSnapshot",
    resource: RG,
    resourceTags: OWN,
  },
];

const SC = ec("serverlesscache", N.cache);
const serverless: AwsCall[] = [
  ...rbacCreate("serverless"),
  ...createTagged("serverless", "create", "elasticache:CreateServerlessCache", SC),
  {
    deployment: "serverless",
    step: "create",
    action: "elasticache:CreateServerlessCache",
    resource: ec("usergroup", N.userGroup),
    resourceTags: OWN,
  },
  serviceLinkedRole("serverless"),
  {
    deployment: "serverless",
    step: "serverless VPC endpoint",
    action: "ec2:CreateVpcEndpoint",
    resource: ec2("vpc-endpoint", "vpce-0a1b2c3d4e5f60718"),
    context: {
      "ec2:VpceServiceName": `com.amazonaws.elasticache.serverless.${REGION}.vpce-svc-0a1b2c3d4e5f60718`,
    },
  },
  {
    deployment: "serverless",
    step: "serverless VPC endpoint",
    action: "ec2:CreateVpcEndpoint",
    resource: ec2("vpc", "vpc-0a1b2c3d4e5f60718"),
  },
  {
    deployment: "serverless",
    step: "serverless VPC endpoint",
    action: "ec2:CreateVpcEndpoint",
    resource: ec2("subnet", "subnet-0a1b2c3d4e5f60718"),
  },
  {
    deployment: "serverless",
    step: "serverless VPC endpoint",
    action: "ec2:CreateVpcEndpoint",
    resource: ec2("security-group", "sg-0a1b2c3d4e5f60718"),
  },
  {
    deployment: "serverless",
    step: "serverless VPC endpoint",
    action: "ec2:CreateTags",
    resource: ec2("vpc-endpoint", "vpce-0a1b2c3d4e5f60718"),
    requestTags: { AmazonElastiCacheManaged: "true" },
    context: { "ec2:CreateAction": "CreateVpcEndpoint" },
  },
  {
    deployment: "serverless",
    step: "read",
    action: "elasticache:ListTagsForResource",
    resource: SC,
    resourceTags: OWN,
  },
  {
    deployment: "serverless",
    step: "update",
    action: "elasticache:ModifyServerlessCache",
    resource: SC,
    resourceTags: OWN,
  },
  ...retag("serverless", SC),
  {
    deployment: "serverless",
    step: "rotation",
    action: "elasticache:ModifyUser",
    resource: ec("user", N.user),
    resourceTags: OWN,
  },
  {
    deployment: "serverless",
    step: "delete",
    action: "elasticache:DeleteServerlessCache",
    resource: SC,
    resourceTags: OWN,
  },
  ...rbacDelete("serverless"),
  {
    deployment: "serverless",
    step: "snapshot on delete",
    action: "elasticache:DeleteServerlessCache",
    resource: ec("serverlesscachesnapshot", N.finalSnapshot),
  },
  {
    deployment: "serverless",
    step: "snapshot on delete",
    action: "elasticache:CreateServerlessCacheSnapshot",
    resource: ec("serverlesscachesnapshot", N.finalSnapshot),
  },
  {
    deployment: "serverless",
    step: "snapshot on delete",
    action: "elasticache:CreateServerlessCacheSnapshot",
    resource: SC,
    resourceTags: OWN,
  },
];

const SHARED_GROUP = ec("usergroup", N.sharedGroup);
const shared: AwsCall[] = [
  {
    deployment: "shared",
    step: "read",
    action: "elasticache:ListTagsForResource",
    resource: SHARED_GROUP,
    resourceTags: SHAREABLE,
  },
  ...createTagged("shared", "create", "elasticache:CreateUser", ec("user", N.user)),
  {
    deployment: "shared",
    step: "shared user joins the group",
    action: "elasticache:ModifyUserGroup",
    resource: SHARED_GROUP,
    resourceTags: SHAREABLE,
  },
  {
    deployment: "shared",
    step: "shared user joins the group",
    action: "elasticache:ModifyUserGroup",
    resource: ec("user", N.user),
    resourceTags: OWN,
  },
  {
    deployment: "shared",
    step: "rotation",
    action: "elasticache:ModifyUser",
    resource: ec("user", N.user),
    resourceTags: OWN,
  },
  ...retag("shared", ec("user", N.user)),
  {
    deployment: "shared",
    step: "delete",
    action: "elasticache:ModifyUserGroup",
    resource: SHARED_GROUP,
    resourceTags: SHAREABLE,
  },
  {
    deployment: "shared",
    step: "delete",
    action: "elasticache:ModifyUserGroup",
    resource: ec("user", N.user),
    resourceTags: OWN,
  },
  {
    deployment: "shared",
    step: "delete",
    action: "elasticache:DeleteUser",
    resource: ec("user", N.user),
    resourceTags: OWN,
  },
];

const SG = ec2("security-group", "sg-0fedcba987654321f");
const discovery: AwsCall[] = [
  {
    deployment: "any",
    step: "discovery",
    action: "eks:DescribeCluster",
    resource: `arn:aws:eks:${REGION}:${ACCOUNT}:cluster/dev`,
    discoveryOnly: true,
  },
  { deployment: "any", step: "discovery", action: "ec2:DescribeSubnets", resource: "*", discoveryOnly: true },
  {
    deployment: "any",
    step: "discovery",
    action: "ec2:DescribeSecurityGroups",
    resource: "*",
    discoveryOnly: true,
  },
  ...createTagged(
    "any",
    "discovery",
    "elasticache:CreateCacheSubnetGroup",
    ec("subnetgroup", N.discovered),
  ).map((call) => ({ ...call, discoveryOnly: true })),
  {
    deployment: "any",
    step: "discovery",
    action: "ec2:CreateSecurityGroup",
    resource: SG,
    requestTags: OWN_REQUEST,
    discoveryOnly: true,
  },
  {
    deployment: "any",
    step: "discovery",
    action: "ec2:CreateSecurityGroup",
    resource: ec2("vpc", "vpc-0a1b2c3d4e5f60718"),
    discoveryOnly: true,
  },
  {
    deployment: "any",
    step: "discovery",
    action: "ec2:CreateTags",
    resource: SG,
    requestTags: OWN_REQUEST,
    context: { "ec2:CreateAction": "CreateSecurityGroup" },
    discoveryOnly: true,
  },
  {
    deployment: "any",
    step: "discovery",
    action: "ec2:AuthorizeSecurityGroupIngress",
    resource: SG,
    resourceTags: OWN,
    discoveryOnly: true,
  },
];

export const DRIVER_AWS_CALLS: readonly AwsCall[] = [
  ...reads,
  ...nodeBased,
  ...serverless,
  ...shared,
  ...discovery,
  // /readyz with `ELASTICACHE_READINESS=credentials`: one read with the driver's own credentials.
  { deployment: "any", step: "readiness", action: "elasticache:DescribeCacheSubnetGroups", resource: "*" },
  {
    deployment: "any",
    step: "assume role",
    action: "sts:AssumeRole",
    resource: ASSUMABLE_ROLE,
    assumedRoleOnly: true,
  },
];

/** What the policy must refuse, with why. */
export interface DeniedCall extends AwsCall {
  readonly why: string;
}

const FOREIGN_RG = ec("replicationgroup", "orders-prod");
export const MUST_DENY: readonly DeniedCall[] = [
  {
    why: "modify a cache without the kit's tag",
    deployment: "node-based",
    step: "update",
    action: "elasticache:ModifyReplicationGroup",
    resource: FOREIGN_RG,
  },
  {
    why: "delete a cache without the kit's tag",
    deployment: "node-based",
    step: "delete",
    action: "elasticache:DeleteReplicationGroup",
    resource: FOREIGN_RG,
  },
  {
    why: "delete a serverless cache without the kit's tag",
    deployment: "serverless",
    step: "delete",
    action: "elasticache:DeleteServerlessCache",
    resource: ec("serverlesscache", "orders-prod"),
  },
  {
    why: "delete a cache another tool manages",
    deployment: "node-based",
    step: "delete",
    action: "elasticache:DeleteReplicationGroup",
    resource: FOREIGN_RG,
    resourceTags: { [MANAGED_BY_TAG.key]: "terraform" },
  },
  {
    why: "adopt another cache by tagging it",
    deployment: "node-based",
    step: "update",
    action: "elasticache:AddTagsToResource",
    resource: FOREIGN_RG,
    requestTags: OWN_REQUEST,
  },
  {
    why: "take the kit's tag off its own cache by rewriting it",
    deployment: "node-based",
    step: "update",
    action: "elasticache:AddTagsToResource",
    resource: RG,
    resourceTags: OWN,
    requestTags: { [MANAGED_BY_TAG.key]: "someone-else" },
  },
  {
    why: "remove the managed-by tag",
    deployment: "node-based",
    step: "update",
    action: "elasticache:RemoveTagsFromResource",
    resource: RG,
    resourceTags: OWN,
    context: { "aws:TagKeys": [MANAGED_BY_TAG.key] },
  },
  {
    why: "remove the managed-by tag among others",
    deployment: "node-based",
    step: "update",
    action: "elasticache:RemoveTagsFromResource",
    resource: RG,
    resourceTags: OWN,
    context: { "aws:TagKeys": ["team", MANAGED_BY_TAG.key] },
  },
  {
    why: "create an untagged cache",
    deployment: "node-based",
    step: "create",
    action: "elasticache:CreateReplicationGroup",
    resource: RG,
  },
  {
    why: "create an untagged serverless cache",
    deployment: "serverless",
    step: "create",
    action: "elasticache:CreateServerlessCache",
    resource: SC,
  },
  {
    why: "create a cache under a name not the kit's",
    deployment: "node-based",
    step: "create",
    action: "elasticache:CreateReplicationGroup",
    resource: FOREIGN_RG,
    requestTags: OWN_REQUEST,
  },
  {
    why: "create a user named like an administrator",
    deployment: "shared",
    step: "create",
    action: "elasticache:CreateUser",
    resource: ec("user", "admin"),
    requestTags: OWN_REQUEST,
  },
  {
    why: "delete a cache in another account",
    deployment: "node-based",
    step: "delete",
    action: "elasticache:DeleteReplicationGroup",
    resource: ec("replicationgroup", N.cache, OTHER_ACCOUNT),
    resourceTags: OWN,
  },
  {
    why: "join a user group not marked shareable",
    deployment: "shared",
    step: "shared user joins the group",
    action: "elasticache:ModifyUserGroup",
    resource: ec("usergroup", "payments-admins"),
  },
  {
    why: "add a foreign user to a shareable group",
    deployment: "shared",
    step: "shared user joins the group",
    action: "elasticache:ModifyUserGroup",
    resource: ec("user", "admin"),
  },
  {
    why: "delete a foreign user",
    deployment: "shared",
    step: "delete",
    action: "elasticache:DeleteUser",
    resource: ec("user", "admin"),
  },
  {
    why: "snapshot a cache without the kit's tag",
    deployment: "node-based",
    step: "snapshot on delete",
    action: "elasticache:CreateSnapshot",
    resource: FOREIGN_RG,
  },
  {
    why: "take a snapshot not named as a final one",
    deployment: "node-based",
    step: "snapshot on delete",
    action: "elasticache:CreateSnapshot",
    resource: ec("snapshot", "exported-copy"),
  },
  {
    why: "delete a snapshot",
    deployment: "node-based",
    step: "delete",
    action: "elasticache:DeleteSnapshot",
    resource: ec("snapshot", N.finalSnapshot),
  },
  {
    why: "create a VPC endpoint to another service",
    deployment: "serverless",
    step: "serverless VPC endpoint",
    action: "ec2:CreateVpcEndpoint",
    resource: ec2("vpc-endpoint", "vpce-0a1b2c3d4e5f60718"),
    context: { "ec2:VpceServiceName": `com.amazonaws.${REGION}.s3` },
  },
  {
    why: "tag an existing VPC endpoint",
    deployment: "serverless",
    step: "serverless VPC endpoint",
    action: "ec2:CreateTags",
    resource: ec2("vpc-endpoint", "vpce-0a1b2c3d4e5f60718"),
    requestTags: { AmazonElastiCacheManaged: "true" },
  },
  {
    why: "open a security group not the kit's",
    deployment: "any",
    step: "discovery",
    action: "ec2:AuthorizeSecurityGroupIngress",
    resource: ec2("security-group", "sg-0123456789abcdef0"),
  },
  {
    why: "tag an existing security group",
    deployment: "any",
    step: "discovery",
    action: "ec2:CreateTags",
    resource: SG,
    requestTags: OWN_REQUEST,
  },
  {
    why: "create an untagged security group",
    deployment: "any",
    step: "discovery",
    action: "ec2:CreateSecurityGroup",
    resource: SG,
  },
  {
    why: "assume a role not listed",
    deployment: "any",
    step: "assume role",
    action: "sts:AssumeRole",
    resource: `arn:aws:iam::${ACCOUNT}:role/Admin`,
  },
];
