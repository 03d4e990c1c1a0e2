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

const managedBy = (scope: "aws:RequestTag" | "aws:ResourceTag") => ({
  StringEquals: { [`${scope}/${MANAGED_BY_TAG.key}`]: MANAGED_BY_TAG.value },
});

/**
 * The least-privilege IAM policy of the driver's role: reads everywhere (AWS offers no scoping),
 * creates only with the driver's tag in the request, changes and deletes only what carries it.
 */
export function elasticacheIamPolicy(options: IamPolicyOptions = {}): IamPolicyDocument {
  const a = ELASTICACHE_IAM_ACTIONS;
  const statements: PolicyStatement[] = [
    { Sid: "ReadCaches", Effect: "Allow", Action: [...a.read], Resource: "*" },
    {
      Sid: "CreateTaggedCaches",
      Effect: "Allow",
      Action: [...a.create],
      Resource: "*",
      Condition: managedBy("aws:RequestTag"),
    },
    // Creating a cache also touches what it uses (subnet group, security groups, snapshots) which
    // carry no request tags; ElastiCache authorises those with the same action on their own ARNs.
    {
      Sid: "UseCacheNetwork",
      Effect: "Allow",
      Action: ["elasticache:CreateReplicationGroup", "elasticache:CreateServerlessCache"],
      Resource: [
        "arn:aws:elasticache:*:*:subnetgroup:*",
        "arn:aws:elasticache:*:*:securitygroup:*",
        "arn:aws:elasticache:*:*:parametergroup:*",
        "arn:aws:elasticache:*:*:usergroup:*",
        "arn:aws:elasticache:*:*:snapshot:*",
      ],
    },
    {
      Sid: "ManageOwnCaches",
      Effect: "Allow",
      Action: [...a.manage],
      Resource: "*",
      Condition: managedBy("aws:ResourceTag"),
    },
    {
      Sid: "FinalSnapshots",
      Effect: "Allow",
      Action: [...a.finalSnapshot],
      Resource: ["arn:aws:elasticache:*:*:snapshot:*", "arn:aws:elasticache:*:*:serverlesscachesnapshot:*"],
    },
    {
      Sid: "JoinShareableUserGroups",
      Effect: "Allow",
      Action: [...a.shared],
      Resource: "arn:aws:elasticache:*:*:usergroup:*",
      Condition: { StringEquals: { [`aws:ResourceTag/${SHAREABLE_TAG.key}`]: SHAREABLE_TAG.value } },
    },
    {
      Sid: "CreateElastiCacheServiceLinkedRole",
      Effect: "Allow",
      Action: [...a.serviceLinkedRole],
      Resource: "arn:aws:iam::*:role/aws-service-role/elasticache.amazonaws.com/*",
      Condition: { StringLike: { "iam:AWSServiceName": "elasticache.amazonaws.com" } },
    },
  ];
  if (options.discovery ?? true) {
    statements.push({
      Sid: "DiscoverCacheNetwork",
      Effect: "Allow",
      Action: [...a.discovery],
      Resource: "*",
    });
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
