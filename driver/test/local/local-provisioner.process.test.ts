import { chmod, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listManagedInstances } from "../../src/provisioners/local/list-managed-instances.js";
import { localProvisionerSuite } from "./local-provisioner-suite.js";
import { newPassword, openTestProvisioner, requestFor, waitForStatus } from "./test-provisioner.js";

localProvisionerSuite("process");

describe("local provisioner, process runtime specifics", () => {
  let fakeDir: string;
  let brokenRedis: string;

  beforeAll(async () => {
    fakeDir = await mkdtemp(path.join(tmpdir(), "fake-redis-"));
    brokenRedis = path.join(fakeDir, "redis-server");
    await writeFile(
      brokenRedis,
      '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Redis server v=7.0.0"; exit 0; fi\necho "FATAL: cannot open the fake data dir" >&2\nexit 3\n',
    );
    await chmod(brokenRedis, 0o755);
  });
  afterAll(async () => {
    await rm(fakeDir, { recursive: true, force: true });
  });

  test("a Redis that cannot start turns the resource failed with its log's words and no password", async () => {
    await using harness = await openTestProvisioner({ runtime: "process", redisServerPath: brokenRedis });
    const { provisioner } = harness;
    const request = requestFor("doomed", { tls: true });
    await provisioner.create(request);
    const failed = await waitForStatus(provisioner, "doomed", "failed");
    expect(failed.reason).toMatch(/exited with code 3/);
    expect(failed.reason).toContain("cannot open the fake data dir");
    expect(failed.reason).not.toContain(request.password);
    expect(harness.logs.join("\n")).not.toContain(request.password);

    await provisioner.delete("doomed", {});
    expect((await provisioner.describe("doomed", {})).status).toBe("absent");
  });

  test("a create interrupted by a driver stop is cleaned up by the next provisioner", async () => {
    await using first = await openTestProvisioner({ runtime: "process", createDelayMs: 60_000 });
    await first.provisioner.create(requestFor("interrupted", { tls: false }));
    await first.provisioner.close();

    await using second = await openTestProvisioner({ runtime: "process", stateDir: first.stateDir });
    expect((await second.provisioner.describe("interrupted", {})).status).toBe("absent");
    expect(await readdir(path.join(first.stateDir, "records"))).toEqual([]);
  });

  test("a Redis killed behind the driver's back turns the resource failed, and a restart forgets it", async () => {
    await using first = await openTestProvisioner({ runtime: "process" });
    await first.provisioner.create(requestFor("killed", { tls: false }, newPassword()));
    await waitForStatus(first.provisioner, "killed", "available");
    const [pid] = (await listManagedInstances(first.stateDir)).processes;
    expect(pid).toBeDefined();
    process.kill(pid ?? 0, "SIGKILL");
    const failed = await waitForStatus(first.provisioner, "killed", "failed");
    // Whichever is seen first: the exit of the process, or its port refusing the PING.
    expect(failed.reason).toMatch(/stopped outside the driver|does not answer PING/);
    await first.provisioner.close();

    await using second = await openTestProvisioner({ runtime: "process", stateDir: first.stateDir });
    expect((await second.provisioner.describe("killed", {})).status).toBe("absent");
  });

  test("a Redis that runs but does not answer (SIGSTOP) reads failed, and available again once it answers", async () => {
    await using harness = await openTestProvisioner({ runtime: "process", pingTimeoutMs: 300 });
    const { provisioner } = harness;
    await provisioner.create(requestFor("hung", { tls: true }, newPassword()));
    await waitForStatus(provisioner, "hung", "available");
    const [pid] = (await listManagedInstances(harness.stateDir)).processes;
    expect(pid).toBeDefined();
    process.kill(pid ?? 0, "SIGSTOP");
    try {
      const hung = await provisioner.describe("hung", {});
      expect(hung).toMatchObject({
        status: "failed",
        reason: expect.stringMatching(
          /^its Redis \(redis-server pid \d+\) runs but does not answer PING .*no answer within 300 ms$/,
        ),
      });
    } finally {
      process.kill(pid ?? 0, "SIGCONT");
    }
    expect((await provisioner.describe("hung", {})).status).toBe("available");
    expect(harness.logs.join("\n")).toMatch(/"msg":"resource does not answer"/);
  });

  test("a restart stops a Redis of the state dir that no record claims", async () => {
    await using first = await openTestProvisioner({ runtime: "process" });
    await first.provisioner.create(requestFor("unclaimed", { tls: false }));
    await waitForStatus(first.provisioner, "unclaimed", "available");
    await first.provisioner.close();
    await rm(path.join(first.stateDir, "records"), { recursive: true });

    await using _second = await openTestProvisioner({ runtime: "process", stateDir: first.stateDir });
    expect(await listManagedInstances(first.stateDir)).toEqual({ processes: [], containers: [] });
  });

  test("rejects what one local Redis cannot be, naming the field and the fix", async () => {
    await using harness = await openTestProvisioner({ runtime: "process" });
    const { provisioner } = harness;
    const spec = (inputs: Parameters<typeof requestFor>[1]) => requestFor("x", inputs).spec;
    const unsupported = (inputs: Parameters<typeof requestFor>[1]) =>
      provisioner.capabilities.unsupported(spec(inputs));
    expect(unsupported({ mode: "cluster", shards: 3, replicas: 1 })).toEqual([
      expect.objectContaining({ field: "driver.values.mode" }),
      expect.objectContaining({ field: "driver.values.shards", fix: expect.stringContaining("shards to 1") }),
      expect.objectContaining({ field: "driver.values.replicas" }),
    ]);
    expect(unsupported({ deployment: "shared", shared_cache: "team-cache" })).toEqual([
      expect.objectContaining({ field: "driver.values.deployment" }),
      expect.objectContaining({ field: "driver.values.shared_cache" }),
    ]);
    expect(
      unsupported({ node_type: "cache.r7g.large", at_rest_encryption: true, tags: { team: "a" } }),
    ).toEqual([]);
    expect(provisioner.capabilities.needsCloudCredentials).toBe(false);
    expect(provisioner.name).toBe("local/process");
  });
});
