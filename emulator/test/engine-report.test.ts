import {
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  ElastiCacheClient,
  type SourceType,
} from "@aws-sdk/client-elasticache";
import { afterAll, describe, expect, it } from "vitest";
import { pollUntil } from "./support/poll.js";
import { runtimeUnderTest, startTestEmulator } from "./support/test-emulator.js";

// A Valkey 8 image for caches that ask for Valkey 8; everything else runs the runtime's one image.
const emulator = await startTestEmulator({ engineImages: { "valkey:8": "valkey/valkey:8" } });
const client = new ElastiCacheClient({
  endpoint: emulator.url,
  region: emulator.region,
  credentials: { accessKeyId: "AKIDENGINES", secretAccessKey: "secret" },
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

/**
 * The cache's created event, read once: it is recorded no later than the cache turns available,
 * so a client that has just seen `available` finds it without polling.
 */
const createdEvent = async (sourceType: SourceType, id: string): Promise<string | undefined> => {
  const { Events } = await client.send(
    new DescribeEventsCommand({ SourceType: sourceType, SourceIdentifier: id }),
  );
  return Events?.map((event) => event.Message ?? "").find((message) => message.includes(" created ("));
};

/** Polled without a pause, so the first `available` is seen as soon as it is reported. */
const EAGER = { intervalMs: 0 };

describe("the engine a cache asked for, and what runs", () => {
  it("says in the created event when the engines do not run the requested engine and major version", async () => {
    await client.send(
      new CreateServerlessCacheCommand({
        ServerlessCacheName: "asks-valkey",
        Engine: "valkey",
        MajorEngineVersion: "8",
      }),
    );
    await pollUntil(
      async () =>
        (await client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: "asks-valkey" })))
          .ServerlessCaches?.[0],
      (cache) => cache?.Status === "available",
      EAGER,
    );
    const event = await createdEvent("serverless-cache", "asks-valkey");
    if (runtimeUnderTest === "container") {
      // The container runtime honours it with the image listed for valkey:8.
      expect(event).toMatch(/\(valkey 8 requested; its engines run Valkey 8\.\d+\.\d+\)$/);
    } else {
      // The process runtime has one redis-server binary: reported, not honoured.
      expect(event).toMatch(/\(valkey 8 requested; its engines run Redis OSS \d+\.\d+\.\d+, not valkey 8\)$/);
    }
  });

  it("reports a requested engine that runs as asked without a caveat", async () => {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "asks-redis7",
        ReplicationGroupDescription: "redis 7",
        CacheNodeType: "cache.t4g.micro",
        Engine: "redis",
        EngineVersion: "7.1",
      }),
    );
    await pollUntil(
      async () =>
        (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "asks-redis7" })))
          .ReplicationGroups?.[0],
      (group) => group?.Status === "available",
      EAGER,
    );
    const event = await createdEvent("replication-group", "asks-redis7");
    const server = await emulatorEngineMajor();
    expect(event).toMatch(
      server === "7"
        ? /\(redis 7\.1 requested; its engines run Redis OSS 7\.\d+\.\d+\)$/
        : /\(redis 7\.1 requested; its engines run .*, not redis 7\)$/,
    );
  });
});

/** The major version of the one engine the runtime runs for redis (redis-server here, `redis:7` in containers). */
async function emulatorEngineMajor(): Promise<string> {
  if (runtimeUnderTest === "container") return "7";
  const { execFile } = await import("node:child_process");
  const { promisify } = await import("node:util");
  const { stdout } = await promisify(execFile)("redis-server", ["--version"]);
  return /v=(\d+)\./.exec(stdout)?.[1] ?? "unknown";
}
