import { setTimeout as sleep } from "node:timers/promises";
import { createClient } from "redis";
import { pingProbe } from "./ping-probe.js";

export interface RedisTarget {
  host: string;
  port: number;
  /** PEM of the CA to trust; TLS is used exactly when it is set. */
  ca: string | undefined;
}

export interface RedisCredentials {
  username: string;
  password: string;
}

function clientFor(target: RedisTarget, credentials: RedisCredentials, connectTimeoutMs: number) {
  const common = {
    host: target.host,
    port: target.port,
    connectTimeout: connectTimeoutMs,
    reconnectStrategy: false,
  } as const;
  const client = createClient({
    socket: target.ca === undefined ? common : { ...common, tls: true, ca: target.ca },
    username: credentials.username,
    password: credentials.password,
  });
  // Errors surface through the awaited calls; without a listener they would crash the process.
  client.on("error", () => undefined);
  return client;
}

type Client = ReturnType<typeof clientFor>;

/** Connects, runs `use`, and always disconnects. */
export async function withRedis<T>(
  target: RedisTarget,
  credentials: RedisCredentials,
  use: (client: Client) => Promise<T>,
  connectTimeoutMs = 2_000,
): Promise<T> {
  const client = clientFor(target, credentials, connectTimeoutMs);
  try {
    await client.connect();
    const result = await use(client);
    await client.close();
    return result;
  } finally {
    if (client.isOpen) client.destroy();
  }
}

/** Resolves once PING succeeds with `credentials`; rejects with the last error after `timeoutMs`. */
export async function waitForPing(
  target: RedisTarget,
  credentials: RedisCredentials,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    try {
      await pingProbe(target, credentials, Math.min(2_000, Math.max(100, timeoutMs)));
      return;
    } catch (error) {
      if (Date.now() >= deadline) {
        throw new Error(`no PING answer within ${timeoutMs} ms (last error: ${(error as Error).message})`, {
          cause: error,
        });
      }
    }
    await sleep(10, undefined, signal ? { signal } : {});
  }
}
