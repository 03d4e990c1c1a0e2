import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { ElastiCacheClient } from "@aws-sdk/client-elasticache";
import { startEmulator, type RunningEmulator } from "@elasticache-driver-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollUntil } from "../src/index.js";
import { loginProblem, type ReadyOutputs } from "../src/soak/cache-login.js";
import { endpointClient, inventory, leftovers } from "../src/soak/endpoint-inventory.js";
import { ReplicaPair } from "../src/soak/replica-pair.js";
import { answerProblem, RoundRobinCaller, type SoakAnswer } from "../src/soak/round-robin-caller.js";

/**
 * The races of two driver replicas, made exact with the local endpoint's aimed faults: one
 * replica's call is held between two named calls while the other replica looks, then released,
 * and the request log shows what each did. (The soak reaches these interleavings by chance.)
 */
let emulator: RunningEmulator;
let aws: ElastiCacheClient;
let pair: ReplicaPair;
let before: Set<string>;

beforeAll(async () => {
  emulator = await startEmulator({
    runtime: "process",
    host: "127.0.0.1",
    delays: { createMs: 500, modifyMs: 200, deleteMs: 200 },
  });
  aws = endpointClient(emulator);
  before = await inventory(aws);
  pair = await ReplicaPair.start({
    ...emulator.env,
    HOST: "127.0.0.1",
    DRIVER_PROVISIONER: "elasticache",
    DRIVER_SECRET_KEY: randomBytes(32).toString("hex"),
    ELASTICACHE_SUBNET_GROUP: "default",
    DRIVER_STATUS_CACHE_MS: "100",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
}, 90_000);

afterAll(async () => {
  emulator?.held.release();
  await pair?.close();
  aws?.destroy();
  await emulator?.close();
});

const inputs = (values: Record<string, unknown>) => ({ type: "redis", driver: { values, secrets: {} } });

/** Waits until the endpoint holds a call of `action`; its keys. */
async function heldCall(action: string) {
  const { value } = await pollUntil(
    () => Promise.resolve(emulator.held.list()),
    (calls) => calls.some((call) => call.action === action),
    { timeoutMs: 30_000, intervalMs: 20, what: `a held ${action}` },
  );
  return value.find((call) => call.action === action);
}

/** Every answer a valid request gets must be right (no 4xx, no 5xx but the cold fallback). */
function expectRight(answer: SoakAnswer): SoakAnswer {
  expect(
    answerProblem(answer),
    `${answer.method} on replica ${answer.replica}: ${answer.text}`,
  ).toBeUndefined();
  return answer;
}

async function untilStatus(
  caller: RoundRobinCaller,
  method: "PUT" | "DELETE",
  id: string,
  body: unknown,
  status: number,
): Promise<SoakAnswer> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = expectRight(await caller.send(method, id, body));
    if (answer.status === status) return answer;
    if (Date.now() > deadline) throw new Error(`${method} ${id} did not answer ${status} within 60 s`);
    await sleep(150);
  }
}

describe("two replicas, one held between two named calls", () => {
  it("leaves replica A's new parameter group alone while A is held between creating and modifying it", async () => {
    const caller = new RoundRobinCaller(pair, 2_000);
    const id = `aimed-pg-${randomBytes(6).toString("hex")}`;
    const body = inputs({ deployment: "node-based", maxmemory_policy: "allkeys-lru" });
    emulator.faults.set({ pauseActions: { ModifyCacheParameterGroup: { times: 1 } } });
    const start = Math.max(0, ...emulator.requests().map((request) => request.seq));

    // A's first PUT creates the parameter group, then is held before it sets the policy on it.
    const first = caller.send("PUT", id, body, 0);
    const held = await heldCall("ModifyCacheParameterGroup");
    expect(held?.action).toBe("ModifyCacheParameterGroup");

    // B gets the identical first PUT meanwhile: it finds a lone, young parameter group.
    const fromB = expectRight(await caller.send("PUT", id, body, 1));
    expect(fromB.replica).toBe(1);
    expect(fromB.status).toBe(202);

    emulator.held.release();
    const fromA = expectRight(await first);
    expect(fromA.replica).toBe(0);
    expect([200, 202]).toContain(fromA.status);

    const ready = await untilStatus(caller, "PUT", id, body, 200);
    // Both replicas agree once it is ready.
    for (const replica of [0, 1] as const) {
      const answer = expectRight(await caller.send("GET", id, undefined, replica));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(ready.body);
    }
    const beforeDelete = Math.max(0, ...emulator.requests().map((request) => request.seq));
    await untilStatus(caller, "DELETE", id, undefined, 204);

    // The calls, from the request log: the group was made once and deleted only by the DELETE.
    const calls = emulator.requests({ since: start });
    const named = (action: string) => calls.filter((call) => call.action === action);
    expect(named("CreateCacheParameterGroup").filter((call) => call.outcome === "ok")).toHaveLength(1);
    expect(named("ModifyCacheParameterGroup")[0]).toMatchObject({
      injected: "held",
      releasedBy: "release",
      outcome: "ok",
    });
    expect(named("DeleteCacheParameterGroup").filter((call) => call.seq <= beforeDelete)).toEqual([]);
    expect(named("CreateReplicationGroup").filter((call) => call.outcome === "ok")).toHaveLength(1);
    expect(await leftovers(aws, before, 15_000)).toEqual([]);
  }, 120_000);

  it("finishes a serverless creation whose replica died retrying its second user, and deletes it all", async () => {
    const caller = new RoundRobinCaller(pair, 2_000);
    const id = `aimed-su-${randomBytes(6).toString("hex")}`;
    const body = inputs({ deployment: "serverless", username: "app" });
    // The first CreateUser (the resource's own user) works; the second (its stand-in default
    // user) is throttled, and the SDK's retry of it is held.
    emulator.faults.set({
      throttleActions: { CreateUser: { after: 1, times: 1 } },
      pauseActions: { CreateUser: { after: 2, times: 1 } },
    });
    const start = Math.max(0, ...emulator.requests().map((request) => request.seq));

    const first = caller.send("PUT", id, body, 0);
    const held = await heldCall("CreateUser");
    // Replica A dies in the retry, which never reaches AWS; its request goes to B.
    await pair.kill(0);
    expect(emulator.held.release({ throttle: true })).toEqual([held?.id]);
    emulator.faults.set({});
    expectRight(await first);
    await pair.restart(0);

    const ready = await untilStatus(caller, "PUT", id, body, 200);
    const outputs = (ready.body as { resource: ReadyOutputs }).resource;
    expect(await loginProblem(outputs, emulator.caPem)).toBeUndefined();
    for (const replica of [0, 1] as const) {
      const answer = expectRight(await caller.send("GET", id, undefined, replica));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual(ready.body);
    }
    await untilStatus(caller, "DELETE", id, undefined, 204);

    const creations = emulator.requests({ since: start, action: "CreateUser" });
    const [own, throttled, retried] = creations;
    expect(own).toMatchObject({ outcome: "ok" });
    expect(throttled).toMatchObject({ outcome: "Throttling", injected: "throttled" });
    expect(retried).toMatchObject({ outcome: "Throttling", injected: "held", releasedBy: "throttle" });
    expect(retried?.keys).toEqual(throttled?.keys);
    // Another replica created the missing user afterwards, exactly once.
    const later = creations.slice(3).filter((call) => call.outcome === "ok");
    expect(later.map((call) => call.keys)).toEqual([throttled?.keys]);
    expect(await leftovers(aws, before, 15_000)).toEqual([]);
  }, 120_000);

  it("finishes a node-based creation whose replica died between creating and modifying its parameter group", async () => {
    const caller = new RoundRobinCaller(pair, 2_000);
    const id = `aimed-pk-${randomBytes(6).toString("hex")}`;
    const body = inputs({ deployment: "node-based", maxmemory_policy: "allkeys-lru" });
    emulator.faults.set({ pauseActions: { ModifyCacheParameterGroup: { times: 1 } } });
    const start = Math.max(0, ...emulator.requests().map((request) => request.seq));

    // A made the parameter group and dies with its ModifyCacheParameterGroup in flight, which
    // AWS then refuses (Throttling): nothing of the creation is left to run anywhere.
    const first = caller.send("PUT", id, body, 0);
    const held = await heldCall("ModifyCacheParameterGroup");
    await pair.kill(0);
    expect(emulator.held.release({ throttle: true })).toEqual([held?.id]);
    emulator.faults.set({});
    // The caller sends the PUT A died under to B, which resumes the creation from A's group.
    const rerouted = expectRight(await first);
    expect(rerouted.replica).toBe(1);
    const named = (action: string) =>
      emulator.requests({ since: start }).filter((call) => call.action === action);

    // The PUTs of the same inputs, on B and on the restarted A, bring it to ready.
    await pair.restart(0);
    await untilStatus(caller, "PUT", id, body, 200);
    const beforeDelete = Math.max(0, ...emulator.requests().map((request) => request.seq));
    await untilStatus(caller, "DELETE", id, undefined, 204);

    expect(named("CreateCacheParameterGroup").filter((call) => call.outcome === "ok")).toHaveLength(1);
    expect(named("DeleteCacheParameterGroup").filter((call) => call.seq <= beforeDelete)).toEqual([]);
    expect(named("CreateReplicationGroup").filter((call) => call.outcome === "ok")).toHaveLength(1);
    expect(await leftovers(aws, before, 15_000)).toEqual([]);
  }, 120_000);
});
