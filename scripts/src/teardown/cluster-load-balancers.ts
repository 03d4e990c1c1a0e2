import {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeTagsCommand,
  paginateDescribeLoadBalancers,
  paginateDescribeTargetGroups,
  type ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";

/** DescribeTags takes at most 20 ARNs per call (Elastic Load Balancing API reference, DescribeTags). */
const TAGS_PER_CALL = 20;

/**
 * The tags Kubernetes' AWS cloud provider puts on the load balancer and target groups it creates
 * for a Service of type LoadBalancer: `kubernetes.io/cluster/<cluster>` and
 * `kubernetes.io/service-name` = `<namespace>/<service>`. Both must match before anything goes.
 */
export interface ServiceOwner {
  readonly clusterName: string;
  /** `<namespace>/<service>`. */
  readonly serviceName: string;
}

export const SERVICE_NAME_TAG = "kubernetes.io/service-name";

async function taggedFor(
  elbv2: ElasticLoadBalancingV2Client,
  arns: readonly string[],
  owner: ServiceOwner,
): Promise<string[]> {
  const clusterKey = `kubernetes.io/cluster/${owner.clusterName}`;
  const found: string[] = [];
  for (let start = 0; start < arns.length; start += TAGS_PER_CALL) {
    const answer = await elbv2.send(
      new DescribeTagsCommand({ ResourceArns: arns.slice(start, start + TAGS_PER_CALL) }),
    );
    for (const description of answer.TagDescriptions ?? []) {
      const tags = description.Tags ?? [];
      const mine =
        tags.some((tag) => tag.Key === clusterKey) &&
        tags.some((tag) => tag.Key === SERVICE_NAME_TAG && tag.Value === owner.serviceName);
      if (description.ResourceArn && mine) {
        found.push(description.ResourceArn);
      }
    }
  }
  return found;
}

/**
 * Deletes the load balancer and target groups Kubernetes made for one Service, for when the
 * cluster cannot be asked to (the Service dropped from the state): left behind, a load
 * balancer keeps its network interfaces in the VPC's subnets, and the VPC cannot be deleted.
 * Resolves with the ARNs deleted.
 */
export async function deleteServiceLoadBalancers(
  elbv2: ElasticLoadBalancingV2Client,
  owner: ServiceOwner,
): Promise<string[]> {
  const balancers: string[] = [];
  for await (const page of paginateDescribeLoadBalancers({ client: elbv2 }, {})) {
    for (const balancer of page.LoadBalancers ?? []) {
      if (balancer.LoadBalancerArn) balancers.push(balancer.LoadBalancerArn);
    }
  }
  const deleted: string[] = [];
  for (const arn of await taggedFor(elbv2, balancers, owner)) {
    await elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
    deleted.push(arn);
  }
  // Target groups can go once no listener of a load balancer forwards to them.
  const groups: string[] = [];
  for await (const page of paginateDescribeTargetGroups({ client: elbv2 }, {})) {
    for (const group of page.TargetGroups ?? []) if (group.TargetGroupArn) groups.push(group.TargetGroupArn);
  }
  for (const arn of await taggedFor(elbv2, groups, owner)) {
    await elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }));
    deleted.push(arn);
  }
  return deleted;
}
