import type { AclUser } from "./acl-user.js";
import type { EngineNode } from "./engine-node.js";

/** How a cache's engines are laid out: shards of one primary and their replicas. */
export interface EngineLayout {
  /** Redis Cluster (cluster mode, serverless) or one standalone primary with replicas. */
  cluster: boolean;
  shards: number;
  replicasPerShard: number;
}

export interface Shard {
  primary: EngineNode;
  replicas: EngineNode[];
}

/**
 * The real engines behind one cache: every node is a redis-server of its own, replicas replicate
 * from their primary, and in cluster mode the nodes form a Redis Cluster with the shards' slots.
 */
export class Engine {
  #nodesStarted: number;

  constructor(
    readonly layout: EngineLayout,
    readonly shards: readonly Shard[],
    readonly tls: boolean,
    /** Starts one more node of this engine (a replica of `primary` when given). */
    readonly startNode: (name: string, primary: EngineNode | undefined) => Promise<EngineNode>,
  ) {
    this.#nodesStarted = 1 + layout.replicasPerShard;
  }

  /** A node number no node of a shard has had, for the name of a new one. */
  nextNodeNumber(): number {
    this.#nodesStarted += 1;
    return this.#nodesStarted;
  }

  get nodes(): EngineNode[] {
    return this.shards.flatMap((shard) => [shard.primary, ...shard.replicas]);
  }

  /** The first shard's primary: the primary (or configuration) endpoint. */
  get primary(): EngineNode {
    const first = this.shards[0];
    if (!first) throw new Error("an engine without shards");
    return first.primary;
  }

  /** Where reads go: the first shard's first replica, else its primary. */
  get reader(): EngineNode {
    return this.shards[0]?.replicas[0] ?? this.primary;
  }

  get host(): string {
    return this.primary.host;
  }

  get port(): number {
    return this.primary.port;
  }

  /** What the engines really run, e.g. `Redis OSS 7.0.15`, as their INFO says. */
  async serverVersion(): Promise<string> {
    const server = String(await this.primary.command(["INFO", "server"]));
    const valkey = /^valkey_version:(\S+)/m.exec(server)?.[1];
    const redis = /^redis_version:(\S+)/m.exec(server)?.[1];
    return valkey !== undefined ? `Valkey ${valkey}` : `Redis OSS ${redis ?? "(unknown version)"}`;
  }

  isAlive(): boolean {
    return this.nodes.every((node) => node.isAlive());
  }

  /**
   * ACL users are per node in Redis (not replicated), so every node gets them; each node takes
   * `usersNow()` when its queued write runs (see {@link EngineNode.applyAcl}).
   */
  async applyAcl(usersNow: () => readonly AclUser[]): Promise<void> {
    for (const node of this.nodes) await node.applyAcl(usersNow);
  }

  async configSet(parameter: string, value: string): Promise<void> {
    for (const node of this.nodes) await node.configSet(parameter, value);
  }

  /** Saves the first shard's data set (snapshots of several shards keep the first one's only). */
  saveTo(target: string): Promise<void> {
    return this.primary.saveTo(target);
  }
}
