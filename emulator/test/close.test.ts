import { access } from "node:fs/promises";
import {
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import { describe, expect, it } from "vitest";
import { pollUntil } from "./support/poll.js";
import { enginesOf } from "./support/processes.js";
import { runtimeUnderTest, startTestEmulator } from "./support/test-emulator.js";

describe("closing the emulator", () => {
  it("stops every engine, also those of caches still creating, and removes its state dir", async () => {
    const emulator = await startTestEmulator({ delays: { createMs: 5_000, modifyMs: 50, deleteMs: 50 } });
    const client = new ElastiCacheClient({
      endpoint: emulator.url,
      region: emulator.region,
      credentials: { accessKeyId: "AKIDCLOSE", secretAccessKey: "secret" },
    });
    try {
      await client.send(
        new CreateReplicationGroupCommand({
          ReplicationGroupId: "half-made",
          ReplicationGroupDescription: "still creating at close",
          CacheNodeType: "cache.t4g.micro",
          TransitEncryptionEnabled: true,
        }),
      );
      await client.send(
        new CreateServerlessCacheCommand({ ServerlessCacheName: "also-creating", Engine: "valkey" }),
      );
      // All engines (the group's, and the serverless cache's primary and reader) run well before
      // their create delay ends.
      await pollUntil(
        () => enginesOf(emulator.stateDir),
        // The container runtime runs one engine per cache.
        (engines) => engines.length === (runtimeUnderTest === "container" ? 2 : 3),
        { intervalMs: 100 },
      );
      const { ReplicationGroups } = await client.send(new DescribeReplicationGroupsCommand({}));
      expect(ReplicationGroups?.[0]?.Status).toBe("creating");
    } finally {
      client.destroy();
      await emulator.close();
    }
    expect(await enginesOf(emulator.stateDir)).toEqual([]);
    await expect(access(emulator.stateDir)).rejects.toThrow(/ENOENT/);
  });
});
