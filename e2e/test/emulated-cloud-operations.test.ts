import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { HumanitecCaller } from "../src/index.js";
import { repeatWhile202, startEmulatedCloud, type EmulatedCloud } from "./support/emulated-cloud.js";

/** What /readyz answers once the readiness cache (100 ms here) has turned over. */
async function readiness(driverOrigin: string): Promise<{ status: number; reason?: string }> {
  await sleep(150);
  const response = await fetch(`${driverOrigin}/readyz`);
  const body = (await response.json()) as { reason?: string };
  return { status: response.status, ...(body.reason ? { reason: body.reason } : {}) };
}

const faults = (url: string, settings?: object) =>
  fetch(`${url}/_emulator/faults`, {
    method: settings ? "PUT" : "DELETE",
    headers: { "content-type": "application/json" },
    ...(settings ? { body: JSON.stringify(settings) } : {}),
  });

/** Operating the driver in elasticache mode: readiness from the cloud, AWS request ids in the logs. */
describe("the elasticache provisioner operated over the wire", () => {
  let cloud: EmulatedCloud;
  let origin: string;

  beforeAll(async () => {
    cloud = await startEmulatedCloud(
      { delays: { createMs: 200, modifyMs: 200, deleteMs: 200 } },
      { DRIVER_READY_CHECK_MS: "100", DRIVER_LOG_LEVEL: "debug" },
    );
    origin = new URL(cloud.driver.url).origin;
  });
  afterAll(async () => {
    await cloud?.close();
  });

  it("/readyz turns 503 naming the permission when the driver's credentials are denied the read, and back", async () => {
    expect(await readiness(origin)).toEqual({ status: 200 });
    await faults(cloud.emulator.url, { denyActions: ["DescribeCacheSubnetGroups"] });
    try {
      const denied = await readiness(origin);
      expect(denied.status).toBe(503);
      expect(denied.reason).toMatch(/elasticache:DescribeCacheSubnetGroups/);
      expect(denied.reason).toMatch(/Fix: allow elasticache:DescribeCacheSubnetGroups to the driver's role/);
    } finally {
      await faults(cloud.emulator.url);
    }
    expect(await readiness(origin)).toEqual({ status: 200 });
  });

  it("one request id from the answer header through the driver's log lines to AWS's request ids", async () => {
    const requestId = `ops-test-${randomBytes(6).toString("hex")}`;
    const caller = new HumanitecCaller({ driverUrl: cloud.driver.url });
    const id = randomBytes(20).toString("hex");
    const first = await fetch(`${cloud.driver.url}${id}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-request-id": requestId },
      body: JSON.stringify({ type: "redis", driver: { values: {}, secrets: {} } }),
    });
    expect(first.headers.get("x-request-id")).toBe(requestId);
    expect(first.status).toBe(202);

    const linesOfRequest = () =>
      cloud.driver
        .output()
        .split("\n")
        .filter((line) => line.includes(requestId))
        .map((line) => JSON.parse(line) as { msg: string; aws?: { operation: string; requestId?: string } });
    const createsOf = (lines: ReturnType<typeof linesOfRequest>) =>
      lines.filter((line) => line.aws?.operation === "ElastiCache.CreateReplicationGroup");
    // The driver's log reaches this process through a pipe, after the answer on a busy machine.
    await vi.waitFor(() => expect(createsOf(linesOfRequest())).toHaveLength(1), { timeout: 10_000 });
    const lines = linesOfRequest();
    const creates = createsOf(lines);
    expect(creates[0]?.aws?.requestId).toMatch(/\S{8,}/);
    expect(lines.some((line) => line.aws?.operation.startsWith("ElastiCache.Describe"))).toBe(true);
    // No secret of the create reaches the log: AuthToken is in the request, never in a line.
    expect(cloud.driver.output()).not.toMatch(/AuthToken/i);

    expect(
      (await repeatWhile202(() => caller.put(id, { type: "redis", driver: { values: {}, secrets: {} } }))).at(
        -1,
      )?.status,
    ).toBe(200);
    expect((await repeatWhile202(() => caller.delete(id))).at(-1)?.status).toBe(204);
  });
});

describe("the elasticache provisioner with a subnet group that does not exist", () => {
  it("/readyz says which subnet group and how to fix it", async () => {
    const cloud = await startEmulatedCloud(
      {},
      { DRIVER_READY_CHECK_MS: "100", ELASTICACHE_SUBNET_GROUP: "no-such-group" },
    );
    try {
      const answer = await readiness(new URL(cloud.driver.url).origin);
      expect(answer.status).toBe(503);
      expect(answer.reason).toMatch(/no-such-group/);
      expect(answer.reason).toMatch(
        /Fix: set ELASTICACHE_SUBNET_GROUP to a subnet group of this region and account/,
      );
    } finally {
      await cloud.close();
    }
  });
});
