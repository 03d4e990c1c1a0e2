import { describe, expect, it } from "vitest";
import type { KitCache, KitInventory } from "./kit-inventory.js";
import { cacheIdOf, janitorPlan, stackPlan, type JanitorScope } from "./removal-plan.js";

const NOW = new Date("2026-11-30T12:00:00Z");
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000);
const cache = (id: string, createdAt: Date | undefined, extra: Partial<KitCache> = {}): KitCache => ({
  kind: "replication-group",
  id,
  status: "available",
  createdAt,
  guresid: undefined,
  userGroupIds: [],
  subnetGroup: undefined,
  securityGroupIds: [],
  tags: { owner: "team-a" },
  ...extra,
});
const OWNER: JanitorScope = { ownerTag: { key: "owner", value: "team-a" } };
const STACK_GURESID = "dev.my-app.redis";

const INVENTORY: KitInventory = {
  caches: [
    cache("old", hoursAgo(30), {
      userGroupIds: ["ug-old"],
      subnetGroup: "sg-net",
      securityGroupIds: ["sg-1"],
    }),
    cache("young", hoursAgo(2), { userGroupIds: ["ug-young"], securityGroupIds: ["sg-1"] }),
    cache("serverless-old", hoursAgo(7), { kind: "serverless-cache", status: "available" }),
    cache("undated", undefined),
  ],
  userGroups: [
    { id: "ug-old", status: "active", userIds: ["u-old", "u-both"] },
    { id: "ug-young", status: "active", userIds: ["u-young", "u-both"] },
    { id: "ug-orphan", status: "active", userIds: [] },
    { id: "ug-deleted-long-ago", status: "active", userIds: [], deletingSince: hoursAgo(30) },
    { id: "ug-deleted-just-now", status: "active", userIds: [], deletingSince: hoursAgo(0.1) },
    { id: "ug-of-marked-user", status: "active", userIds: ["u-marked"] },
  ],
  users: [
    { id: "u-old", status: "active", userGroupIds: ["ug-old"] },
    { id: "u-young", status: "active", userGroupIds: ["ug-young"] },
    { id: "u-both", status: "active", userGroupIds: ["ug-old", "ug-young"] },
    { id: "u-shared", status: "active", userGroupIds: ["someone-elses-group"] },
    { id: "u-alone", status: "active", userGroupIds: [] },
    { id: "u-of-stack", status: "active", userGroupIds: [], guresid: STACK_GURESID },
    { id: "u-marked", status: "active", userGroupIds: ["ug-of-marked-user"], deletingSince: hoursAgo(20) },
  ],
  parameterGroups: [
    { id: "pg-old", guresid: undefined },
    { id: "pg-young", guresid: undefined },
    { id: "pg-of-deleted", guresid: undefined, deletingSince: hoursAgo(12) },
  ],
  parameterGroupUsers: { "pg-old": ["old"], "pg-young": ["young"] },
  finalSnapshots: [
    { kind: "snapshot", id: "old-final-202611300900", cache: "old", status: "available" },
    {
      kind: "snapshot",
      id: `${cacheIdOf(STACK_GURESID)}-final-202611290000`,
      cache: cacheIdOf(STACK_GURESID),
      status: "available",
    },
    {
      kind: "serverless-snapshot",
      id: "elsewhere-final-202611300000",
      cache: "elsewhere",
      status: "available",
    },
  ],
  unreadable: [{ kind: "user", id: "u-busy", reason: "busy, retried 3 times (Throttling)" }],
  network: [
    { kind: "cache-subnet-group", id: "sg-net" },
    { kind: "security-group", id: "sg-1" },
    { kind: "security-group", id: "sg-unused" },
  ],
  networkUsers: { "sg-net": ["old"], "sg-1": ["old", "young"] },
};

const ids = (items: readonly { kind: string; id: string }[]) =>
  items.map((item) => `${item.kind} ${item.id}`);

describe("janitorPlan", () => {
  it("takes the caches in scope older than the limit and what only they use, and keeps the rest with the reason", () => {
    const plan = janitorPlan(INVENTORY, NOW, 6 * 3_600_000, OWNER);
    expect(ids(plan.remove)).toEqual([
      "replication-group old",
      "serverless-cache serverless-old",
      "user-group ug-old",
      "user-group ug-deleted-long-ago",
      "user-group ug-of-marked-user",
      "user u-old",
      "user u-marked",
      "parameter-group pg-old",
      "parameter-group pg-of-deleted",
      "cache-subnet-group sg-net",
      "security-group sg-unused",
    ]);
    expect(plan.remove.find((item) => item.id === "old")?.why).toBe("created 1d 6h ago (available)");
    expect(plan.remove.find((item) => item.id === "ug-deleted-long-ago")?.why).toBe(
      "its resource was being deleted 1d 6h ago",
    );
    expect(plan.keep).toEqual(
      expect.arrayContaining([
        { kind: "replication-group", id: "young", why: "created 2h 0m ago, less than 6h 0m" },
        { kind: "replication-group", id: "undated", why: "AWS reports no creation time" },
        { kind: "user-group", id: "ug-young", why: "used by young, which stays" },
        {
          kind: "user-group",
          id: "ug-orphan",
          why: "used by no cache; no age known before its resource is deleted for 6h 0m",
        },
        expect.objectContaining({ kind: "user-group", id: "ug-deleted-just-now" }),
        expect.objectContaining({ kind: "user", id: "u-alone" }),
        { kind: "user", id: "u-both", why: "member of user group ug-young, which stays" },
        { kind: "user", id: "u-shared", why: "member of user group someone-elses-group, which stays" },
        { kind: "parameter-group", id: "pg-young", why: "used by young, which stays" },
        { kind: "security-group", id: "sg-1", why: "used by cache young, which stays" },
        {
          kind: "user",
          id: "u-busy",
          why: "tags unreadable (busy, retried 3 times (Throttling)); left alone, run again later",
        },
      ]),
    );
    // Final snapshots are what a deletion leaves on purpose: the janitor never takes them.
    expect(ids(plan.remove).filter((id) => id.includes("snapshot"))).toEqual([]);
  });

  it("never takes a cache outside its scope, or one whose tags are unreadable", () => {
    const inventory: KitInventory = {
      ...INVENTORY,
      caches: [
        cache("other-team", hoursAgo(30), { tags: { owner: "team-b" } }),
        cache("busy", hoursAgo(30), { tags: {}, tagsUnreadable: "busy, retried 3 times" }),
      ],
    };
    const plan = janitorPlan(inventory, NOW, 6 * 3_600_000, OWNER);
    expect(plan.keep).toEqual(
      expect.arrayContaining([
        { kind: "replication-group", id: "other-team", why: "outside tag owner=team-a" },
        {
          kind: "replication-group",
          id: "busy",
          why: "tags unreadable (busy, retried 3 times); run again later",
        },
      ]),
    );
    expect(ids(plan.remove).filter((id) => id.startsWith("replication-group"))).toEqual([]);
  });

  it("keeps the scoped network itself", () => {
    const plan = janitorPlan(INVENTORY, NOW, 60_000, {
      network: { subnetGroup: "sg-net", securityGroupId: "sg-1" },
    });
    expect(ids(plan.remove)).toContain("replication-group young");
    expect(plan.keep).toEqual(
      expect.arrayContaining([
        { kind: "cache-subnet-group", id: "sg-net", why: "the stack's own: its destroy removes it" },
        { kind: "security-group", id: "sg-1", why: "the stack's own: its destroy removes it" },
        {
          kind: "serverless-cache",
          id: "serverless-old",
          why: "outside subnet group sg-net or security group sg-1",
        },
      ]),
    );
  });
});

describe("stackPlan", () => {
  it("takes the caches in the stack's network whatever their age, with their user groups, users, parameter groups and final snapshots", () => {
    const plan = stackPlan(INVENTORY, { subnetGroup: "sg-net", securityGroupId: undefined });
    expect(ids(plan.remove)).toEqual([
      "replication-group old",
      "user-group ug-old",
      "user u-old",
      "parameter-group pg-old",
      "snapshot old-final-202611300900",
    ]);
    expect(plan.keep).toEqual(
      expect.arrayContaining([
        { kind: "replication-group", id: "young", why: "outside the stack's cache network" },
        { kind: "user-group", id: "ug-orphan", why: "used by no cache; not of this stack" },
        { kind: "user", id: "u-alone", why: "in no user group; not of this stack" },
        {
          kind: "serverless-snapshot",
          id: "elsewhere-final-202611300000",
          why: "of elsewhere, not removed here",
        },
      ]),
    );
  });

  it("takes the leftovers and final snapshots of the stack's resources, or keeps the snapshots when asked", () => {
    const network = { subnetGroup: "sg-net", securityGroupId: undefined };
    const plan = stackPlan(INVENTORY, network, { guresids: [STACK_GURESID] });
    expect(ids(plan.remove)).toEqual(
      expect.arrayContaining(["user u-of-stack", `snapshot ${cacheIdOf(STACK_GURESID)}-final-202611290000`]),
    );
    const keeping = stackPlan(INVENTORY, network, { guresids: [STACK_GURESID], keepSnapshots: true });
    expect(ids(keeping.remove).filter((id) => id.startsWith("snapshot"))).toEqual([]);
    expect(keeping.keep).toContainEqual({
      kind: "snapshot",
      id: "old-final-202611300900",
      why: "of old; --keep-snapshots",
    });
  });

  it("takes a cache of the stack's network whose tags are unreadable", () => {
    const inventory: KitInventory = {
      ...INVENTORY,
      caches: [cache("hk-busy", hoursAgo(1), { subnetGroup: "sg-net", tagsUnreadable: "busy" })],
    };
    const plan = stackPlan(inventory, { subnetGroup: "sg-net", securityGroupId: undefined });
    expect(ids(plan.remove)).toContain("replication-group hk-busy");
  });

  it("finds the caches by the stack's security group too", () => {
    const plan = stackPlan(INVENTORY, { subnetGroup: undefined, securityGroupId: "sg-1" });
    expect(ids(plan.remove).filter((id) => id.startsWith("replication-group"))).toEqual([
      "replication-group old",
      "replication-group young",
    ]);
  });
});
