import {
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  DescribeUsersCommand,
  ListTagsForResourceCommand,
} from "@aws-sdk/client-elasticache";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DriverInputsSchema } from "../../src/inputs/driver-inputs.js";
import {
  elasticacheHarness,
  GURESID,
  NAMES,
  type ElastiCacheHarness,
} from "../support/elasticache-harness.js";

describe("elasticache status polls", () => {
  let h: ElastiCacheHarness;
  beforeEach(() => {
    h = elasticacheHarness({ statusCacheMs: 500 });
  });
  afterEach(async () => {
    await h.close();
  });

  it("cost one DescribeReplicationGroups call for 50 concurrent pollers of one resource", async () => {
    // Another replica creates it; this one never saw the create and polls from a cold start.
    const creator = h.replica();
    await creator.lifecycle.put({ id: GURESID, spec: DriverInputsSchema.parse({}), secrets: {} });
    h.fake.finish(NAMES.cache);
    await creator.lifecycle.get(GURESID, {});
    h.fake.mock.resetHistory();
    const spec = DriverInputsSchema.parse({});
    const polls = Array.from({ length: 50 }, (_, i) =>
      i % 2 === 0 ? h.get() : h.lifecycle.put({ id: GURESID, spec, secrets: {} }),
    );
    const outcomes = await Promise.all(polls);
    for (const outcome of outcomes) expect(outcome.kind).toBe("ready");
    expect(h.fake.count(DescribeReplicationGroupsCommand)).toBe(1);
    expect(h.fake.count(ListTagsForResourceCommand)).toBe(0);
    expect(h.fake.count(DescribeServerlessCachesCommand) + h.fake.count(DescribeUsersCommand)).toBe(0);
  });

  it("cost one call per poll interval while creating, however many poll", async () => {
    const creator = h.replica();
    await creator.lifecycle.put({ id: GURESID, spec: DriverInputsSchema.parse({}), secrets: {} });
    h.fake.mock.resetHistory();
    for (let round = 0; round < 3; round++) {
      await Promise.all(Array.from({ length: 50 }, () => h.get()));
    }
    expect(h.fake.count(DescribeReplicationGroupsCommand)).toBe(1);
  });
});
