import { setTimeout as sleep } from "node:timers/promises";
import type { EngineNode } from "./engine-node.js";
import type { Shard } from "./engine.js";

const SLOTS = 16_384;

/** The slot range of shard `index` of `count`, split evenly as ElastiCache does by default. */
export function slotRange(index: number, count: number): { from: number; to: number } {
  return {
    from: Math.floor((index * SLOTS) / count),
    to: Math.floor(((index + 1) * SLOTS) / count) - 1,
  };
}

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await sleep(20);
  }
}

const info = async (node: EngineNode, section: string): Promise<string> =>
  String(await node.command(["INFO", section]));

const clusterInfo = async (node: EngineNode): Promise<string> =>
  String(await node.command(["CLUSTER", "INFO"]));

/**
 * Forms a Redis Cluster of freshly started cluster-enabled nodes: each shard's primary takes its
 * slots, then the nodes join (see {@link joinCluster}).
 */
export async function formCluster(
  shards: readonly Shard[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  for (const [index, shard] of shards.entries()) {
    const { from, to } = slotRange(index, shards.length);
    await shard.primary.command(["CLUSTER", "ADDSLOTSRANGE", String(from), String(to)]);
  }
  await joinCluster(shards, timeoutMs, signal);
}

/**
 * Makes every node of `shards` part of one cluster, each replica following its shard's primary
 * (nodes already in place are left as they are), and returns once every node reports
 * `cluster_state:ok` and lists every replica in CLUSTER SLOTS.
 */
export async function joinCluster(
  shards: readonly Shard[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const nodes = shards.flatMap((shard) => [shard.primary, ...shard.replicas]);
  const [first, ...others] = nodes;
  if (!first) return;
  for (const node of others) {
    await first.command([
      "CLUSTER",
      "MEET",
      node.host,
      String(node.port),
      String(node.busPort ?? node.port + 10_000),
    ]);
  }
  await until(
    "the cluster nodes did not all meet",
    async () => {
      for (const node of nodes) {
        const known = String(await node.command(["CLUSTER", "NODES"]))
          .trim()
          .split("\n");
        if (known.length !== nodes.length || known.some((line) => / (handshake|noaddr)/.test(line)))
          return false;
      }
      return true;
    },
    timeoutMs,
    signal,
  );
  for (const shard of shards) {
    const primaryId = String(await shard.primary.command(["CLUSTER", "MYID"]));
    for (const replica of shard.replicas) {
      const role = String(await replica.command(["ROLE"])).split(",")[0];
      const myself = String(await replica.command(["CLUSTER", "NODES"]))
        .split("\n")
        .find((line) => line.includes("myself"));
      if (role === "master" || !myself?.includes(primaryId)) {
        await replica.command(["CLUSTER", "REPLICATE", primaryId]);
      }
    }
  }
  const replicaCount = nodes.length - shards.length;
  await until(
    "the cluster did not reach cluster_state:ok with every replica known to every node",
    async () => {
      for (const node of nodes) {
        if (!(await clusterInfo(node)).includes("cluster_state:ok")) return false;
        // Gossip spreads who replicates whom, and replication offsets: CLUSTER SLOTS names a
        // replica only once its node has heard of a non-zero offset of it.
        const slots = (await node.command(["CLUSTER", "SLOTS"])) as unknown[][];
        if (slots.flatMap((entry) => entry.slice(3)).length !== replicaCount) return false;
      }
      return true;
    },
    timeoutMs,
    signal,
  );
  await waitForReplicas(shards, timeoutMs, signal);
}

/** Takes `leaving` out of the cluster: every remaining node forgets them (they are stopped after). */
export async function leaveCluster(
  remaining: readonly EngineNode[],
  leaving: readonly EngineNode[],
): Promise<void> {
  const ids = await Promise.all(leaving.map(async (node) => String(await node.command(["CLUSTER", "MYID"]))));
  for (const node of remaining) {
    for (const id of ids) await node.command(["CLUSTER", "FORGET", id]);
  }
}

/** Resolves once every replica's link to its primary is up. */
export async function waitForReplicas(
  shards: readonly Shard[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  await until(
    "the replicas did not finish their first sync",
    async () => {
      for (const replica of shards.flatMap((shard) => shard.replicas)) {
        if (!(await info(replica, "replication")).includes("master_link_status:up")) return false;
      }
      return true;
    },
    timeoutMs,
    signal,
  );
}
