import { mkdtemp, rm, access } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { DescribeNetworkInterfacesCommand, EC2Client } from "@aws-sdk/client-ec2";
import {
  DeleteReplicationGroupCommand,
  DeleteUserGroupCommand,
  ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import {
  DeleteLoadBalancerCommand,
  DeleteTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  ElasticLoadBalancingV2Client,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import { mockClient } from "aws-sdk-client-mock";
import "aws-sdk-client-mock-vitest/extend";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UpStateFile } from "../cloud/up-state.js";
import { UserError } from "../cli/user-error.js";
import { startFakeDriver } from "../../test/support/fake-driver.js";
import { FakeCluster } from "../../test/support/fake-cloud-deps.js";
import { KIT_TAG, mockAccount, type FakeAccount } from "../../test/support/fake-elasticache.js";
import { FAKE_DRIVER_TOKEN, FakeStackRunner } from "../../test/support/fake-stack-runner.js";
import type { LoopbackServer } from "../../test/support/loopback-server.js";
import { down, type DownSettings } from "./down.js";

const G1 = "a".repeat(40);
const STACK_NETWORK = {
  subnetGroup: "elasticache-driver-kit-test-cache",
  securityGroupIds: ["sg-0123456789abcdef0"],
};
const SETTINGS: DownSettings = {
  stack: "test",
  namespace: "kit",
  dryRun: false,
  cacheTimeoutMs: 5_000,
  eniTimeoutMs: 5_000,
  intervalMs: 5,
};

function account(): FakeAccount {
  const created = new Date("2026-11-30T10:00:00Z");
  return {
    caches: [
      {
        kind: "replication-group",
        id: "rg-kit",
        createdAt: created,
        tags: [KIT_TAG, { Key: "elasticache-driver-kit:guresid", Value: G1 }],
        ...STACK_NETWORK,
      },
      // A cache whose resource the driver no longer knows (say, deleted in Humanitec mid-create).
      {
        kind: "replication-group",
        id: "rg-left",
        createdAt: created,
        tags: [KIT_TAG],
        userGroupIds: ["ug-left"],
        ...STACK_NETWORK,
      },
      // Another stack's cache, and one that is not the kit's: neither is touched.
      {
        kind: "replication-group",
        id: "rg-elsewhere",
        createdAt: created,
        tags: [KIT_TAG],
        subnetGroup: "other-cache",
      },
      { kind: "replication-group", id: "rg-foreign", createdAt: created, tags: [], ...STACK_NETWORK },
    ],
    userGroups: [{ id: "ug-left", tags: [KIT_TAG], userIds: ["default", "user-left"] }],
    users: [{ id: "user-left", tags: [KIT_TAG], userGroupIds: ["ug-left"] }],
    subnetGroups: [],
    securityGroups: [],
    eniLooks: 2,
  };
}

let repoRoot: string;
let driver: LoopbackServer | undefined;
beforeEach(async () => {
  repoRoot = await mkdtemp(path.join(tmpdir(), "kit-down-test-"));
});
afterEach(async () => {
  await driver?.close();
  driver = undefined;
  await rm(repoRoot, { recursive: true, force: true });
});

async function world(fake: FakeAccount, log: string[], options: { clusterDown?: boolean } = {}) {
  const mocks = mockAccount(fake, log);
  driver = await startFakeDriver({
    token: FAKE_DRIVER_TOKEN,
    onRequest: (method, guresid) => {
      log.push(`driver ${method} ${guresid}`);
      // What the deployed driver does on DELETE: the cache with that GUResID goes.
      const tagged = fake.caches.find((c) => c.tags.some((t) => t.Value === guresid));
      if (method === "DELETE" && tagged) fake.caches = fake.caches.filter((c) => c !== tagged);
    },
  });
  const runner = new FakeStackRunner({ log });
  runner.seed({
    "aws:region": { value: "us-east-1" },
    "elasticache-driver-kit:imageTag": { value: "git-1" },
  });
  const cluster = new FakeCluster({ "elasticache-driver": driver.url });
  const deps = {
    runner,
    clients: {
      elasticache: new ElastiCacheClient({ region: "us-east-1" }),
      ec2: new EC2Client({ region: "us-east-1" }),
    },
    openCluster: options.clusterDown
      ? () => Promise.reject(new Error("kubectl: connection refused"))
      : cluster.open,
    stateFile: UpStateFile.forStack(repoRoot, "test"),
  };
  await deps.stateFile.save({
    version: 1,
    stack: "test",
    region: "us-east-1",
    account: "123456789012",
    steps: {},
  });
  return { mocks, runner, deps, cluster };
}

const indexOf = (log: string[], prefix: string) => log.findIndex((line) => line.startsWith(prefix));
const lastIndexOf = (log: string[], prefix: string) => log.findLastIndex((line) => line.startsWith(prefix));

describe("down", () => {
  it("deletes the caches through the driver, then what is left by tags, waits for the network interfaces, then destroys the stack", async () => {
    const log: string[] = [];
    const { mocks, runner, deps, cluster } = await world(account(), log);
    const lines: string[] = [];

    expect(await down(SETTINGS, deps, { write: (l) => lines.push(l), heartbeatMs: 0 })).toBe(0);

    expect(mocks.elasticache).toHaveReceivedCommandExactlyOnceWith(DeleteReplicationGroupCommand, {
      ReplicationGroupId: "rg-left",
      RetainPrimaryCluster: false,
    });
    expect(mocks.elasticache).toHaveReceivedCommandTimes(DeleteReplicationGroupCommand, 1);
    expect(mocks.ec2).toHaveReceivedCommandWith(DescribeNetworkInterfacesCommand, {
      Filters: [{ Name: "group-id", Values: ["sg-0123456789abcdef0"] }],
    });
    expect(mocks.ec2).toHaveReceivedCommandWith(DescribeNetworkInterfacesCommand, {
      Filters: [
        { Name: "vpc-id", Values: ["vpc-0123456789abcdef0"] },
        { Name: "description", Values: ["ElastiCache*"] },
      ],
    });

    const driverDeletes = log.filter((l) => l.startsWith("driver DELETE"));
    expect(driverDeletes).toEqual([`driver DELETE ${G1}`, `driver DELETE ${G1}`]);
    expect(log.filter((l) => l.startsWith("Delete"))).toEqual([
      "DeleteReplicationGroup rg-left",
      "DeleteUserGroup ug-left",
      "DeleteUser user-left",
    ]);
    expect(lastIndexOf(log, "driver DELETE")).toBeLessThan(indexOf(log, "DeleteReplicationGroup"));
    expect(lastIndexOf(log, "DeleteUser ")).toBeLessThan(indexOf(log, "DescribeNetworkInterfaces"));
    expect(log.filter((l) => l === "DescribeNetworkInterfaces group-id")).toHaveLength(3);
    expect(lastIndexOf(log, "DescribeNetworkInterfaces")).toBeLessThan(indexOf(log, "stack destroy"));
    expect(runner.destroyed).toBe(1);
    expect(cluster.forwards).toEqual(["kit/elasticache-driver:8080"]);
    expect(cluster.closed).toBe(1);
    await expect(access(deps.stateFile.file)).rejects.toThrow();
    expect(lines).toContainEqual(
      expect.stringContaining(
        "1 network interface still there: eni-0a1b2c3d4e5f60708 (in-use, ElastiCache rg-kit-0001-001)",
      ),
    );
    expect(lines.at(-1)).toContain("Down: stack test destroyed");
  });

  it("deletes every cache by its tags when the driver cannot be reached", async () => {
    const log: string[] = [];
    const { runner, deps } = await world(account(), log, { clusterDown: true });
    await runner.up({}, { onEvent: () => undefined }); // the stack now holds Kubernetes objects
    const lines: string[] = [];

    expect(await down(SETTINGS, deps, { write: (l) => lines.push(l), heartbeatMs: 0 })).toBe(0);
    expect(lines).toContainEqual(
      expect.stringContaining(
        "the cluster cannot be reached (kubectl: connection refused); the caches are deleted by their tags instead",
      ),
    );
    expect(log.filter((l) => l.startsWith("DeleteReplicationGroup"))).toEqual([
      "DeleteReplicationGroup rg-kit",
      "DeleteReplicationGroup rg-left",
    ]);
    expect(runner.destroyed).toBe(1);
    // The cluster cannot be reached: its Kubernetes objects leave the state before the destroy.
    expect(indexOf(log, "stack state: forgot 1 kubernetes:*")).toBeLessThan(indexOf(log, "stack destroy"));
    expect(lines).toContainEqual(
      expect.stringContaining("1 Kubernetes objects dropped from the state, to go with the cluster"),
    );
  });

  it("deletes the driver's load balancer and target group when the cluster cannot, and nothing else's", async () => {
    const log: string[] = [];
    const { runner, deps } = await world(account(), log, { clusterDown: true });
    await runner.up({}, { onEvent: () => undefined });
    const elbv2 = mockClient(ElasticLoadBalancingV2Client);
    const lb = (id: string) =>
      `arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/net/${id}/0123456789abcdef`;
    const tg = (id: string) =>
      `arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/${id}/0123456789abcdef`;
    const ours = [
      { Key: "kubernetes.io/cluster/elasticache-driver-kit-test", Value: "owned" },
      { Key: "kubernetes.io/service-name", Value: "kit/elasticache-driver" },
    ];
    elbv2.on(DescribeLoadBalancersCommand).resolves({
      LoadBalancers: [{ LoadBalancerArn: lb("adriver") }, { LoadBalancerArn: lb("aother") }],
    });
    elbv2.on(DescribeTargetGroupsCommand).resolves({
      TargetGroups: [{ TargetGroupArn: tg("k8s-kit-driver") }, { TargetGroupArn: tg("k8s-other") }],
    });
    elbv2.on(DescribeTagsCommand).callsFake((input: { ResourceArns: string[] }) => ({
      TagDescriptions: input.ResourceArns.map((arn) => ({
        ResourceArn: arn,
        Tags: arn.includes("driver")
          ? ours
          : [
              { Key: "kubernetes.io/cluster/elasticache-driver-kit-test", Value: "owned" },
              { Key: "kubernetes.io/service-name", Value: "other/app" },
            ],
      })),
    }));
    elbv2.on(DeleteLoadBalancerCommand).resolves({});
    elbv2.on(DeleteTargetGroupCommand).resolves({});
    const lines: string[] = [];
    await down(
      SETTINGS,
      { ...deps, clients: { ...deps.clients, elbv2: new ElasticLoadBalancingV2Client({}) } },
      {
        write: (l) => lines.push(l),
        heartbeatMs: 0,
      },
    );
    expect(elbv2, lines.join("\n")).toHaveReceivedCommandTimes(DeleteLoadBalancerCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DeleteLoadBalancerCommand, { LoadBalancerArn: lb("adriver") });
    expect(elbv2).toHaveReceivedCommandTimes(DeleteTargetGroupCommand, 1);
    expect(elbv2).toHaveReceivedCommandWith(DeleteTargetGroupCommand, {
      TargetGroupArn: tg("k8s-kit-driver"),
    });
    expect(lines.join("\n")).toContain(`deleted ${lb("adriver")}, made for Service kit/elasticache-driver`);
    elbv2.restore();
  });

  it("keeps the Kubernetes objects in the destroy when the cluster's API answers, and drops them when it refuses this identity", async () => {
    const log: string[] = [];
    const first = await world(account(), log);
    await first.runner.up({}, { onEvent: () => undefined });
    await down(SETTINGS, first.deps, { write: () => undefined, heartbeatMs: 0 });
    expect(log).toContain("stack destroy");
    expect(log.some((line) => line.startsWith("stack state: forgot"))).toBe(false);

    const refused: string[] = [];
    const second = await world(account(), refused);
    await second.runner.up({}, { onEvent: () => undefined });
    second.cluster.apiProblem = "error: You must be logged in to the server (Unauthorized)";
    const lines: string[] = [];
    await down(SETTINGS, second.deps, { write: (l) => lines.push(l), heartbeatMs: 0 });
    expect(refused).toContain("stack state: forgot 1 kubernetes:*");
    expect(lines.join("\n")).toContain(
      "the cluster's API refuses or does not answer (error: You must be logged in to the server (Unauthorized))",
    );
  });

  it("with --dry-run lists what would go, in order, and changes nothing", async () => {
    const log: string[] = [];
    const { mocks, runner, deps } = await world(account(), log);
    const lines: string[] = [];

    expect(
      await down({ ...SETTINGS, dryRun: true }, deps, { write: (l) => lines.push(l), heartbeatMs: 0 }),
    ).toBe(0);
    const text = lines.join("\n");
    expect(text).toContain(`1. delete through the driver (DELETE until 204): \n     ${G1}`);
    expect(text).toContain("replication group rg-kit: in the stack's cache network (available)");
    expect(text).toContain("replication group rg-left: in the stack's cache network (available)");
    expect(text).toContain("user group ug-left: goes with rg-left");
    expect(text).toContain("user user-left: goes with user group ug-left");
    expect(text).toContain("3. wait for ElastiCache's network interfaces to go (now 1)");
    expect(text).toContain("4. destroy stack test: 1 resources\n     1 × aws:ec2/vpc:Vpc");
    expect(text).toContain("replication group rg-elsewhere: outside the stack's cache network");
    expect(text).not.toContain("rg-foreign");
    expect(
      log.filter((l) => l.startsWith("Delete") || l.startsWith("driver") || l === "stack destroy"),
    ).toEqual([]);
    expect(mocks.elasticache).not.toHaveReceivedCommand(DeleteReplicationGroupCommand);
    expect(mocks.elasticache).not.toHaveReceivedCommand(DeleteUserGroupCommand);
    expect(runner.destroyed).toBe(0);
    await access(deps.stateFile.file);
  });

  it("keeps the stack when the network interfaces do not drain in time, listing them and the fix", async () => {
    const log: string[] = [];
    const fake = { ...account(), eniLooks: 1_000 };
    const { runner, deps } = await world(fake, log);

    const failed = down({ ...SETTINGS, eniTimeoutMs: 30 }, deps, { write: () => {}, heartbeatMs: 0 });
    await expect(failed).rejects.toBeInstanceOf(UserError);
    await expect(failed).rejects.toThrow(
      /ElastiCache network interfaces: 1 still there after 30 ms: eni-0a1b2c3d4e5f60708; the stack was not destroyed\. Fix: .*run `npm run down` again later/,
    );
    expect(runner.destroyed).toBe(0);
  });

  it("says there is nothing to take down for a stack that holds nothing", async () => {
    const log: string[] = [];
    const { deps } = await world(account(), log);
    const empty = { ...deps, runner: new FakeStackRunner({ log }) };
    const lines: string[] = [];
    expect(await down(SETTINGS, empty, { write: (l) => lines.push(l), heartbeatMs: 0 })).toBe(0);
    expect(lines.at(-1)).toContain("Stack test holds nothing: nothing to take down.");
    expect(log.filter((l) => l.startsWith("Delete"))).toEqual([]);
  });
});

describe("down on a busy, half-finished stack", () => {
  it("is not stopped by a busy cache, removes the stack's final snapshots, and clears a cancelled run's pending operations before the destroy", async () => {
    const log: string[] = [];
    const fake = account();
    // A cache the driver is still modifying: AWS refuses its tag reads, its name and network make it the stack's.
    fake.caches.push({
      kind: "replication-group",
      id: "hk-busy-cache",
      createdAt: new Date("2026-11-30T10:00:00Z"),
      tags: [KIT_TAG],
      status: "modifying",
      busyTagReads: 100,
      ...STACK_NETWORK,
    });
    fake.snapshots = [
      { kind: "snapshot", name: "hk-busy-cache-final-202611300900", cache: "hk-busy-cache" },
      { kind: "snapshot", name: "hk-someone-else-final-202611300900", cache: "hk-someone-else" },
    ];
    const { deps } = await world(fake, log);
    const runner = new FakeStackRunner({
      log,
      pending: [{ op: "creating", type: "aws:eks/nodeGroup:NodeGroup", name: "cluster-nodes" }],
    });
    runner.seed({ "aws:region": { value: "us-east-1" } });
    await runner.up({}, { onEvent: () => undefined });
    const lines: string[] = [];

    const code = await down(
      { ...SETTINGS, tagRetryMs: 1 },
      { ...deps, runner },
      {
        write: (l) => lines.push(l),
        heartbeatMs: 0,
      },
    );

    expect(code).toBe(0);
    expect(log).toContain("DeleteReplicationGroup hk-busy-cache");
    expect(log).toContain("DeleteSnapshot hk-busy-cache-final-202611300900");
    expect(log).not.toContain("DeleteSnapshot hk-someone-else-final-202611300900");
    expect(indexOf(log, "stack refresh, pending creates cleared")).toBeLessThan(
      indexOf(log, "stack destroy"),
    );
    expect(lines.join("\n")).toContain(
      "creating aws:eks/nodeGroup:NodeGroup cluster-nodes: cleared from the state; if it was made, it carries the tags project and stack: delete it by hand",
    );
  });

  it("keeps the final snapshots with --keep-snapshots", async () => {
    const log: string[] = [];
    const fake = account();
    fake.caches = fake.caches.map((c) => (c.id === "rg-left" ? { ...c, id: "hk-left" } : c));
    fake.snapshots = [{ kind: "snapshot", name: "hk-left-final-202611300900", cache: "hk-left" }];
    const { deps } = await world(fake, log);
    await down({ ...SETTINGS, keepSnapshots: true }, deps, { write: () => undefined, heartbeatMs: 0 });
    expect(log).toContain("DeleteReplicationGroup hk-left");
    expect(log.filter((line) => line.startsWith("DeleteSnapshot"))).toEqual([]);
  });
});
