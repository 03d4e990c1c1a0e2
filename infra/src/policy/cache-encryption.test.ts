import { describe, expect, it } from "vitest";
import { resourceArgs, violationsOf } from "../../test/support/policy-args.js";
import { cacheEncryptionPolicy } from "./cache-encryption.js";

const GROUP = "aws:elasticache/replicationGroup:ReplicationGroup";

describe("cache-encryption policy", () => {
  it("passes a replication group encrypted in transit and at rest", async () => {
    const args = resourceArgs(GROUP, { transitEncryptionEnabled: true, atRestEncryptionEnabled: true });
    expect(await violationsOf(cacheEncryptionPolicy, args)).toEqual([]);
  });

  it("reports each missing encryption of a replication group", async () => {
    const args = resourceArgs(GROUP, { atRestEncryptionEnabled: false }, {}, "orders");
    expect(await violationsOf(cacheEncryptionPolicy, args)).toEqual([
      "orders: set transitEncryptionEnabled: true so clients must use TLS.",
      "orders: set atRestEncryptionEnabled: true to encrypt data on disk and in backups.",
    ]);
  });

  it("reports a standalone cache cluster, which cannot encrypt at rest", async () => {
    const args = resourceArgs("aws:elasticache/cluster:Cluster", { engine: "redis" }, {}, "legacy");
    expect(await violationsOf(cacheEncryptionPolicy, args)).toEqual([
      expect.stringMatching(
        /^legacy: a standalone cache cluster cannot encrypt at rest; create a replication group/,
      ),
    ]);
  });

  it("passes a cache cluster that belongs to a replication group, and serverless caches", async () => {
    const member = resourceArgs("aws:elasticache/cluster:Cluster", { replicationGroupId: "orders" });
    const serverless = resourceArgs("aws:elasticache/serverlessCache:ServerlessCache", { engine: "valkey" });
    expect(await violationsOf(cacheEncryptionPolicy, member)).toEqual([]);
    expect(await violationsOf(cacheEncryptionPolicy, serverless)).toEqual([]);
  });
});
