import { ELASTICACHE_ID_RULES } from "../backend-id.js";

/** The tag every AWS resource the driver creates carries; IAM conditions key on it. */
export const MANAGED_BY_TAG = { key: "managed-by", value: "elasticache-driver-kit" } as const;

/** Tag an existing cache's user group must carry before `shared` deployments may add users to it. */
export const SHAREABLE_TAG = { key: "elasticache-driver-kit:shareable", value: "true" } as const;

/**
 * Every AWS action the elasticache provisioner calls, by purpose. `docs/elasticache-iam.md` lists
 * the same (a test keeps them in step) and the infra program grants exactly these.
 */
export const ELASTICACHE_IAM_ACTIONS = {
  /** Read-only calls; ElastiCache's Describe and List actions allow no resource-level scoping. */
  read: [
    "elasticache:DescribeReplicationGroups",
    "elasticache:DescribeServerlessCaches",
    "elasticache:DescribeUsers",
    "elasticache:DescribeUserGroups",
    "elasticache:DescribeCacheSubnetGroups",
    "elasticache:DescribeCacheParameterGroups",
    "elasticache:DescribeCacheEngineVersions",
    "elasticache:DescribeCacheClusters",
    "elasticache:DescribeEvents",
    "elasticache:ListTagsForResource",
  ],
  /** Creating resources, allowed only when the request tags them as the driver's. */
  create: [
    "elasticache:CreateReplicationGroup",
    "elasticache:CreateServerlessCache",
    "elasticache:CreateUser",
    "elasticache:CreateUserGroup",
    "elasticache:CreateCacheParameterGroup",
    "elasticache:AddTagsToResource",
  ],
  /** Changing and deleting resources, allowed only on resources tagged as the driver's. */
  manage: [
    "elasticache:ModifyReplicationGroup",
    "elasticache:IncreaseReplicaCount",
    "elasticache:DecreaseReplicaCount",
    "elasticache:DeleteReplicationGroup",
    "elasticache:ModifyServerlessCache",
    "elasticache:DeleteServerlessCache",
    "elasticache:ModifyUser",
    "elasticache:DeleteUser",
    "elasticache:DeleteUserGroup",
    "elasticache:ModifyCacheParameterGroup",
    "elasticache:DeleteCacheParameterGroup",
    "elasticache:AddTagsToResource",
    "elasticache:RemoveTagsFromResource",
  ],
  /**
   * `deletion_policy: "snapshot"`: the final snapshot DeleteReplicationGroup / DeleteServerlessCache
   * take is authorised as a snapshot creation.
   */
  finalSnapshot: ["elasticache:CreateSnapshot", "elasticache:CreateServerlessCacheSnapshot"],
  /** `shared` deployments: adding the driver's users to another cache's user group. */
  shared: ["elasticache:ModifyUserGroup"],
  /**
   * Serverless caches: ElastiCache creates the cache's VPC endpoint in the caller's name, so the
   * caller needs what AWS's AmazonElastiCacheFullAccess (v3, "CreateVPCEndpoints",
   * "TagVPCEndpointsOnCreation") grants for it.
   */
  serverlessEndpoint: ["ec2:CreateVpcEndpoint", "ec2:CreateTags"],
  /** `ELASTICACHE_EKS_CLUSTER`: finding the cluster's network and creating the cache network once. */
  discovery: [
    "eks:DescribeCluster",
    "ec2:DescribeSubnets",
    "ec2:DescribeSecurityGroups",
    "elasticache:CreateCacheSubnetGroup",
    "ec2:CreateSecurityGroup",
    "ec2:AuthorizeSecurityGroupIngress",
    "ec2:CreateTags",
  ],
  /** `driver.secrets.account.role_arn`: assuming the Resource Account's role. */
  assumeRole: ["sts:AssumeRole"],
  /** The first ElastiCache resource of an account creates ElastiCache's service-linked role. */
  serviceLinkedRole: ["iam:CreateServiceLinkedRole"],
} as const;

export interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface IamPolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

export interface IamPolicyOptions {
  /** Grant what `ELASTICACHE_EKS_CLUSTER` discovery needs. Default true. */
  discovery?: boolean;
  /** Roles the driver may assume for `role_arn` accounts; none: no sts:AssumeRole. */
  assumableRoleArns?: readonly string[];
}

/** Every name the driver gives an ElastiCache object starts with this (see names.ts). */
export const DRIVER_NAME_PREFIX = `${ELASTICACHE_ID_RULES.prefix}-`;

/** Discovery's cache subnet group and security group are named `ekit-<cluster>` (network-discovery.ts). */
export const DISCOVERED_NETWORK_PREFIX = "ekit-";

const managedBy = (scope: "aws:RequestTag" | "aws:ResourceTag") => ({
  StringEquals: { [`${scope}/${MANAGED_BY_TAG.key}`]: MANAGED_BY_TAG.value },
});

/**
 * The least-privilege IAM policy of the driver's role: reads everywhere (AWS offers no scoping);
 * creates only objects named like the driver's (`hk-…`) with the driver's tag in the request;
 * changes and deletes only what carries that tag; never removes or rewrites the tag itself.
 *
 * ElastiCache authorises one call once per object it touches (the Service Authorization
 * Reference's resource types per action): a creation also against the user group, subnet group or
 * users it uses, a deletion with a final snapshot also against the new snapshot, a change of a user
 * group also against each user added. Each of those objects has its own statement here.
 */
export function elasticacheIamPolicy(options: IamPolicyOptions = {}): IamPolicyDocument {
  const a = ELASTICACHE_IAM_ACTIONS;
  const cache = (type: string, name = "*") => `arn:aws:elasticache:*:*:${type}:${name}`;
  const ec2 = (type: string) => `arn:aws:ec2:*:*:${type}/*`;
  const own = `${DRIVER_NAME_PREFIX}*`;
  const finalSnapshot = `${DRIVER_NAME_PREFIX}*-final-*`;
  const statements: PolicyStatement[] = [
    { Sid: "ReadCaches", Effect: "Allow", Action: [...a.read], Resource: "*" },
    {
      // AddTagsToResource is what tags on a creation are authorised as. Limited to the driver's
      // names, so the tag cannot be put on (and the object then deleted) any other cache.
      Sid: "CreateTaggedCaches",
      Effect: "Allow",
      Action: [...a.create],
      Resource: [
        cache("replicationgroup", own),
        cache("serverlesscache", own),
        cache("user", own),
        cache("usergroup", own),
        cache("parametergroup", own),
      ],
      Condition: managedBy("aws:RequestTag"),
    },
    // Creating a cache also touches what it uses (subnet group, security groups, parameter group,
    // user group, snapshots); those carry no request tags and are authorised with the same action.
    {
      Sid: "UseCacheNetwork",
      Effect: "Allow",
      Action: ["elasticache:CreateReplicationGroup", "elasticache:CreateServerlessCache"],
      Resource: [
        // The replication group's nodes: `<group>-001`, ...
        cache("cluster", own),
        cache("subnetgroup"),
        cache("securitygroup"),
        cache("parametergroup"),
        cache("usergroup"),
        cache("snapshot"),
        cache("serverlesscachesnapshot"),
      ],
    },
    {
      // An update moves a replication group to its own parameter group or back to the engine's default.
      Sid: "SwitchParameterGroups",
      Effect: "Allow",
      Action: ["elasticache:ModifyReplicationGroup"],
      Resource: cache("parametergroup"),
    },
    {
      // A user group is created with its users in it: each user is authorised on its own.
      Sid: "GroupOwnUsers",
      Effect: "Allow",
      Action: ["elasticache:CreateUserGroup"],
      Resource: cache("user", own),
      Condition: managedBy("aws:ResourceTag"),
    },
    {
      Sid: "ManageOwnCaches",
      Effect: "Allow",
      Action: a.manage.filter(
        (action) => !action.endsWith("TagsToResource") && !action.endsWith("TagsFromResource"),
      ),
      Resource: "*",
      Condition: managedBy("aws:ResourceTag"),
    },
    {
      // Tags of the driver's objects may change, but never the managed-by tag's value.
      Sid: "RetagOwnCaches",
      Effect: "Allow",
      Action: ["elasticache:AddTagsToResource"],
      Resource: "*",
      Condition: {
        ...managedBy("aws:ResourceTag"),
        StringEqualsIfExists: { [`aws:RequestTag/${MANAGED_BY_TAG.key}`]: MANAGED_BY_TAG.value },
      },
    },
    {
      Sid: "UntagOwnCaches",
      Effect: "Allow",
      Action: ["elasticache:RemoveTagsFromResource"],
      Resource: "*",
      Condition: {
        ...managedBy("aws:ResourceTag"),
        "ForAllValues:StringNotEquals": { "aws:TagKeys": [MANAGED_BY_TAG.key] },
      },
    },
    {
      // A deletion's final snapshot is a new, untagged object: authorised by its name (the
      // driver's `<cache>-final-<minute>`), its source by the source's tag.
      Sid: "FinalSnapshots",
      Effect: "Allow",
      Action: [...a.finalSnapshot, "elasticache:DeleteReplicationGroup", "elasticache:DeleteServerlessCache"],
      Resource: [cache("snapshot", finalSnapshot), cache("serverlesscachesnapshot", finalSnapshot)],
    },
    {
      Sid: "SnapshotOwnCaches",
      Effect: "Allow",
      Action: [...a.finalSnapshot],
      Resource: [cache("replicationgroup"), cache("serverlesscache")],
      Condition: managedBy("aws:ResourceTag"),
    },
    {
      Sid: "JoinShareableUserGroups",
      Effect: "Allow",
      Action: [...a.shared],
      Resource: cache("usergroup"),
      Condition: { StringEquals: { [`aws:ResourceTag/${SHAREABLE_TAG.key}`]: SHAREABLE_TAG.value } },
    },
    {
      // ModifyUserGroup is authorised on every user it adds too: only the driver's own.
      Sid: "AddOwnUsersToGroups",
      Effect: "Allow",
      Action: [...a.shared],
      Resource: cache("user", own),
      Condition: managedBy("aws:ResourceTag"),
    },
    {
      Sid: "CreateServerlessEndpoints",
      Effect: "Allow",
      Action: ["ec2:CreateVpcEndpoint"],
      Resource: ec2("vpc-endpoint"),
      Condition: { StringLike: { "ec2:VpceServiceName": "com.amazonaws.elasticache.serverless.*" } },
    },
    {
      Sid: "PlaceServerlessEndpoints",
      Effect: "Allow",
      Action: ["ec2:CreateVpcEndpoint"],
      Resource: [ec2("vpc"), ec2("subnet"), ec2("security-group")],
    },
    {
      Sid: "TagServerlessEndpointsOnCreation",
      Effect: "Allow",
      Action: ["ec2:CreateTags"],
      Resource: ec2("vpc-endpoint"),
      Condition: {
        StringEquals: {
          "ec2:CreateAction": "CreateVpcEndpoint",
          "aws:RequestTag/AmazonElastiCacheManaged": "true",
        },
      },
    },
    {
      Sid: "CreateElastiCacheServiceLinkedRole",
      Effect: "Allow",
      Action: [...a.serviceLinkedRole],
      Resource: `arn:aws:iam::*:role/aws-service-role/elasticache.amazonaws.com/*`,
      Condition: { StringLike: { "iam:AWSServiceName": "elasticache.amazonaws.com" } },
    },
  ];
  if (options.discovery ?? true) {
    statements.push(
      {
        Sid: "DiscoverCacheNetwork",
        Effect: "Allow",
        Action: ["eks:DescribeCluster", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
        Resource: "*",
      },
      {
        Sid: "CreateDiscoveredSubnetGroup",
        Effect: "Allow",
        Action: ["elasticache:CreateCacheSubnetGroup", "elasticache:AddTagsToResource"],
        Resource: cache("subnetgroup", `${DISCOVERED_NETWORK_PREFIX}*`),
        Condition: managedBy("aws:RequestTag"),
      },
      {
        Sid: "CreateTaggedSecurityGroup",
        Effect: "Allow",
        Action: ["ec2:CreateSecurityGroup"],
        Resource: ec2("security-group"),
        Condition: managedBy("aws:RequestTag"),
      },
      {
        Sid: "CreateSecurityGroupInVpc",
        Effect: "Allow",
        Action: ["ec2:CreateSecurityGroup"],
        Resource: ec2("vpc"),
      },
      {
        Sid: "TagSecurityGroupOnCreation",
        Effect: "Allow",
        Action: ["ec2:CreateTags"],
        Resource: ec2("security-group"),
        Condition: { StringEquals: { "ec2:CreateAction": "CreateSecurityGroup" } },
      },
      {
        Sid: "OpenOwnSecurityGroup",
        Effect: "Allow",
        Action: ["ec2:AuthorizeSecurityGroupIngress"],
        Resource: ec2("security-group"),
        Condition: managedBy("aws:ResourceTag"),
      },
    );
  }
  if (options.assumableRoleArns && options.assumableRoleArns.length > 0) {
    statements.push({
      Sid: "AssumeResourceAccountRoles",
      Effect: "Allow",
      Action: [...a.assumeRole],
      Resource: [...options.assumableRoleArns],
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}
