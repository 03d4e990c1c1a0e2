import { DRIVER_NAME_PREFIX, MANAGED_BY_TAG, type IamPolicyDocument } from "@elasticache-driver-kit/driver";

/** The driver's Kubernetes Service (infra/src/manifests/driver-manifests.ts DRIVER_NAME). */
const DRIVER_SERVICE = "elasticache-driver";
const cache = (type: string, name = "*") => `arn:aws:elasticache:*:*:${type}:${name}`;
const ownTag = { StringEquals: { [`aws:ResourceTag/${MANAGED_BY_TAG.key}`]: MANAGED_BY_TAG.value } };
/** The driver's (and the janitor's) final snapshots: `<cache>-final-<UTC minute>`. */
const FINAL_SNAPSHOT = `${DRIVER_NAME_PREFIX}*-final-*`;

/**
 * What `down`'s and the janitor's AWS API part needs beyond reads (the stack's own destroy needs the
 * rights that created it): deletes only of what carries the driver's tag, the final snapshots they
 * take and remove only under the driver's snapshot names, and security groups only with the tag.
 * docs/cloud-bootstrap-aws.md prints it; scripts/test/teardown-iam-simulation.test.ts evaluates
 * every call of the teardown against it.
 */
export function teardownIamPolicy(): IamPolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "ListWhatTheDriverMade",
        Effect: "Allow",
        Action: [
          "elasticache:DescribeReplicationGroups",
          "elasticache:DescribeCacheClusters",
          "elasticache:DescribeServerlessCaches",
          "elasticache:DescribeUserGroups",
          "elasticache:DescribeUsers",
          "elasticache:DescribeCacheParameterGroups",
          "elasticache:DescribeCacheSubnetGroups",
          "elasticache:DescribeSnapshots",
          "elasticache:DescribeServerlessCacheSnapshots",
          "elasticache:ListTagsForResource",
          "ec2:DescribeSecurityGroups",
          "ec2:DescribeNetworkInterfaces",
        ],
        Resource: "*",
      },
      {
        Sid: "DeleteWhatTheDriverMade",
        Effect: "Allow",
        Action: [
          "elasticache:DeleteReplicationGroup",
          "elasticache:DeleteServerlessCache",
          "elasticache:DeleteUserGroup",
          "elasticache:DeleteUser",
          "elasticache:DeleteCacheParameterGroup",
          "elasticache:DeleteCacheSubnetGroup",
        ],
        Resource: "*",
        Condition: ownTag,
      },
      {
        Sid: "FinalSnapshotOnDelete",
        Effect: "Allow",
        Action: [
          "elasticache:DeleteReplicationGroup",
          "elasticache:DeleteServerlessCache",
          "elasticache:CreateSnapshot",
          "elasticache:CreateServerlessCacheSnapshot",
        ],
        Resource: [cache("snapshot", FINAL_SNAPSHOT), cache("serverlesscachesnapshot", FINAL_SNAPSHOT)],
      },
      {
        Sid: "SnapshotTheDriversCaches",
        Effect: "Allow",
        Action: ["elasticache:CreateSnapshot", "elasticache:CreateServerlessCacheSnapshot"],
        Resource: [cache("replicationgroup"), cache("serverlesscache")],
        Condition: ownTag,
      },
      {
        Sid: "DeleteFinalSnapshots",
        Effect: "Allow",
        Action: ["elasticache:DeleteSnapshot", "elasticache:DeleteServerlessCacheSnapshot"],
        Resource: [cache("snapshot", FINAL_SNAPSHOT), cache("serverlesscachesnapshot", FINAL_SNAPSHOT)],
      },
      {
        // When the cluster cannot delete the driver's Service (down drops it from the state), the
        // load balancer Kubernetes made for it: tagged with the Service's name by Kubernetes.
        Sid: "FindServiceLoadBalancers",
        Effect: "Allow",
        Action: [
          "elasticloadbalancing:DescribeLoadBalancers",
          "elasticloadbalancing:DescribeTargetGroups",
          "elasticloadbalancing:DescribeTags",
        ],
        Resource: "*",
      },
      {
        Sid: "DeleteTheDriversLoadBalancer",
        Effect: "Allow",
        Action: ["elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:DeleteTargetGroup"],
        Resource: [
          "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*",
          "arn:aws:elasticloadbalancing:*:*:targetgroup/*",
        ],
        Condition: { StringLike: { "aws:ResourceTag/kubernetes.io/service-name": `*/${DRIVER_SERVICE}` } },
      },
      {
        Sid: "DeleteTheDriversSecurityGroups",
        Effect: "Allow",
        Action: ["ec2:DeleteSecurityGroup"],
        Resource: "arn:aws:ec2:*:*:security-group/*",
        Condition: ownTag,
      },
    ],
  };
}
