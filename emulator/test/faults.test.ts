import {
  CreateReplicationGroupCommand,
  CreateServerlessCacheCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DescribeUserGroupsCommand,
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

const admin = (route: string, init?: RequestInit) => fetch(`${emulator.url}/_emulator/${route}`, init);
const postJson = (route: string, body: unknown) =>
  admin(route, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

interface LoggedRequest {
  seq: number;
  action: string;
  keys: Record<string, unknown>;
  status: number;
  outcome: string;
  injected?: string;
  heldMs?: number;
  releasedBy?: string;
}

async function loggedRequests(query = ""): Promise<LoggedRequest[]> {
  const answer = await admin(`requests${query}`);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { requests: LoggedRequest[] }).requests;
}

const createUser = (id: string, password: string) =>
  client.send(
    new CreateUserCommand({
      UserId: id,
      UserName: id,
      Engine: "redis",
      AccessString: "on ~app:* +@all",
      Passwords: [password],
    }),
  );

describe("faults a test can aim, over the admin routes", () => {
  it("throttles only the chosen calls of a named action", async () => {
    expect((await putFaults({ throttleActions: { CreateUser: { after: 1, times: 1 } } })).status).toBe(200);
    const since = Math.max(0, ...(await loggedRequests()).map((request) => request.seq));
    await createUser("aimed-first", "aimed-password-first-0001");
    const throttled = await rejection(createUser("aimed-second", "aimed-password-second-001"));
    expect(throttled).toBeInstanceOf(ElastiCacheServiceException);
    expect((throttled as ElastiCacheServiceException).name).toBe("Throttling");
    await client.send(new DescribeUsersCommand({}));
    // Only one call is chosen (times: 1): the same creation again goes through.
    await createUser("aimed-second", "aimed-password-second-001");
    expect(
      (await loggedRequests(`?since=${since}`)).map((request) => [
        request.action,
        request.outcome,
        request.injected,
      ]),
    ).toEqual([
      ["CreateUser", "ok", undefined],
      ["CreateUser", "Throttling", "throttled"],
      ["DescribeUsers", "ok", undefined],
      ["CreateUser", "ok", undefined],
    ]);
    await admin("faults", { method: "DELETE" });
  });

  it("holds a named action before it runs until the admin route releases it", async () => {
    await createUser("held-member", "held-member-password-001");
    expect((await putFaults({ pauseActions: { CreateUserGroup: {} } })).status).toBe(200);
    const creation = client.send(
      new CreateUserGroupCommand({
        UserGroupId: "held-group",
        Engine: "redis",
        UserIds: ["default", "held-member"],
      }),
    );
    const held = await pollUntil(
      async () =>
        ((await (await admin("held")).json()) as { held: { id: number; action: string; keys: unknown }[] })
          .held,
      (calls) => calls.length > 0,
    );
    expect(held).toEqual([
      expect.objectContaining({
        action: "CreateUserGroup",
        keys: { UserGroupId: "held-group", UserIds: ["default", "held-member"] },
      }),
    ]);
    // Held before it ran: other calls are answered meanwhile, and the group does not exist yet.
    const groups = await client.send(new DescribeUserGroupsCommand({}));
    expect(groups.UserGroups?.map((group) => group.UserGroupId)).not.toContain("held-group");

    expect((await postJson("held/release", { action: "DeleteUser" })).status).toBe(200);
    expect(((await (await admin("held")).json()) as { held: unknown[] }).held).toHaveLength(1);
    const released = await postJson("held/release", { id: held[0]?.id });
    expect(await released.json()).toEqual({ released: [held[0]?.id] });
    expect((await creation).UserGroupId).toBe("held-group");
    const [logged] = await loggedRequests("?action=CreateUserGroup");
    expect(logged).toMatchObject({ status: 200, outcome: "ok", injected: "held", releasedBy: "release" });
    expect(logged?.heldMs).toBeGreaterThan(0);

    // Released with throttle: answered Throttling, and it never ran (a client that died holding it).
    const dropped = rejection(
      client.send(
        new CreateUserGroupCommand({ UserGroupId: "dropped-group", Engine: "redis", UserIds: ["default"] }),
      ),
    );
    await pollUntil(
      async () => ((await (await admin("held")).json()) as { held: unknown[] }).held,
      (calls) => calls.length > 0,
    );
    expect(await (await postJson("held/release", { throttle: true })).json()).toEqual({
      released: [expect.any(Number)],
    });
    expect(((await dropped) as ElastiCacheServiceException).name).toBe("Throttling");
    const after = await client.send(new DescribeUserGroupsCommand({}));
    expect(after.UserGroups?.map((group) => group.UserGroupId)).not.toContain("dropped-group");
    expect((await loggedRequests("?action=CreateUserGroup")).at(-1)).toMatchObject({
      keys: { UserGroupId: "dropped-group", UserIds: ["default"] },
      outcome: "Throttling",
      injected: "held",
      releasedBy: "throttle",
    });
    await admin("faults", { method: "DELETE" });
  });

  it("logs every call with its resource ids and outcome, and never a password or token", async () => {
    const password = "log-check-password-0123456789";
    const token = "log-check-auth-token-0123456789";
    const since = Math.max(0, ...(await loggedRequests()).map((request) => request.seq));
    await createUser("logged-user", password);
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: "logged-rg",
        ReplicationGroupDescription: "logged",
        CacheNodeType: "cache.t4g.micro",
        TransitEncryptionEnabled: true,
        AuthToken: token,
      }),
    );
    await rejection(client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: "no-such-rg" })));
    const answer = await admin(`requests?since=${since}`);
    const text = await answer.text();
    expect(text).not.toContain(password);
    expect(text).not.toContain(token);
    const requests = (JSON.parse(text) as { requests: LoggedRequest[] }).requests;
    expect(requests.map(({ action, keys, status, outcome }) => ({ action, keys, status, outcome }))).toEqual([
      {
        action: "CreateUser",
        keys: { UserId: "logged-user", UserName: "logged-user" },
        status: 200,
        outcome: "ok",
      },
      {
        action: "CreateReplicationGroup",
        keys: { ReplicationGroupId: "logged-rg" },
        status: 200,
        outcome: "ok",
      },
      {
        action: "DescribeReplicationGroups",
        keys: { ReplicationGroupId: "no-such-rg" },
        status: 404,
        outcome: "ReplicationGroupNotFoundFault",
      },
    ]);
    expect(requests.map((request) => request.seq)).toEqual([since + 1, since + 2, since + 3]);
    expect((await admin("requests", { method: "DELETE" })).status).toBe(200);
    expect(await loggedRequests()).toEqual([]);
  });

  it("refuses malformed admin input with 400 naming the field, and unknown routes with 404", async () => {
    const badSince = await admin("requests?since=yesterday");
    expect(badSince.status).toBe(400);
    expect(JSON.stringify(await badSince.json())).toContain("since: must be a non-negative integer");
    const badRelease = await postJson("held/release", { action: "ModifyUser", when: "now" });
    expect(badRelease.status).toBe(400);
    expect(JSON.stringify(await badRelease.json())).toContain("when");
    const badPause = await putFaults({ pauseActions: { ModifyUser: { every: 0 } } });
    expect(badPause.status).toBe(400);
    expect(JSON.stringify(await badPause.json())).toContain("pauseActions.ModifyUser.every");
    const unknown = await admin("pauses");
    expect(unknown.status).toBe(404);
    expect(JSON.stringify(await unknown.json())).toContain("POST held/release");
  });
});
