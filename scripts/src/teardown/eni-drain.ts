import { setTimeout as sleep } from "node:timers/promises";
import {
  paginateDescribeNetworkInterfaces,
  type EC2Client,
  type NetworkInterface,
} from "@aws-sdk/client-ec2";
import { formatDuration } from "../cli/duration.js";
import { UserError } from "../cli/user-error.js";
import type { StatusFn } from "../progress/progress.js";

export interface CacheNetworkIds {
  /** The security group caches use: anything attached to it keeps it from being deleted. */
  readonly securityGroupId: string | undefined;
  /** The VPC: ElastiCache's own interfaces in it keep its subnets from being deleted. */
  readonly vpcId: string | undefined;
}

export interface EniDrainOptions {
  readonly status: StatusFn;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The network interfaces that block the cache network's teardown: those in the cache security
 * group, and those ElastiCache created in the VPC (their description starts with "ElastiCache").
 */
export async function cacheNetworkInterfaces(
  ec2: EC2Client,
  ids: CacheNetworkIds,
): Promise<NetworkInterface[]> {
  const queries = [
    ...(ids.securityGroupId ? [[{ Name: "group-id", Values: [ids.securityGroupId] }]] : []),
    ...(ids.vpcId
      ? [
          [
            { Name: "vpc-id", Values: [ids.vpcId] },
            { Name: "description", Values: ["ElastiCache*"] },
          ],
        ]
      : []),
  ];
  const found = new Map<string, NetworkInterface>();
  for (const Filters of queries) {
    for await (const page of paginateDescribeNetworkInterfaces({ client: ec2 }, { Filters })) {
      for (const eni of page.NetworkInterfaces ?? []) found.set(eni.NetworkInterfaceId ?? "", eni);
    }
  }
  return [...found.values()];
}

export function describeInterface(eni: NetworkInterface): string {
  const what = eni.Description ? `, ${eni.Description}` : eni.RequesterId ? `, by ${eni.RequesterId}` : "";
  return `${eni.NetworkInterfaceId ?? "?"} (${eni.Status ?? "unknown"}${what})`;
}

/**
 * Waits, bounded, until ElastiCache has released the cache network's interfaces (it may take up to
 * an hour after a cache is deleted). Throws a `UserError` listing those left when time runs out.
 */
export async function waitForEniDrain(
  ec2: EC2Client,
  ids: CacheNetworkIds,
  options: EniDrainOptions,
): Promise<void> {
  const started = performance.now();
  for (;;) {
    const left = await cacheNetworkInterfaces(ec2, ids);
    if (left.length === 0) return;
    const listed = left.slice(0, 4).map(describeInterface).join(", ");
    options.status(
      `${left.length} network interface${left.length === 1 ? "" : "s"} still there: ${listed}${left.length > 4 ? ", ..." : ""}`,
    );
    if (performance.now() - started >= options.timeoutMs) {
      throw new UserError(
        "ElastiCache network interfaces",
        `${left.length} still there after ${formatDuration(options.timeoutMs)}: ${left.map((eni) => eni.NetworkInterfaceId).join(", ")}; the stack was not destroyed`,
        "ElastiCache releases them up to an hour after a cache is deleted: run `npm run down` again later (or raise --eni-timeout)",
      );
    }
    await sleep(options.intervalMs, undefined, options.signal ? { signal: options.signal } : {});
  }
}
