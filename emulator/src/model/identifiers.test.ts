import { describe, expect, it } from "vitest";
import { AwsFault } from "../protocol/aws-fault.js";
import { cacheId, engineName, rbacId } from "./identifiers.js";

const problem = (check: () => unknown): string => {
  try {
    check();
  } catch (error) {
    if (error instanceof AwsFault) return `${error.code}: ${error.message}`;
    throw error;
  }
  return "valid";
};

describe("cacheId", () => {
  it("stores a valid id lowercase", () => {
    expect(cacheId("ReplicationGroupId", "My-Cache-1", "replication group")).toBe("my-cache-1");
    expect(cacheId("ReplicationGroupId", "a".repeat(40), "replication group")).toHaveLength(40);
  });

  it.each([
    ["a".repeat(41), /1 to 40 characters/],
    ["1abc", /begin with a letter/],
    ["ab_c", /letters, digits and hyphens/],
    ["abc-", /end with a hyphen/],
    ["ab--c", /two consecutive hyphens/],
  ])("refuses %s with InvalidParameterValue naming the rule", (value, rule) => {
    const text = problem(() => cacheId("ReplicationGroupId", value, "replication group"));
    expect(text).toMatch(/^InvalidParameterValue: ReplicationGroupId: /);
    expect(text).toMatch(rule);
  });
});

describe("rbacId and engineName", () => {
  it("follow the service model's patterns", () => {
    expect(rbacId("UserId", "App-User")).toBe("app-user");
    expect(problem(() => rbacId("UserId", "9lives"))).toMatch(/^InvalidParameterValue: UserId: "9lives"/);
    expect(engineName("Engine", "Valkey")).toBe("valkey");
    expect(problem(() => engineName("Engine", "memcached"))).toMatch(/valkey or redis/);
  });
});
