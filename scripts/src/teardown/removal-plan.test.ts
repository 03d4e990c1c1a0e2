import { describe, expect, it } from "vitest";
import type { KitCache, KitInventory } from "./kit-inventory.js";
import { janitorPlan, stackPlan } from "./removal-plan.js";

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
  ...extra,
});

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
  ],
  users: [
    { id: "u-old", status: "active", userGroupIds: ["ug-old"] },
    { id: "u-young", status: "active", userGroupIds: ["ug-young"] },
    { id: "u-both", status: "active", userGroupIds: ["ug-old", "ug-young"] },
    { id: "u-shared", status: "active", userGroupIds: ["someone-elses-group"] },
    { id: "u-alone", status: "active", userGroupIds: [] },
  ],
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
  it("takes the caches older than the limit and what only they use, and keeps the rest with the reason", () => {
    const plan = janitorPlan(INVENTORY, NOW, 6 * 3_600_000);
    expect(ids(plan.remove)).toEqual([
      "replication-group old",
      "serverless-cache serverless-old",
      "user-group ug-old",
      "user-group ug-orphan",
      "user u-old",
      "user u-alone",
      "cache-subnet-group sg-net",
      "security-group sg-unused",
    ]);
    expect(plan.remove.find((item) => item.id === "old")?.why).toBe("created 1d 6h ago (available)");
    expect(plan.remove.find((item) => item.id === "ug-orphan")?.why).toBe("used by no cache");
    expect(plan.keep).toEqual(
      expect.arrayContaining([
        { kind: "replication-group", id: "young", why: "created 2h 0m ago, less than 6h 0m" },
        { kind: "replication-group", id: "undated", why: "AWS reports no creation time" },
        { kind: "user-group", id: "ug-young", why: "used by young, which stays" },
        { kind: "user", id: "u-both", why: "member of user group ug-young, which stays" },
        { kind: "user", id: "u-shared", why: "member of user group someone-elses-group, which stays" },
        { kind: "security-group", id: "sg-1", why: "used by cache young, which stays" },
      ]),
    );
  });

  it("takes everything tagged once the limit is below every age", () => {
    const plan = janitorPlan(INVENTORY, NOW, 60_000);
    expect(ids(plan.keep)).toEqual(["replication-group undated", "user u-shared"]);
  });

  it("keeps everything when no cache is old enough, except what no cache uses", () => {
    const plan = janitorPlan(INVENTORY, NOW, 48 * 3_600_000);
    expect(ids(plan.remove)).toEqual(["user-group ug-orphan", "user u-alone", "security-group sg-unused"]);
  });
});

describe("stackPlan", () => {
  it("takes the caches in the stack's network whatever their age, with their user groups and users, never orphans or network", () => {
    const plan = stackPlan(INVENTORY, { subnetGroup: "sg-net", securityGroupId: undefined });
    expect(ids(plan.remove)).toEqual(["replication-group old", "user-group ug-old", "user u-old"]);
    expect(plan.keep).toEqual(
      expect.arrayContaining([
        { kind: "replication-group", id: "young", why: "outside the stack's cache network" },
        { kind: "user-group", id: "ug-orphan", why: "used by no cache of this stack" },
        { kind: "user", id: "u-alone", why: "in no user group of this stack" },
      ]),
    );
  });

  it("finds the caches by the stack's security group too", () => {
    const plan = stackPlan(INVENTORY, { subnetGroup: undefined, securityGroupId: "sg-1" });
    expect(ids(plan.remove).filter((id) => id.startsWith("replication-group"))).toEqual([
      "replication-group old",
      "replication-group young",
    ]);
  });
});
