import {
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  DescribeEventsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCachesCommand,
  DescribeUsersCommand,
  ElastiCacheClient,
  ElastiCacheServiceException,
} from "@aws-sdk/client-elasticache";
import { afterAll, describe, expect, it } from "vitest";
import { pollUntil } from "./support/poll.js";
import { startTestEmulator } from "./support/test-emulator.js";

// Create failures are set at start, the way `EMULATOR_FAIL_CREATE_PATTERN` does.
const emulator = await startTestEmulator({
  faults: {
    createFailedPattern: "^doomed-",
    createFailedMessage: "Insufficient capacity in us-east-1a (injected)",
  },
});
const clientWith = (maxAttempts?: number) =>
  new ElastiCacheClient({
    endpoint: emulator.url,
    region: emulator.region,
    credentials: { accessKeyId: "AKIDFAULTS", secretAccessKey: "secret" },
    ...(maxAttempts !== undefined ? { maxAttempts } : {}),
  });
const client = clientWith(1);

/** Changes the fault settings at run time, through the admin endpoint. */
async function putFaults(settings: unknown): Promise<Response> {
  return fetch(`${emulator.url}/_emulator/faults`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
}

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe("injected faults raise the SDK's own errors", () => {
  it("ends creates of ids matching the pattern set at start in create-failed, with the message in DescribeEvents", async () => {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "doomed-rg",
        ReplicationGroupDescription: "fails",
        CacheNodeType: "cache.t4g.micro",
      }),
    );
    await client.send(
      new CreateServerlessCacheCommand({ ServerlessCacheName: "doomed-sc", Engine: "valkey" }),
    );
    const group = await pollUntil(
      async () =>
        (await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "doomed-rg" })))
          .ReplicationGroups?.[0],
      (found) => found?.Status !== "creating",
    );
    expect(group?.Status).toBe("create-failed");
    const serverless = await pollUntil(
      async () =>
        (await client.send(new DescribeServerlessCachesCommand({ ServerlessCacheName: "doomed-sc" })))
          .ServerlessCaches?.[0],
      (found) => found?.Status !== "creating",
    );
    expect(serverless?.Status).toBe("create-failed");
    const { Events } = await client.send(
      new DescribeEventsCommand({ SourceType: "replication-group", SourceIdentifier: "doomed-rg" }),
    );
    expect(Events).toEqual([
      expect.objectContaining({
        SourceIdentifier: "doomed-rg",
        SourceType: "replication-group",
        Message: "Insufficient capacity in us-east-1a (injected)",
        Date: expect.any(Date),
      }),
    ]);
  });

  it("throttles every Nth call with Throttling, which the SDK's retries absorb", async () => {
    expect((await putFaults({ throttleEvery: 2 })).status).toBe(200);
    await client.send(new DescribeUsersCommand({}));
    const throttled = await rejection(client.send(new DescribeUsersCommand({})));
    expect(throttled).toBeInstanceOf(ElastiCacheServiceException);
    expect(throttled).toMatchObject({
      name: "Throttling",
      message: "Rate exceeded",
      $metadata: { httpStatusCode: 400 },
    });

    const retrying = clientWith();
    try {
      // The default retry strategy retries the throttled call, so every call succeeds.
      for (let call = 0; call < 4; call += 1) await retrying.send(new DescribeUsersCommand({}));
    } finally {
      retrying.destroy();
    }
    await fetch(`${emulator.url}/_emulator/faults`, { method: "DELETE" });
  });

  it("denies named actions with AccessDenied naming the missing permission", async () => {
    expect((await putFaults({ denyActions: ["CreateReplicationGroup"] })).status).toBe(200);
    const denied = await rejection(
      client.send(
        new CreateReplicationGroupCommand({
          ReplicationGroupId: "denied-1",
          ReplicationGroupDescription: "denied",
          CacheNodeType: "cache.t4g.micro",
        }),
      ),
    );
    expect(denied).toBeInstanceOf(ElastiCacheServiceException);
    expect(denied).toMatchObject({ name: "AccessDenied", $metadata: { httpStatusCode: 403 } });
    expect((denied as Error).message).toMatch(
      /^User: arn:aws:sts::000000000000:assumed-role\/elasticache-emulator\/AKIDFAULTS is not authorized to perform: elasticache:CreateReplicationGroup on resource: arn:aws:elasticache:us-east-1:000000000000:replicationgroup:denied-1/,
    );
    // Other actions still work.
    await client.send(new DescribeReplicationGroupsCommand({}));
    await fetch(`${emulator.url}/_emulator/faults`, { method: "DELETE" });
  });

  it("makes creates slower by the configured extra time", async () => {
    await putFaults({ slowCreateMs: 1_500 });
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "slow-rg",
        ReplicationGroupDescription: "slow",
        CacheNodeType: "cache.t4g.micro",
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 700));
    const describe = () =>
      client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "slow-rg" }));
    expect((await describe()).ReplicationGroups?.[0]?.Status).toBe("creating");
    await pollUntil(describe, (answer) => answer.ReplicationGroups?.[0]?.Status === "available");
    await fetch(`${emulator.url}/_emulator/faults`, { method: "DELETE" });
  });

  it("refuses a malformed fault setting, naming the field", async () => {
    const answer = await putFaults({ throttleEvery: "often", createFailedPattern: "(" });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toEqual({
      problems: expect.arrayContaining([
        expect.stringMatching(/^throttleEvery: /),
        "createFailedPattern: must be a valid regular expression",
      ]),
    });
  });
});
