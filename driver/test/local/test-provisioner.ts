import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import pino from "pino";
import { createClient, type RedisClientType } from "redis";
import { DriverInputsSchema, type DriverInputsIn } from "../../src/inputs/driver-inputs.js";
import type {
  Endpoint,
  ResourceRequest,
  ResourceState,
  ResourceStatus,
} from "../../src/provisioners/provisioner.js";
import { LocalProvisioner } from "../../src/provisioners/local/local-provisioner.js";
import type { LocalProvisionerOptions } from "../../src/provisioners/local/local-provisioner-options.js";

/** A provisioner over a temporary state dir; disposing it stops every Redis and removes the dir. */
export interface TestProvisioner extends AsyncDisposable {
  provisioner: LocalProvisioner;
  stateDir: string;
  /** Everything the provisioner logged, one JSON line per entry. */
  logs: string[];
}

export async function openTestProvisioner(
  options: Omit<LocalProvisionerOptions, "stateDir" | "logger"> & { stateDir?: string },
): Promise<TestProvisioner> {
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), "local-provisioner-")));
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const provisioner = await LocalProvisioner.open({
    readyTimeoutMs: 20_000,
    ...options,
    stateDir,
    logger: pino({ level: "debug" }, sink),
  });
  return {
    provisioner,
    stateDir,
    logs,
    async [Symbol.asyncDispose]() {
      try {
        await provisioner.close();
        await provisioner.stopAll();
      } finally {
        await rm(stateDir, { recursive: true, force: true });
      }
    },
  };
}

export const newPassword = (): string => randomBytes(24).toString("hex");

export function requestFor(id: string, inputs: DriverInputsIn, password = newPassword()): ResourceRequest {
  return { id, spec: DriverInputsSchema.parse(inputs), secrets: {}, password };
}

/** Polls `describe` until `status`; a `failed` state ends the wait early with its reason. */
export async function waitForStatus<S extends ResourceStatus>(
  provisioner: LocalProvisioner,
  id: string,
  status: S,
  timeoutMs = 30_000,
): Promise<Extract<ResourceState, { status: S }>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await provisioner.describe(id, {});
    if (state.status === status) return state as Extract<ResourceState, { status: S }>;
    if (state.status === "failed")
      throw new Error(`resource ${id} failed while waiting for ${status}: ${state.reason}`);
    if (Date.now() > deadline) throw new Error(`resource ${id} is still ${state.status}, not ${status}`);
    await sleep(20);
  }
}

/** A client built only from what a consumer gets: the endpoint and the password. */
export async function connectTo(
  endpoint: Endpoint,
  password: string,
  options: { trustCa?: boolean } = {},
): Promise<RedisClientType & AsyncDisposable> {
  const common = {
    host: endpoint.host,
    port: endpoint.port,
    reconnectStrategy: false,
    connectTimeout: 5_000,
  } as const;
  const client = createClient({
    socket: endpoint.tls
      ? { ...common, tls: true, ...(options.trustCa === false ? {} : { ca: endpoint.caCertificate }) }
      : common,
    username: endpoint.username,
    password,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
  } catch (error) {
    client.destroy();
    throw error;
  }
  return Object.assign(client, {
    async [Symbol.asyncDispose]() {
      if (client.isOpen) await client.close();
    },
  });
}
