import {
  CacheSubnetGroupNotFoundFault,
  CreateCacheParameterGroupCommand,
  CreateCacheSubnetGroupCommand,
  CreateReplicationGroupCommand,
  CreateUserCommand,
  CreateUserGroupCommand,
  DefaultUserRequired,
  DeleteCacheSubnetGroupCommand,
  DescribeCacheParameterGroupsCommand,
  DuplicateUserNameFault,
  ElastiCacheClient,
  ElastiCacheServiceException,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  InvalidReplicationGroupStateFault,
  ModifyCacheParameterGroupCommand,
  ModifyReplicationGroupCommand,
  ModifyUserGroupCommand,
  RemoveTagsFromResourceCommand,
  ReplicationGroupAlreadyExistsFault,
  TagNotFoundFault,
  UserGroupNotFoundFault,
  UserNotFoundFault,
  type CreateReplicationGroupCommandInput,
} from "@aws-sdk/client-elasticache";
import * as sdk from "@aws-sdk/client-elasticache";
import { afterAll, describe, expect, it } from "vitest";
import { FAULT_CODES } from "../src/protocol/aws-fault.js";
import { startTestEmulator } from "./support/test-emulator.js";

// Long enough that a new replication group is still creating while the tests look at it.
const emulator = await startTestEmulator({ delays: { createMs: 10_000, modifyMs: 50, deleteMs: 50 } });
const client = new ElastiCacheClient({
  endpoint: emulator.url,
  region: emulator.region,
  credentials: { accessKeyId: "AKIDVALIDATION", secretAccessKey: "secret" },
  maxAttempts: 1,
});

afterAll(async () => {
  client.destroy();
  await emulator.close();
});

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("the call succeeded but was expected to fail");
    },
    (error: unknown) => error as Error,
  );

const group = (input: Partial<CreateReplicationGroupCommandInput>) =>
  client.send(
    new CreateReplicationGroupCommand({
      ReplicationGroupId: "valid-1",
      ReplicationGroupDescription: "validation",
      CacheNodeType: "cache.t4g.micro",
      ...input,
    }),
  );

describe("validation like AWS, answered with AWS's wire codes", () => {
  it("declares every fault with the code and status of ElastiCache's service model", () => {
    const declared = new Map<string, number>();
    for (const value of Object.values(sdk)) {
      const traits =
        Array.isArray(value) && value[0] === -3
          ? (value[3] as { awsQueryError?: [string, number] })
          : undefined;
      if (traits?.awsQueryError) declared.set(traits.awsQueryError[0], traits.awsQueryError[1]);
    }
    for (const [code, status] of Object.entries(FAULT_CODES))
      expect([code, declared.get(code)]).toEqual([code, status]);
  });

  it.each([
    ["a digit first", "1cache", /must begin with a letter/],
    ["41 characters", `a${"b".repeat(40)}`, /1 to 40 characters/],
    ["two hyphens", "a--b", /two consecutive hyphens/],
    ["a trailing hyphen", "ab-", /end with a hyphen/],
    ["an underscore", "a_b", /letters, digits and hyphens/],
  ])("refuses a replication group id with %s", async (_label, id, rule) => {
    const error = await rejection(group({ ReplicationGroupId: id }));
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toMatch(rule);
  });

  it("refuses missing required parameters, naming them", async () => {
    const error = await rejection(group({ ReplicationGroupDescription: "" }));
    expect(error).toBeInstanceOf(InvalidParameterValueException);
    expect(error.message).toBe(
      "The parameter ReplicationGroupDescription must be provided and must not be blank.",
    );
  });

  it("refuses an AUTH token without TLS, and tokens outside AWS's rules", async () => {
    const withoutTls = await rejection(group({ AuthToken: "a-valid-token-12345" }));
    expect(withoutTls).toBeInstanceOf(InvalidParameterCombinationException);
    expect(withoutTls.message).toMatch(/TransitEncryptionEnabled/);
    const short = await rejection(group({ TransitEncryptionEnabled: true, AuthToken: "short" }));
    expect(short).toBeInstanceOf(InvalidParameterValueException);
    const special = await rejection(
      group({ TransitEncryptionEnabled: true, AuthToken: "a-valid-token-12345@" }),
    );
    expect(special.message).toMatch(/only permitted printable special characters/);
    expect(special.message).not.toContain("a-valid-token-12345@");
  });

  it("refuses an unknown subnet group, user group and parameter group", async () => {
    expect(await rejection(group({ CacheSubnetGroupName: "missing" }))).toBeInstanceOf(
      CacheSubnetGroupNotFoundFault,
    );
    expect(
      await rejection(group({ TransitEncryptionEnabled: true, UserGroupIds: ["nobody"] })),
    ).toBeInstanceOf(UserGroupNotFoundFault);
    expect(await rejection(group({ CacheParameterGroupName: "missing" }))).toMatchObject({
      name: "CacheParameterGroupNotFoundFault",
    });
  });

  it("refuses duplicate ids and changes while creating", async () => {
    await client.send(
      new CreateCacheSubnetGroupCommand({
        CacheSubnetGroupName: "app-subnets",
        CacheSubnetGroupDescription: "app",
        SubnetIds: ["subnet-0123abcd"],
      }),
    );
    await group({ ReplicationGroupId: "slow-1", CacheSubnetGroupName: "app-subnets" });
    expect(await rejection(group({ ReplicationGroupId: "SLOW-1" }))).toBeInstanceOf(
      ReplicationGroupAlreadyExistsFault,
    );
    const busy = await rejection(
      client.send(
        new ModifyReplicationGroupCommand({ ReplicationGroupId: "slow-1", CacheNodeType: "cache.t4g.small" }),
      ),
    );
    expect(busy).toBeInstanceOf(InvalidReplicationGroupStateFault);
    expect(busy.message).toMatch(/creating/);
    expect(
      await rejection(
        client.send(new DeleteCacheSubnetGroupCommand({ CacheSubnetGroupName: "app-subnets" })),
      ),
    ).toMatchObject({ name: "CacheSubnetGroupInUse" });
  });

  it("applies ElastiCache's RBAC rules", async () => {
    const user = (UserId: string, UserName: string) =>
      client.send(
        new CreateUserCommand({
          UserId,
          UserName,
          Engine: "redis",
          AccessString: "on ~* +@all",
          Passwords: ["p".repeat(20)],
        }),
      );
    await user("alice-1", "alice");
    await user("alice-2", "alice");
    expect(
      await rejection(
        client.send(
          new CreateUserGroupCommand({
            UserGroupId: "g1",
            Engine: "redis",
            UserIds: ["default", "alice-1", "alice-2"],
          }),
        ),
      ),
    ).toBeInstanceOf(DuplicateUserNameFault);
    expect(
      await rejection(
        client.send(new CreateUserGroupCommand({ UserGroupId: "g2", Engine: "redis", UserIds: ["alice-1"] })),
      ),
    ).toBeInstanceOf(DefaultUserRequired);
    expect(
      await rejection(
        client.send(
          new CreateUserGroupCommand({ UserGroupId: "g3", Engine: "redis", UserIds: ["default", "bob"] }),
        ),
      ),
    ).toBeInstanceOf(UserNotFoundFault);
    expect(
      await rejection(
        client.send(new ModifyUserGroupCommand({ UserGroupId: "nothing", UserIdsToAdd: ["alice-1"] })),
      ),
    ).toBeInstanceOf(UserGroupNotFoundFault);
    const withPassword = await rejection(
      client.send(
        new CreateUserCommand({
          UserId: "carol",
          UserName: "carol",
          Engine: "redis",
          AccessString: "on >secret ~* +@all",
          NoPasswordRequired: true,
        }),
      ),
    );
    expect(withPassword).toBeInstanceOf(InvalidParameterValueException);
  });

  it("keeps tags and parameter groups to AWS's rules", async () => {
    const arn = `arn:aws:elasticache:${emulator.region}:000000000000:subnetgroup:default`;
    expect(
      await rejection(
        client.send(new RemoveTagsFromResourceCommand({ ResourceName: arn, TagKeys: ["absent"] })),
      ),
    ).toBeInstanceOf(TagNotFoundFault);
    expect(
      await rejection(
        client.send(new RemoveTagsFromResourceCommand({ ResourceName: "not-an-arn", TagKeys: ["a"] })),
      ),
    ).toMatchObject({
      name: "InvalidARNFault",
    });
    await client.send(
      new CreateCacheParameterGroupCommand({
        CacheParameterGroupName: "lru",
        CacheParameterGroupFamily: "valkey8",
        Description: "lru",
      }),
    );
    await client.send(
      new ModifyCacheParameterGroupCommand({
        CacheParameterGroupName: "lru",
        ParameterNameValues: [{ ParameterName: "maxmemory-policy", ParameterValue: "allkeys-lru" }],
      }),
    );
    const unknown = await rejection(
      client.send(
        new ModifyCacheParameterGroupCommand({
          CacheParameterGroupName: "lru",
          ParameterNameValues: [{ ParameterName: "no-such-parameter", ParameterValue: "1" }],
        }),
      ),
    );
    expect(unknown).toBeInstanceOf(InvalidParameterValueException);
    const { CacheParameterGroups } = await client.send(
      new DescribeCacheParameterGroupsCommand({ CacheParameterGroupName: "lru" }),
    );
    expect(CacheParameterGroups?.[0]).toMatchObject({
      CacheParameterGroupFamily: "valkey8",
      IsGlobal: false,
    });
  });
});

describe("requests AWS itself would refuse before any action", () => {
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(emulator.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      body,
    });
  const signed = {
    authorization:
      "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/elasticache/aws4_request, SignedHeaders=host, Signature=00",
  };

  it("refuses an unsigned request with MissingAuthenticationToken", async () => {
    const answer = await post("Action=DescribeUsers&Version=2015-02-02");
    expect(answer.status).toBe(403);
    expect(await answer.text()).toMatch(/<Code>MissingAuthenticationToken<\/Code>/);
  });

  it("refuses a signature scoped to another region with SignatureDoesNotMatch", async () => {
    const answer = await post("Action=DescribeUsers&Version=2015-02-02", {
      authorization: signed.authorization.replace("us-east-1", "eu-west-1"),
    });
    expect(answer.status).toBe(403);
    expect(await answer.text()).toMatch(/<Code>SignatureDoesNotMatch<\/Code>.*eu-west-1/s);
  });

  it("answers InvalidAction for an action ElastiCache does not have, and MissingAction without one", async () => {
    const answer = await post("Action=LaunchRockets&Version=2015-02-02", signed);
    expect(answer.status).toBe(400);
    expect(await answer.text()).toMatch(/<Code>InvalidAction<\/Code>/);
    const missing = await post("Version=2015-02-02", signed);
    expect(await missing.text()).toMatch(/<Code>MissingAction<\/Code>/);
  });

  it("serves the CA that signs the engines' certificates", async () => {
    const answer = await fetch(`${emulator.url}/_emulator/ca.pem`);
    expect(await answer.text()).toBe(emulator.caPem);
    expect(emulator.caPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(emulator.caPem).not.toMatch(/PRIVATE KEY/);
  });
});

it("raises ElastiCacheServiceException subclasses, never plain errors", async () => {
  expect(await rejection(group({ ReplicationGroupId: "" }))).toBeInstanceOf(ElastiCacheServiceException);
});
