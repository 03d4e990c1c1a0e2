import { MANAGED_BY_TAG } from "@elasticache-driver-kit/driver";

/**
 * Every authorisation AWS performs for the AWS API calls of `down` and the janitor (the stack's own
 * destroy aside), as AWS forms it: action, the object's ARN, its tags, the request's tags. The
 * simulation test fails when the teardown sends an SDK command with no row here.
 */
export interface TeardownCall {
  readonly step: "listing" | "deleting" | "final snapshot" | "network";
  readonly action: string;
  readonly resource: string;
  readonly resourceTags?: Readonly<Record<string, string>>;
  readonly why?: string;
}

export const ACCOUNT = "111122223333";
const ec = (type: string, name: string) => `arn:aws:elasticache:us-east-1:${ACCOUNT}:${type}:${name}`;
const OWN = { [MANAGED_BY_TAG.key]: MANAGED_BY_TAG.value };
const CACHE = "hk-devmyappredis-mpbmy53tgratxstn";
const FINAL = `${CACHE}-final-202612072306`;
const SG = `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0fedcba987654321f`;

const ELB = `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}`;
const DRIVER_SERVICE_TAGS = {
  "kubernetes.io/cluster/elasticache-driver-kit-dev": "owned",
  "kubernetes.io/service-name": "elasticache-driver/elasticache-driver",
};

export const TEARDOWN_CALLS: readonly TeardownCall[] = [
  ...[
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeTargetGroups",
    "elasticloadbalancing:DescribeTags",
  ].map((action): TeardownCall => ({ step: "network", action, resource: "*" })),
  {
    step: "network",
    action: "elasticloadbalancing:DeleteLoadBalancer",
    resource: `${ELB}:loadbalancer/net/a0123456789abcdef/0123456789abcdef`,
    resourceTags: DRIVER_SERVICE_TAGS,
  },
  {
    step: "network",
    action: "elasticloadbalancing:DeleteTargetGroup",
    resource: `${ELB}:targetgroup/k8s-elastica-elastica-0123456789/0123456789abcdef`,
    resourceTags: DRIVER_SERVICE_TAGS,
  },
  ...[
    "elasticache:DescribeReplicationGroups",
    "elasticache:DescribeCacheClusters",
    "elasticache:DescribeServerlessCaches",
    "elasticache:DescribeUserGroups",
    "elasticache:DescribeUsers",
    "elasticache:DescribeCacheParameterGroups",
    "elasticache:DescribeCacheSubnetGroups",
    "elasticache:DescribeSnapshots",
    "elasticache:DescribeServerlessCacheSnapshots",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeNetworkInterfaces",
  ].map((action): TeardownCall => ({ step: "listing", action, resource: "*" })),
  {
    step: "listing",
    action: "elasticache:ListTagsForResource",
    resource: ec("replicationgroup", CACHE),
    resourceTags: OWN,
  },
  {
    step: "listing",
    action: "elasticache:ListTagsForResource",
    resource: ec("replicationgroup", "orders-prod"),
  },
  {
    step: "deleting",
    action: "elasticache:DeleteReplicationGroup",
    resource: ec("replicationgroup", CACHE),
    resourceTags: OWN,
  },
  {
    step: "deleting",
    action: "elasticache:DeleteServerlessCache",
    resource: ec("serverlesscache", CACHE),
    resourceTags: OWN,
  },
  {
    step: "deleting",
    action: "elasticache:DeleteUserGroup",
    resource: ec("usergroup", "hk-devmyappredis-sv2lu5lvhdsoh4ol"),
    resourceTags: OWN,
  },
  {
    step: "deleting",
    action: "elasticache:DeleteUser",
    resource: ec("user", "hk-devmyappredis-4drgxgd2xy4oafa6"),
    resourceTags: OWN,
  },
  {
    step: "deleting",
    action: "elasticache:DeleteCacheParameterGroup",
    resource: ec("parametergroup", "hk-devmyappredis-bs5dpnzvq25g6ut5"),
    resourceTags: OWN,
  },
  {
    step: "network",
    action: "elasticache:DeleteCacheSubnetGroup",
    resource: ec("subnetgroup", "ekit-dev"),
    resourceTags: OWN,
  },
  { step: "network", action: "ec2:DeleteSecurityGroup", resource: SG, resourceTags: OWN },
  // The janitor's deletions leave a final snapshot: a new object, and its tagged source.
  { step: "final snapshot", action: "elasticache:DeleteReplicationGroup", resource: ec("snapshot", FINAL) },
  { step: "final snapshot", action: "elasticache:CreateSnapshot", resource: ec("snapshot", FINAL) },
  {
    step: "final snapshot",
    action: "elasticache:CreateSnapshot",
    resource: ec("replicationgroup", CACHE),
    resourceTags: OWN,
  },
  {
    step: "final snapshot",
    action: "elasticache:DeleteServerlessCache",
    resource: ec("serverlesscachesnapshot", FINAL),
  },
  {
    step: "final snapshot",
    action: "elasticache:CreateServerlessCacheSnapshot",
    resource: ec("serverlesscachesnapshot", FINAL),
  },
  {
    step: "final snapshot",
    action: "elasticache:CreateServerlessCacheSnapshot",
    resource: ec("serverlesscache", CACHE),
    resourceTags: OWN,
  },
  // down removes the stack's final snapshots unless --keep-snapshots.
  { step: "final snapshot", action: "elasticache:DeleteSnapshot", resource: ec("snapshot", FINAL) },
  {
    step: "final snapshot",
    action: "elasticache:DeleteServerlessCacheSnapshot",
    resource: ec("serverlesscachesnapshot", FINAL),
  },
];

export const TEARDOWN_MUST_DENY: readonly TeardownCall[] = [
  {
    why: "delete another Service's load balancer",
    step: "network",
    action: "elasticloadbalancing:DeleteLoadBalancer",
    resource: `arn:aws:elasticloadbalancing:us-east-1:${ACCOUNT}:loadbalancer/net/ingress/0123456789abcdef`,
    resourceTags: { "kubernetes.io/service-name": "ingress/nginx" },
  },
  {
    why: "delete a cache without the kit's tag",
    step: "deleting",
    action: "elasticache:DeleteReplicationGroup",
    resource: ec("replicationgroup", "orders-prod"),
  },
  {
    why: "delete another tool's serverless cache",
    step: "deleting",
    action: "elasticache:DeleteServerlessCache",
    resource: ec("serverlesscache", "orders-prod"),
    resourceTags: { [MANAGED_BY_TAG.key]: "terraform" },
  },
  {
    why: "delete a user without the kit's tag",
    step: "deleting",
    action: "elasticache:DeleteUser",
    resource: ec("user", "admin"),
  },
  {
    why: "delete a snapshot the driver did not take",
    step: "final snapshot",
    action: "elasticache:DeleteSnapshot",
    resource: ec("snapshot", "nightly-backup"),
  },
  {
    why: "snapshot a cache without the kit's tag",
    step: "final snapshot",
    action: "elasticache:CreateSnapshot",
    resource: ec("replicationgroup", "orders-prod"),
  },
  {
    why: "delete a security group without the kit's tag",
    step: "network",
    action: "ec2:DeleteSecurityGroup",
    resource: `arn:aws:ec2:us-east-1:${ACCOUNT}:security-group/sg-0123456789abcdef0`,
  },
  {
    why: "change a cache",
    step: "deleting",
    action: "elasticache:ModifyReplicationGroup",
    resource: ec("replicationgroup", CACHE),
    resourceTags: OWN,
  },
];
