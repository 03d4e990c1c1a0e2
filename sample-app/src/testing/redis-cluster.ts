import { createClient } from "redis";
import { startRedis } from "./redis-process.js";
import type { RedisProcess } from "./redis-process.js";
import { waitFor } from "./wait-for.js";

const SLOTS = 16_384;

/** A Redis Cluster of `shards` primaries (no replicas) on 127.0.0.1, slots split evenly. */
export interface RedisCluster extends AsyncDisposable {
  readonly nodes: readonly RedisProcess[];
}

export async function startRedisCluster(shards: number, password: string): Promise<RedisCluster> {
  const nodes: RedisProcess[] = [];
  const dispose = async () => {
    await Promise.all(nodes.map((node) => node[Symbol.asyncDispose]()));
  };
  try {
    for (let index = 0; index < shards; index += 1) {
      nodes.push(await startRedis({ password, clusterEnabled: true }));
    }
    const per = Math.ceil(SLOTS / shards);
    await Promise.all(
      nodes.map((node, index) =>
        onNode(node, password, async (client) => {
          const first = index * per;
          const last = Math.min(SLOTS, first + per) - 1;
          await client.sendCommand(["CLUSTER", "ADDSLOTSRANGE", String(first), String(last)]);
          for (const other of nodes) {
            if (other !== node) await client.sendCommand(["CLUSTER", "MEET", other.host, String(other.port)]);
          }
        }),
      ),
    );
    await waitUntilFormed(nodes, password);
    return { nodes, [Symbol.asyncDispose]: dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Every node sees every shard and all slots served (`cluster_state:ok`). */
export async function waitUntilFormed(nodes: readonly RedisProcess[], password: string): Promise<void> {
  await waitFor("the cluster to form", async () => {
    const states = await Promise.all(
      nodes.map((node) => onNode(node, password, (client) => client.sendCommand(["CLUSTER", "INFO"]))),
    );
    return states.every((info) => String(info).includes("cluster_state:ok")) ? true : undefined;
  });
}

/** How many keys each node holds. */
export function keysPerNode(nodes: readonly RedisProcess[], password: string): Promise<number[]> {
  return Promise.all(nodes.map((node) => onNode(node, password, (client) => client.dbSize())));
}

/** How many clients each node has connected, counting the one that asks. */
export function clientsPerNode(nodes: readonly RedisProcess[], password: string): Promise<number[]> {
  return Promise.all(
    nodes.map((node) =>
      onNode(node, password, async (client) =>
        Number(/^connected_clients:(\d+)/m.exec(await client.info("clients"))?.[1]),
      ),
    ),
  );
}

const nodeClient = (node: RedisProcess, password: string) =>
  createClient({ socket: { host: node.host, port: node.port, reconnectStrategy: false }, password });
type NodeClient = ReturnType<typeof nodeClient>;

async function onNode<T>(
  node: RedisProcess,
  password: string,
  use: (client: NodeClient) => Promise<T>,
): Promise<T> {
  const client = nodeClient(node, password);
  client.on("error", () => {});
  await client.connect();
  try {
    return await use(client);
  } finally {
    client.destroy();
  }
}
