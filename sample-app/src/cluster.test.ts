import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "./config/load-config.js";
import { start } from "./start.js";
import type { RunningApp } from "./start.js";
import { call } from "./testing/http.js";
import { captureLogs } from "./testing/log-capture.js";
import { clientsPerNode, keysPerNode, startRedisCluster, waitUntilFormed } from "./testing/redis-cluster.js";
import type { RedisCluster } from "./testing/redis-cluster.js";
import { startRedis } from "./testing/redis-process.js";
import type { RedisProcess } from "./testing/redis-process.js";
import { waitFor } from "./testing/wait-for.js";

const password = `pw-${randomBytes(12).toString("hex")}`;
const logs = captureLogs();
const messages = () => logs.lines().map((line) => line.msg);
let cluster: RedisCluster | undefined;

beforeAll(async () => {
  cluster = await startRedisCluster(2, password);
});
afterAll(async () => {
  await cluster?.[Symbol.asyncDispose]();
});

function root(): { REDIS_HOST: string; REDIS_PORT: string } {
  const node = cluster?.nodes[0];
  if (!node) throw new Error("the cluster did not start");
  return { REDIS_HOST: node.host, REDIS_PORT: String(node.port) };
}

const ready = (app: RunningApp) =>
  waitFor("the app to be ready", async () => {
    const answer = await call("GET", `${app.url}/readyz`);
    return answer.status === 200 ? answer : undefined;
  });

const USER_PASSWORD = `user-${randomBytes(12).toString("hex")}`;

/** A key-prefix user without @dangerous, as the driver gives a shared cache's resource. */
async function aclUserOnEveryNode(nodes: readonly RedisProcess[], adminPassword: string): Promise<void> {
  for (const node of nodes) {
    const admin = createClient({
      socket: { host: node.host, port: node.port, reconnectStrategy: false },
      password: adminPassword,
    });
    admin.on("error", () => {});
    await admin.connect();
    try {
      await admin.sendCommand([
        "ACL",
        "SETUSER",
        "prefixed",
        "on",
        `>${USER_PASSWORD}`,
        "~sample-app:*",
        "+@all",
        "-@dangerous",
      ]);
    } finally {
      admin.destroy();
    }
  }
}

describe("sample app with a two-shard Redis Cluster", () => {
  it("auto: asks INFO cluster, switches to a cluster client and writes keys on both shards", async () => {
    await using app = await start(loadConfig({ ...root(), REDIS_PASSWORD: password, PORT: "0" }), {
      logger: logs.logger,
    });
    await ready(app);
    expect((await call("GET", `${app.url}/api/status`)).body).toMatchObject({
      client: "cluster",
      connection: { state: "connected" },
    });
    const visits = [];
    for (let i = 0; i < 3; i++) visits.push((await call("POST", `${app.url}/api/visits`)).body);
    expect(visits).toEqual([{ visits: 1 }, { visits: 2 }, { visits: 3 }]);
    const keys = Array.from({ length: 12 }, (_, index) => `key-${index}`);
    for (const key of keys) {
      expect((await call("PUT", `${app.url}/api/keys/${key}`, { body: { value: key } })).status).toBe(200);
    }
    for (const key of keys) {
      expect((await call("GET", `${app.url}/api/keys/${key}`)).body).toEqual({ key, value: key });
    }
    const perNode = await keysPerNode(cluster?.nodes ?? [], password);
    expect(perNode.every((count) => count > 0)).toBe(true);
    expect(perNode.reduce((sum, count) => sum + count, 0)).toBe(keys.length + 1);
    expect(messages()).toContain("the cache runs in cluster mode; switching to a cluster-aware client");
  });

  it("auto: a user that may not run INFO (no @dangerous) is still found on a cluster, through CLUSTER INFO", async () => {
    await aclUserOnEveryNode(cluster?.nodes ?? [], password);
    const { REDIS_HOST, REDIS_PORT } = root();
    const asUser = createClient({
      socket: { host: REDIS_HOST, port: Number(REDIS_PORT), reconnectStrategy: false },
      username: "prefixed",
      password: USER_PASSWORD,
    });
    asUser.on("error", () => {});
    await asUser.connect();
    await expect(asUser.info("cluster")).rejects.toThrow(/^NOPERM/);
    asUser.destroy();
    await using app = await start(
      loadConfig({ ...root(), REDIS_USERNAME: "prefixed", REDIS_PASSWORD: USER_PASSWORD, PORT: "0" }),
      { logger: logs.logger },
    );
    await ready(app);
    expect((await call("GET", `${app.url}/api/status`)).body).toMatchObject({ client: "cluster" });
    for (const key of ["a", "b", "c", "d", "e", "f"]) {
      expect((await call("PUT", `${app.url}/api/keys/${key}`, { body: { value: key } })).status).toBe(200);
    }
  });

  it("reports a lost shard on /readyz and recovers when it is back", async () => {
    const shard = cluster?.nodes[1];
    if (!shard) throw new Error("the cluster did not start");
    await using app = await start(
      loadConfig({ ...root(), REDIS_PASSWORD: password, REDIS_CLUSTER: "true", PORT: "0" }),
      { logger: logs.logger, cache: { backoff: { initialMs: 50, maxMs: 200 } } },
    );
    await ready(app);
    await shard.stop();
    const down = await waitFor("/readyz to fail", async () => {
      const answer = await call("GET", `${app.url}/readyz`);
      return answer.status === 503 ? answer : undefined;
    });
    expect(down.body).toMatchObject({
      status: "unavailable",
      kind: expect.stringMatching(/lost|unreachable/),
    });
    await shard.restart();
    await waitUntilFormed(cluster?.nodes ?? [], password);
    await ready(app);
    expect((await call("POST", `${app.url}/api/visits`)).status).toBe(200);
  });

  it("auto: the same user on a server without cluster mode keeps one connection", async () => {
    await using plain = await startRedis({ password });
    await aclUserOnEveryNode([plain], password);
    await using app = await start(
      loadConfig({
        REDIS_HOST: plain.host,
        REDIS_PORT: String(plain.port),
        REDIS_USERNAME: "prefixed",
        REDIS_PASSWORD: USER_PASSWORD,
        PORT: "0",
      }),
      { logger: logs.logger },
    );
    await ready(app);
    expect((await call("GET", `${app.url}/api/status`)).body).toMatchObject({ client: "standalone" });
    expect((await call("POST", `${app.url}/api/visits`)).body).toEqual({ visits: 1 });
  });

  it("names the fix when REDIS_URL selects another database than 0 on a cluster", async () => {
    const { REDIS_HOST, REDIS_PORT } = root();
    await using app = await start(
      loadConfig({ REDIS_URL: `redis://:${password}@${REDIS_HOST}:${REDIS_PORT}/1`, PORT: "0" }),
      { logger: logs.logger },
    );
    const refused = await waitFor("/readyz to name the database", async () => {
      const answer = await call("GET", `${app.url}/readyz`);
      return (answer.body as { kind?: string }).kind === "rejected" ? answer : undefined;
    });
    expect(refused.status).toBe(503);
    expect((refused.body as { reason: string }).reason).toContain("which has only database 0");
    expect(refused.text).not.toContain(password);
  });

  it("closes every node connection on shutdown", async () => {
    const app = await start(loadConfig({ ...root(), REDIS_PASSWORD: password, PORT: "0" }), {
      logger: logs.logger,
    });
    await ready(app);
    // Each node: the app's connection (the cluster client) plus the one that counts.
    expect(await clientsPerNode(cluster?.nodes ?? [], password)).toEqual([2, 2]);
    await app.close();
    expect(await clientsPerNode(cluster?.nodes ?? [], password)).toEqual([1, 1]);
    expect(messages()).toContain("stopped");
  });
});
