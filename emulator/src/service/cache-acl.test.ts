import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { once } from "node:events";
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { RunningInstance } from "@elasticache-driver-kit/driver/local";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Engine } from "../engine/engine.js";
import { ADMIN_USER, EngineNode } from "../engine/engine-node.js";
import { freePort } from "../engine/free-port.js";
import { CommandAliases } from "../engine/restricted-commands.js";
import type { Cache, User, UserGroup } from "../model/resources.js";
import { syncAcl } from "./cache-acl.js";
import type { EmulatorState } from "./emulator-state.js";

const ADMIN_PASSWORD = "acl-order-admin-password";
const OLD_PASSWORD = "tenant-password-generation-1";
const NEW_PASSWORD = "tenant-password-generation-2";
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

let server: ChildProcess;
let port: number;
let proxy: Server;
let proxyPort: number;
/** Connections through the proxy whose start is held back, in the order they arrive. */
const delaysMs: number[] = [];
const sockets = new Set<Socket>();

/** A redis-server of its own, with the endpoint's management user, as an engine node has. */
async function startRedis(): Promise<void> {
  port = await freePort();
  server = spawn(
    "redis-server",
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--save",
      "",
      "--appendonly",
      "no",
      "--user",
      ADMIN_USER,
      "on",
      `>${ADMIN_PASSWORD}`,
      "~*",
      "&*",
      "+@all",
    ],
    { stdio: "ignore" },
  );
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const client = createClient({ socket: { host: "127.0.0.1", port, reconnectStrategy: false } });
    client.on("error", () => undefined);
    try {
      await client.connect();
      client.destroy();
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`redis-server on port ${port} did not start`);
}

/**
 * A TCP relay to the redis-server that holds back the start of the next connections by the
 * delays queued in `delaysMs`: a slow management connection, as a busy machine has.
 */
async function startProxy(): Promise<void> {
  proxy = createServer((client) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.pause();
    const delay = delaysMs.shift() ?? 0;
    void sleep(delay).then(() => {
      const upstream = connect(port, "127.0.0.1");
      sockets.add(upstream);
      upstream.on("close", () => sockets.delete(upstream));
      upstream.on("error", () => client.destroy());
      client.on("error", () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.resume();
    });
  });
  proxy.listen(0, "127.0.0.1");
  await once(proxy, "listening");
  proxyPort = (proxy.address() as AddressInfo).port;
}

beforeAll(async () => {
  await startRedis();
  await startProxy();
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => proxy?.close(() => resolve()));
  if (server && server.exitCode === null) {
    server.kill("SIGTERM");
    await once(server, "exit");
  }
});

/** A node reached through the relay; the engine only ever talks to it as its management user. */
function nodeThroughProxy(): EngineNode {
  const instance: RunningInstance = {
    host: "127.0.0.1",
    port: proxyPort,
    ref: { kind: "process", pid: server.pid ?? 0, confPath: "(command line)" },
    isAlive: () => server.exitCode === null,
    copyDataFile: () => Promise.reject(new Error("no data file in this test")),
    stop: () => Promise.resolve(),
  };
  return new EngineNode(instance, ADMIN_PASSWORD, undefined, new CommandAliases("unused"), undefined);
}

async function authenticates(username: string, password: string): Promise<boolean> {
  const client = createClient({
    socket: { host: "127.0.0.1", port, reconnectStrategy: false },
    username,
    password,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    client.destroy();
    return true;
  } catch {
    return false;
  }
}

describe("syncAcl", () => {
  it("lands the newest users last when an earlier sync's write is delayed", async () => {
    const tenant: User = {
      id: "tenant-a",
      arn: "arn:aws:elasticache:us-east-1:000000000000:user:tenant-a",
      userName: "tenant-a",
      engine: "redis",
      status: "modifying",
      accessString: "on ~* +@all",
      authentication: "password",
      passwordSha256s: [sha256(OLD_PASSWORD)],
    };
    const group: UserGroup = {
      id: "shared-tenants",
      arn: "arn:aws:elasticache:us-east-1:000000000000:usergroup:shared-tenants",
      engine: "redis",
      status: "active",
      userIds: [tenant.id],
      pending: undefined,
    };
    // Only the parts of the state and of the cache that the ACL of a cache depends on.
    const state = {
      users: new Map([[tenant.id, tenant]]),
      userGroups: new Map([[group.id, group]]),
    } as unknown as EmulatorState;
    const engine = new Engine(
      { cluster: false, shards: 1, replicasPerShard: 0 },
      [{ primary: nodeThroughProxy(), replicas: [] }],
      false,
      () => Promise.reject(new Error("no new nodes in this test")),
    );
    const cache = {
      kind: "serverless-cache",
      id: "shared-cache",
      userGroupId: group.id,
      backend: engine,
    } as unknown as Cache;

    // A sync asked for while the tenant has its old password, whose connection is slow (a group
    // change of another tenant), then the tenant's rotation and its own sync.
    delaysMs.push(400, 0);
    const earlier = syncAcl(state, cache);
    await sleep(50);
    tenant.passwordSha256s = [sha256(NEW_PASSWORD)];
    const later = syncAcl(state, cache);
    await Promise.all([earlier, later]);
    tenant.status = "active";

    expect(await authenticates(tenant.userName, NEW_PASSWORD)).toBe(true);
    expect(await authenticates(tenant.userName, OLD_PASSWORD)).toBe(false);
  });
});
