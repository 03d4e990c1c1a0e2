import { randomBytes } from "node:crypto";
import { connect } from "node:net";
import { createClient, createCluster } from "redis";
import type { CacheConsumer, Readiness, StartConsumer } from "./cache-consumer.js";
import type { RedisOutputs } from "./sample-app-process.js";

export interface RedisClientConsumerOptions {
  /**
   * `"auto"`: when host:port accepts no TCP connection from this machine (e.g. a cache inside a
   * VPC), the consumer is skipped with the reason; `"always"`: that is an error. Default `"auto"`.
   */
  readonly reach?: "auto" | "always";
  /** Bound on connecting and on each command, in ms (default 5 000). */
  readonly timeoutMs?: number;
}

/** What the consumer does with a connection: the same for a plain and a cluster client. */
interface Connection {
  ping(): Promise<string>;
  incr(key: string): Promise<number>;
}

/**
 * node-redis as the consumer, for caches where no sample app runs next to them: every readiness
 * probe and visit opens a connection of its own with the outputs (TLS with the outputs' CA when
 * given, else the system store), so a deleted cache shows at the next call. Where the cache runs
 * in cluster mode (cluster mode enabled, serverless) it connects as a cluster-aware client, as an
 * application must on AWS: a plain client gets MOVED for keys of other shards.
 */
export function redisClientConsumer(options: RedisClientConsumerOptions = {}): StartConsumer {
  const timeoutMs = options.timeoutMs ?? 5_000;
  return async (outputs) => {
    const target = `${outputs.values.tls ? "rediss" : "redis"}://${outputs.values.host}:${outputs.values.port}`;
    const unreachable = await tcpProblem(outputs.values.host, outputs.values.port, timeoutMs);
    if (unreachable !== undefined) {
      const reason = `cannot reach ${target} from this machine (${unreachable})`;
      if (options.reach === "always") throw new Error(reason);
      return { skipped: reason };
    }
    const clustered = await runsInClusterMode(outputs, timeoutMs).catch(() => false);
    const key = `e2e:visits:${randomBytes(6).toString("hex")}`;
    const withClient = async <T>(use: (client: Connection) => Promise<T>) => {
      if (clustered) {
        const cluster = clusterFor(outputs, timeoutMs);
        cluster.on("error", () => {});
        try {
          await cluster.connect();
          return await use({
            // PING has no key: any node of the cluster answers it.
            ping: () => cluster.sendCommand(undefined, true, ["PING"]) as Promise<string>,
            incr: (name) => cluster.incr(name),
          });
        } finally {
          cluster.destroy();
        }
      }
      const client = clientFor(outputs, timeoutMs);
      client.on("error", () => {});
      try {
        await client.connect();
        return await use(client);
      } finally {
        client.destroy();
      }
    };
    const consumer: CacheConsumer = {
      description: `node-redis ${clustered ? "cluster client" : "client"} of ${target}`,
      async readiness(): Promise<Readiness> {
        try {
          const answer = await withClient((client) => client.ping());
          return { ready: answer === "PONG", ...(answer === "PONG" ? {} : { reason: `PING → ${answer}` }) };
        } catch (error) {
          return { ready: false, reason: error instanceof Error ? error.message : String(error) };
        }
      },
      visit: () => withClient((client) => client.incr(key)),
      close: async () => {},
      [Symbol.asyncDispose]: async () => {},
    };
    return consumer;
  };
}

function socketOf(outputs: RedisOutputs, timeoutMs: number) {
  const { tls, ca_certificate: ca } = outputs.values;
  const socket = { connectTimeout: timeoutMs, reconnectStrategy: false as const };
  return tls ? { ...socket, tls: true as const, ...(ca ? { ca } : {}) } : socket;
}

const credentialsOf = (outputs: RedisOutputs) => ({
  ...(outputs.secrets.username ? { username: outputs.secrets.username } : {}),
  ...(outputs.secrets.password ? { password: outputs.secrets.password } : {}),
});

function clientFor(outputs: RedisOutputs, timeoutMs: number) {
  const { host, port } = outputs.values;
  return createClient({
    socket: { ...socketOf(outputs, timeoutMs), host, port },
    ...credentialsOf(outputs),
    commandOptions: { timeout: timeoutMs },
  });
}

/** A cluster client that discovers the shards from the endpoint in the outputs. */
function clusterFor(outputs: RedisOutputs, timeoutMs: number) {
  const { host, port } = outputs.values;
  return createCluster({
    rootNodes: [{ socket: { ...socketOf(outputs, timeoutMs), host, port } }],
    defaults: { socket: socketOf(outputs, timeoutMs), ...credentialsOf(outputs) },
  });
}

/** Whether the cache behind the outputs runs in cluster mode (`INFO cluster` says so). */
async function runsInClusterMode(outputs: RedisOutputs, timeoutMs: number): Promise<boolean> {
  const client = clientFor(outputs, timeoutMs);
  client.on("error", () => {});
  try {
    await client.connect();
    return /^cluster_enabled:1/m.test(await client.info("cluster"));
  } finally {
    client.destroy();
  }
}

/** Why no TCP connection to host:port opens within `timeoutMs`, or undefined when one does. */
function tcpProblem(host: string, port: number, timeoutMs: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (problem: string | undefined) => {
      socket.destroy();
      resolve(problem);
    };
    socket.setTimeout(timeoutMs, () => done(`no TCP connection within ${timeoutMs} ms`));
    socket.once("connect", () => done(undefined));
    socket.once("error", (error: NodeJS.ErrnoException) => done(error.code ?? error.message));
  });
}
