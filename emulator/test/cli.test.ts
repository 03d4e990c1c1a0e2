import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  CreateReplicationGroupCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from "@aws-sdk/client-elasticache";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runCli as runCliInProcess } from "../src/cli/run-cli.js";
import { runCli, waitForOutput } from "./support/cli-process.js";
import { pollUntil } from "./support/poll.js";
import { enginesOf } from "./support/processes.js";
import { redisImageUnderTest, runtimeUnderTest, startTestEmulator } from "./support/test-emulator.js";

const stateRoot = await mkdtemp(path.join(os.tmpdir(), "emulator-cli-"));
afterAll(() => rm(stateRoot, { recursive: true, force: true }));

const cliEnv = {
  EMULATOR_PORT: "0",
  EMULATOR_RUNTIME: runtimeUnderTest,
  EMULATOR_REDIS_IMAGE: redisImageUnderTest,
  EMULATOR_STATE_ROOT: stateRoot,
  EMULATOR_LOG_LEVEL: "warn",
  EMULATOR_CREATE_DELAY_MS: "50",
  EMULATOR_MODIFY_DELAY_MS: "50",
  EMULATOR_DELETE_DELAY_MS: "50",
};

/** What `pnpm emulator` printed to export, as an environment. */
function exportedEnv(output: string): Record<string, string> {
  return Object.fromEntries(
    [...output.matchAll(/^ {2}export (\w+)=(.*)$/gm)].map((match) => [match[1] ?? "", match[2] ?? ""]),
  );
}

/** Creates a replication group through the printed environment and waits until it is available. */
async function createAvailableGroup(env: Record<string, string>, id: string): Promise<void> {
  const client = new ElastiCacheClient({
    endpoint: env.AWS_ENDPOINT_URL_ELASTICACHE ?? "",
    region: env.AWS_REGION ?? "",
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? "",
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? "",
    },
  });
  try {
    await client.send(
      new CreateReplicationGroupCommand({
        ReplicationGroupId: id,
        ReplicationGroupDescription: "cli",
        CacheNodeType: "cache.t4g.micro",
      }),
    );
    await pollUntil(
      () => client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: id })),
      (answer) => answer.ReplicationGroups?.[0]?.Status === "available",
    );
  } finally {
    client.destroy();
  }
}

describe("pnpm emulator", () => {
  it("answers --help with its flags and environment variables", async () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      await runCliInProcess(["--help"], {});
      const text = write.mock.calls.map(([chunk]) => String(chunk)).join("");
      expect(text).toMatch(/Usage: pnpm emulator \[--port N\]/);
      expect(text).toMatch(/EMULATOR_FAIL_CREATE_PATTERN/);
    } finally {
      write.mockRestore();
    }
  });

  it("refuses a bad flag or variable with exit code 2, naming it", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await runCliInProcess(["--port", "http"], {});
      expect(process.exitCode).toBe(2);
      await runCliInProcess([], { EMULATOR_THROTTLE_EVERY: "-1" });
      const text = error.mock.calls.map((call) => call.map(String).join(" ")).join("\n");
      expect(text).toMatch(/--port: "http" is not a port number/);
      expect(text).toMatch(/EMULATOR_THROTTLE_EVERY: /);
    } finally {
      process.exitCode = undefined;
      error.mockRestore();
    }
  });

  it("prints what to export, and stops every engine it started on SIGTERM", async () => {
    await using cli = runCli([], cliEnv);
    await waitForOutput(cli, /Ctrl-C stops/);
    const env = exportedEnv(cli.output());
    expect(Object.keys(env)).toEqual([
      "AWS_ENDPOINT_URL_ELASTICACHE",
      "AWS_REGION",
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "NODE_EXTRA_CA_CERTS",
    ]);
    expect(env.AWS_ENDPOINT_URL_ELASTICACHE).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await createAvailableGroup(env, "cli-cache");
    const runDir = path.dirname(env.NODE_EXTRA_CA_CERTS ?? "");
    expect(await enginesOf(runDir)).toHaveLength(1);

    cli.child.kill("SIGTERM");
    expect(await cli.exited).toBe(0);
    expect(await enginesOf(runDir)).toEqual([]);
    expect(await readdir(stateRoot)).toEqual([]);
  });

  it("cleans up after a killed predecessor, and a restarted emulator starts empty", async () => {
    let runDir: string;
    {
      await using crashed = runCli([], cliEnv);
      await waitForOutput(crashed, /Ctrl-C stops/);
      const env = exportedEnv(crashed.output());
      runDir = path.dirname(env.NODE_EXTRA_CA_CERTS ?? "");
      await createAvailableGroup(env, "orphan-cache");
      crashed.child.kill("SIGKILL");
      await crashed.exited;
    }
    // Its engine outlived it, as after a crash.
    expect(await enginesOf(runDir)).toHaveLength(1);

    await using restarted = await startTestEmulator({ stateRoot });
    expect(await enginesOf(runDir)).toEqual([]);
    expect(await readdir(stateRoot)).toEqual([path.basename(restarted.stateDir)]);
    const client = new ElastiCacheClient({
      endpoint: restarted.url,
      region: restarted.region,
      credentials: { accessKeyId: "a", secretAccessKey: "b" },
    });
    try {
      expect((await client.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});
