import { EC2Client } from "@aws-sdk/client-ec2";
import {
  DeleteReplicationGroupCommand,
  DeleteServerlessCacheCommand,
  ElastiCacheClient,
  ListTagsForResourceCommand,
} from "@aws-sdk/client-elasticache";
import "aws-sdk-client-mock-vitest/extend";
import { describe, expect, it } from "vitest";
import { KIT_TAG, mockAccount, type FakeAccount } from "../../test/support/fake-elasticache.js";
import { janitor, type JanitorSettings } from "./janitor.js";

const NOW = new Date("2026-11-30T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const SETTINGS: JanitorSettings = {
  region: "us-east-1",
  olderThanMs: 6 * 3_600_000,
  scope: { ownerTag: { key: "stack", value: "ci-1" } },
  finalSnapshots: false,
  yes: false,
  timeoutMs: 5_000,
  intervalMs: 5,
  tagRetryMs: 1,
};
const OWNER = { Key: "stack", Value: "ci-1" };

function account(): FakeAccount {
  return {
    caches: [
      {
        kind: "replication-group",
        id: "rg-old",
        createdAt: hoursAgo(30),
        tags: [KIT_TAG, OWNER],
        userGroupIds: ["ug-old"],
        subnetGroup: "ekit-net",
        securityGroupIds: ["sg-0aaaaaaaaaaaaaaaa"],
      },
      {
        kind: "serverless-cache",
        id: "sl-old",
        createdAt: hoursAgo(8),
        tags: [KIT_TAG, OWNER],
        securityGroupIds: ["sg-0aaaaaaaaaaaaaaaa"],
      },
      { kind: "replication-group", id: "rg-young", createdAt: hoursAgo(1), tags: [KIT_TAG, OWNER] },
      {
        kind: "replication-group",
        id: "rg-not-ours",
        createdAt: hoursAgo(100),
        tags: [{ Key: "managed-by", Value: "terraform" }],
      },
    ],
    userGroups: [{ id: "ug-old", tags: [KIT_TAG], userIds: ["default", "u-old"] }],
    users: [{ id: "u-old", tags: [KIT_TAG], userGroupIds: ["ug-old"] }],
    subnetGroups: [
      { name: "ekit-net", tags: [KIT_TAG] },
      { name: "someone-elses", tags: [] },
    ],
    securityGroups: [{ id: "sg-0aaaaaaaaaaaaaaaa", kit: true, inUse: true }],
    eniLooks: 0,
  };
}

const clients = () => ({
  elasticache: new ElastiCacheClient({ region: "us-east-1" }),
  ec2: new EC2Client({ region: "us-east-1" }),
});

describe("janitor", () => {
  it("lists only kit-tagged resources older than the limit and what goes with them, and deletes nothing without --yes", async () => {
    const log: string[] = [];
    const { elasticache } = mockAccount(account(), log);
    const lines: string[] = [];

    expect(
      await janitor(SETTINGS, clients(), { write: (l) => lines.push(l), now: () => NOW, heartbeatMs: 0 }),
    ).toBe(0);
    const text = lines.join("\n");
    expect(text).toContain("To delete (older than 6h 0m, or going with what is):");
    expect(text).toContain("  replication group rg-old: created 1d 6h ago (available)");
    expect(text).toContain("  serverless cache sl-old: created 8h 0m ago (available)");
    expect(text).toContain("  user group ug-old: goes with rg-old");
    expect(text).toContain("  user u-old: goes with user group ug-old");
    expect(text).toContain("  cache subnet group ekit-net: goes with rg-old");
    expect(text).toContain("  security group sg-0aaaaaaaaaaaaaaaa: goes with rg-old, sl-old");
    expect(text).toContain("Staying:\n  replication group rg-young: created 1h 0m ago, less than 6h 0m");
    expect(text).not.toContain("rg-not-ours");
    expect(text).not.toContain("someone-elses");
    expect(lines.at(-1)).toBe("Dry run: nothing was deleted. Add --yes to delete the 6 listed above.");
    expect(log).toEqual([]);
    // Another tool's cache (no driver name, no driver description) is not even asked for its tags.
    expect(elasticache).not.toHaveReceivedCommandWith(ListTagsForResourceCommand, {
      ResourceName: "arn:aws:elasticache:us-east-1:123456789012:replicationgroup:rg-not-ours",
    });
    expect(elasticache).not.toHaveReceivedCommand(DeleteReplicationGroupCommand);
    expect(elasticache).not.toHaveReceivedCommand(DeleteServerlessCacheCommand);
  });

  it("with --yes deletes caches first, then user groups, users, subnet groups and security groups, and reports what could not go", async () => {
    const log: string[] = [];
    mockAccount(account(), log);
    const lines: string[] = [];

    const code = await janitor({ ...SETTINGS, yes: true }, clients(), {
      write: (l) => lines.push(l),
      now: () => NOW,
      heartbeatMs: 0,
    });
    expect(code).toBe(1);
    expect(log).toEqual([
      "DeleteReplicationGroup rg-old",
      "DeleteServerlessCache sl-old",
      "DeleteUserGroup ug-old",
      "DeleteUser u-old",
      "DeleteCacheSubnetGroup ekit-net",
      "DeleteSecurityGroup sg-0aaaaaaaaaaaaaaaa",
    ]);
    expect(lines).toContain("  deleted replication group rg-old");
    expect(lines).toContain(
      "  NOT deleted security group sg-0aaaaaaaaaaaaaaaa: network interfaces still use it (ElastiCache releases them up to an hour after a delete); run the janitor again later",
    );
  });

  it("lists a cache whose tags stay unreadable as busy and goes on with the rest", async () => {
    const log: string[] = [];
    const busy = account();
    busy.caches.push({
      kind: "replication-group",
      id: "hk-busy-cache",
      createdAt: hoursAgo(50),
      tags: [KIT_TAG, OWNER],
      status: "modifying",
      busyTagReads: 10,
    });
    mockAccount(busy, log);
    const lines: string[] = [];
    const code = await janitor({ ...SETTINGS, yes: true }, clients(), {
      write: (l) => lines.push(l),
      now: () => NOW,
      heartbeatMs: 0,
    });
    expect(code).toBe(1); // the security group in use, as above
    expect(log.filter((line) => line.includes("hk-busy-cache"))).toEqual([
      "ListTagsForResource hk-busy-cache refused (busy)",
      "ListTagsForResource hk-busy-cache refused (busy)",
      "ListTagsForResource hk-busy-cache refused (busy)",
    ]);
    expect(lines.join("\n")).toMatch(
      /replication group hk-busy-cache: tags unreadable \(busy, retried 3 times \(InvalidReplicationGroupStateFault: Cache hk-busy-cache is not in available state\.\)\); run again later/,
    );
    expect(log).toContain("DeleteReplicationGroup rg-old");
  });

  it("reads a busy cache's tags again and judges it once they answer", async () => {
    const log: string[] = [];
    const busy = account();
    busy.caches.push({
      kind: "serverless-cache",
      id: "hk-briefly-busy",
      createdAt: hoursAgo(50),
      tags: [KIT_TAG, OWNER],
      busyTagReads: 2,
    });
    mockAccount(busy, log);
    const lines: string[] = [];
    await janitor(SETTINGS, clients(), { write: (l) => lines.push(l), now: () => NOW, heartbeatMs: 0 });
    expect(lines).toContain("  serverless cache hk-briefly-busy: created 2d 2h ago (available)");
  });

  it("leaves every cache a final snapshot unless told not to", async () => {
    const log: string[] = [];
    mockAccount(account(), log);
    const lines: string[] = [];
    await janitor({ ...SETTINGS, yes: true, finalSnapshots: true }, clients(), {
      write: (l) => lines.push(l),
      now: () => NOW,
      heartbeatMs: 0,
    });
    expect(log).toContain("DeleteReplicationGroup rg-old final snapshot rg-old-final-202611301200");
    expect(log).toContain("DeleteServerlessCache sl-old final snapshot sl-old-final-202611301200");
    expect(lines).toContain("Each deleted cache left a final snapshot named <cache>-final-<UTC minute>.");
  });

  it("touches only caches in its scope", async () => {
    const log: string[] = [];
    mockAccount(account(), log);
    const lines: string[] = [];
    await janitor(
      { ...SETTINGS, scope: { network: { subnetGroup: "ekit-net", securityGroupId: undefined } } },
      clients(),
      { write: (l) => lines.push(l), now: () => NOW, heartbeatMs: 0 },
    );
    const text = lines.join("\n");
    expect(text).toContain("  replication group rg-old: created 1d 6h ago (available)");
    expect(text).toContain("  serverless cache sl-old: outside subnet group ekit-net");
    expect(text).toContain("  cache subnet group ekit-net: the stack's own: its destroy removes it");
  });

  it("deletes nothing and says so when nothing is old enough", async () => {
    const log: string[] = [];
    const young = account();
    young.caches = young.caches.filter((c) => c.id === "rg-young");
    young.userGroups = [];
    young.users = [];
    young.subnetGroups = [];
    young.securityGroups = [];
    mockAccount(young, log);
    const lines: string[] = [];
    expect(
      await janitor({ ...SETTINGS, yes: true }, clients(), {
        write: (l) => lines.push(l),
        now: () => NOW,
        heartbeatMs: 0,
      }),
    ).toBe(0);
    expect(lines).toContain("Nothing older than 6h 0m to delete.");
    expect(log).toEqual([]);
  });
});
