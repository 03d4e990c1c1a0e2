import pino from "pino";
import { describe, expect, it } from "vitest";
import { DriverInputsSchema, type DriverInputs } from "../src/inputs/driver-inputs.js";
import { ResourceLifecycle } from "../src/lifecycle/resource-lifecycle.js";
import { elasticacheCapabilities } from "../src/provisioners/elasticache/elasticache-capabilities.js";
import type { Provisioner, ResourceState } from "../src/provisioners/provisioner.js";
import { SecretDeriver } from "../src/security/secret-deriver.js";

const ID = "0123456789abcdef0123456789abcdef01234567";
const NOW = new Date("2026-11-24T10:00:00Z");
const spec = (values: Partial<DriverInputs> = {}): DriverInputs => DriverInputsSchema.parse(values);

/** A backend whose creation of `stopped` stopped half-way: it reports `creating` with a step left. */
function halfCreated(stopped: DriverInputs) {
  const calls: string[] = [];
  let state: ResourceState = { status: "creating", spec: stopped, since: NOW, nextStep: "replication-group" };
  const provisioner: Provisioner = {
    name: "half-created",
    capabilities: elasticacheCapabilities,
    describe: () => Promise.resolve(state),
    create: (request) => {
      calls.push(`create ${request.spec.maxmemory_policy}`);
      state = { status: "creating", spec: request.spec, since: NOW };
      return Promise.resolve();
    },
    update: () => Promise.reject(new Error("no update expected")),
    delete: () => {
      calls.push("delete");
      state = { status: "absent" };
      return Promise.resolve();
    },
    close: () => Promise.resolve(),
  };
  const lifecycle = new ResourceLifecycle({
    provisioner,
    secrets: new SecretDeriver("k".repeat(32)),
    logger: pino({ level: "silent" }),
    statusCacheMs: 0,
    operationTimeoutMs: 60_000,
    now: () => NOW,
  });
  return { lifecycle, calls };
}

describe("ResourceLifecycle with a creation that stopped half-way", () => {
  const lru = spec({ maxmemory_policy: "allkeys-lru" });

  it("reports it to a GET and changes nothing; the PUT of the same inputs creates again", async () => {
    const { lifecycle, calls } = halfCreated(lru);
    expect(await lifecycle.get(ID, {})).toMatchObject({ kind: "in-progress", hint: { status: "creating" } });
    expect(calls).toEqual([]);
    expect(await lifecycle.put({ id: ID, spec: lru, secrets: {} })).toMatchObject({ kind: "in-progress" });
    expect(calls).toEqual(["create allkeys-lru"]);
    // Resumed: the backend shows an ordinary creation, which the next PUT only reports.
    await lifecycle.put({ id: ID, spec: lru, secrets: {} });
    expect(calls).toEqual(["create allkeys-lru"]);
  });

  it("answers a PUT of other inputs with a conflict and resumes nothing", async () => {
    const { lifecycle, calls } = halfCreated(lru);
    const other = spec({ maxmemory_policy: "allkeys-lfu" });
    expect(await lifecycle.put({ id: ID, spec: other, secrets: {} })).toMatchObject({ kind: "conflict" });
    expect(calls).toEqual([]);
  });

  it("deletes it on DELETE without resuming it", async () => {
    const { lifecycle, calls } = halfCreated(lru);
    expect(await lifecycle.delete(ID, {})).toEqual({ kind: "gone" });
    expect(calls).toEqual(["delete"]);
  });
});
