import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { CreateCacheParameterGroupCommand, ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { afterAll, describe, expect, it } from "vitest";
import { startTestEmulator } from "./support/test-emulator.js";

/** Where `aws` is on the PATH, if it is: the test needs the AWS CLI and says so when it is missing. */
const awsCli = await new Promise<string | undefined>((resolve) =>
  execFile("sh", ["-c", "command -v aws"], (error, stdout) => resolve(error ? undefined : stdout.trim())),
);

// Creating lasts long enough that the CLI's waiter (one poll every 15 s) finds it creating first;
// modifying long enough that the next CLI process finds the group still modifying.
const emulator = await startTestEmulator({ delays: { createMs: 3_000, modifyMs: 6_000, deleteMs: 200 } });
const home = await mkdtemp(path.join(os.tmpdir(), "emulator-aws-cli-"));

afterAll(async () => {
  await emulator.close();
  await rm(home, { recursive: true, force: true });
});

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One `aws elasticache …` call against the endpoint, with nothing of this machine's AWS config. */
function aws(...args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      awsCli ?? "aws",
      ["--endpoint-url", emulator.url, "--output", "json", "elasticache", ...args],
      {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_CONFIG_FILE: path.join(home, "config"),
          AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
          AWS_ACCESS_KEY_ID: "AKIDAWSCLI",
          AWS_SECRET_ACCESS_KEY: "secret",
          AWS_DEFAULT_REGION: emulator.region,
          AWS_PAGER: "",
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The call's JSON answer; fails with the CLI's own words when it did not succeed. */
async function json<T = Record<string, unknown>>(...args: string[]): Promise<T> {
  const result = await aws(...args);
  expect(result.code, `aws ${args.join(" ")}: ${result.stderr}`).toBe(0);
  return (result.stdout.trim() === "" ? {} : JSON.parse(result.stdout)) as T;
}

/** The call's failure; the CLI prints AWS's error code in parentheses. */
async function failure(...args: string[]): Promise<string> {
  const result = await aws(...args);
  expect(result.code, `aws ${args.join(" ")} succeeded: ${result.stdout}`).not.toBe(0);
  return result.stderr;
}

const TOKEN = "cli-session-token-0123456789";
const NEW_TOKEN = "cli-session-token-9876543210";

describe("a scripted AWS CLI session (a parser nobody here wrote)", () => {
  it("creates, waits, paginates, rotates, manages parameter groups and users, and reads AWS's error codes", async (context) => {
    if (awsCli === undefined) context.skip("the AWS CLI (aws) is not on the PATH");

    const created = await json<{ ReplicationGroup: { Status: string } }>(
      "create-replication-group",
      "--replication-group-id",
      "cli-group",
      "--replication-group-description",
      "made by the AWS CLI",
      "--cache-node-type",
      "cache.t4g.micro",
      "--engine",
      "redis",
      "--num-cache-clusters",
      "2",
      "--transit-encryption-enabled",
      "--auth-token",
      TOKEN,
    );
    expect(created.ReplicationGroup.Status).toBe("creating");

    // The waiter finds it creating, sleeps its 15 s, and finds it available: two polls at least.
    const started = Date.now();
    await json("wait", "replication-group-available", "--replication-group-id", "cli-group");
    expect(Date.now() - started).toBeGreaterThan(14_000);
    await json("wait", "cache-cluster-available", "--cache-cluster-id", "cli-group-002");

    const clusters = await json<{
      CacheClusters: { CacheClusterId: string; CacheNodes: { Endpoint: { Port: number } }[] }[];
    }>("describe-cache-clusters", "--show-cache-node-info");
    expect(clusters.CacheClusters.map((cluster) => cluster.CacheClusterId)).toEqual([
      "cli-group-001",
      "cli-group-002",
    ]);
    expect(clusters.CacheClusters.every((cluster) => cluster.CacheNodes[0]?.Endpoint.Port)).toBe(true);

    const rotated = await json<{ ReplicationGroup: { PendingModifiedValues: { AuthTokenStatus?: string } } }>(
      "modify-replication-group",
      "--replication-group-id",
      "cli-group",
      "--auth-token",
      NEW_TOKEN,
      "--auth-token-update-strategy",
      "ROTATE",
      "--apply-immediately",
    );
    expect(rotated.ReplicationGroup.PendingModifiedValues.AuthTokenStatus).toBe("ROTATING");
    expect(
      await failure(
        "modify-replication-group",
        "--replication-group-id",
        "cli-group",
        "--snapshot-retention-limit",
        "1",
        "--apply-immediately",
      ),
    ).toMatch(/\(InvalidReplicationGroupState\)/);

    // Paginators: 12 default groups and 9 of the test's make 21, more than a page of 20.
    const sdk = new ElastiCacheClient({
      endpoint: emulator.url,
      region: emulator.region,
      credentials: { accessKeyId: "AKIDAWSCLI", secretAccessKey: "secret" },
    });
    try {
      for (let index = 1; index <= 9; index += 1) {
        await sdk.send(
          new CreateCacheParameterGroupCommand({
            CacheParameterGroupName: `page-${index}`,
            CacheParameterGroupFamily: "redis7",
            Description: "a page filler",
          }),
        );
      }
    } finally {
      sdk.destroy();
    }
    const everything = await json<{ CacheParameterGroups: unknown[] }>(
      "describe-cache-parameter-groups",
      "--page-size",
      "20",
    );
    expect(everything.CacheParameterGroups).toHaveLength(21);
    const firstFive = await json<{ CacheParameterGroups: unknown[]; NextToken: string }>(
      "describe-cache-parameter-groups",
      "--max-items",
      "5",
    );
    expect(firstFive.CacheParameterGroups).toHaveLength(5);
    const rest = await json<{ CacheParameterGroups: unknown[] }>(
      "describe-cache-parameter-groups",
      "--starting-token",
      firstFive.NextToken,
    );
    expect(rest.CacheParameterGroups).toHaveLength(16);

    await json(
      "modify-cache-parameter-group",
      "--cache-parameter-group-name",
      "page-1",
      "--parameter-name-values",
      "ParameterName=maxmemory-policy,ParameterValue=allkeys-lru",
    );
    const userParameters = await json<{ Parameters: { ParameterName: string; ParameterValue: string }[] }>(
      "describe-cache-parameters",
      "--cache-parameter-group-name",
      "page-1",
      "--source",
      "user",
    );
    expect(userParameters.Parameters).toEqual([
      expect.objectContaining({ ParameterName: "maxmemory-policy", ParameterValue: "allkeys-lru" }),
    ]);
    expect(
      await failure("delete-cache-parameter-group", "--cache-parameter-group-name", "default.redis7"),
    ).toMatch(/\(InvalidCacheParameterGroupState\)/);

    const user = await json<{ Status: string; Authentication: { PasswordCount: number } }>(
      "create-user",
      "--user-id",
      "cli-user",
      "--user-name",
      "cli-user",
      "--engine",
      "redis",
      "--access-string",
      "on ~app:* +@all",
      "--passwords",
      "cli-user-password-0123",
    );
    expect(user).toMatchObject({ Status: "active", Authentication: { PasswordCount: 1 } });
    expect(
      await failure(
        "create-user",
        "--user-id",
        "cli-bogus",
        "--user-name",
        "cli-bogus",
        "--engine",
        "redis",
        "--access-string",
        "on ~* +@bogus",
        "--no-password-required",
      ),
    ).toMatch(/\(InvalidParameterValue\).*\+@bogus/);

    expect(await failure("describe-replication-groups", "--replication-group-id", "no-such-group")).toMatch(
      /\(ReplicationGroupNotFoundFault\)/,
    );
    expect(await failure("describe-cache-clusters", "--cache-cluster-id", "no-such-001")).toMatch(
      /\(CacheClusterNotFound\)/,
    );
  }, 120_000);
});
