import { createClient, type RedisClientType } from "redis";

export interface Connection {
  host: string;
  port: number;
  /** The CA to trust; TLS is used exactly when it is given. */
  ca?: string | undefined;
  username?: string | undefined;
  password?: string | undefined;
}

/** A node-redis client connected the way an application would, closed on dispose. */
export async function connectRedis(connection: Connection): Promise<RedisClientType & AsyncDisposable> {
  const client = createClient({
    socket: {
      host: connection.host,
      port: connection.port,
      connectTimeout: 3_000,
      reconnectStrategy: false,
      ...(connection.ca !== undefined ? { tls: true as const, ca: connection.ca } : {}),
    },
    ...(connection.username !== undefined ? { username: connection.username } : {}),
    ...(connection.password !== undefined ? { password: connection.password } : {}),
  });
  client.on("error", () => undefined);
  await client.connect();
  return Object.assign(client, {
    [Symbol.asyncDispose]: async () => {
      if (client.isOpen) client.destroy();
    },
  });
}

/** The error connecting (and PINGing) with `connection` raises; fails when it succeeds. */
export async function connectionError(connection: Connection): Promise<Error> {
  try {
    await using client = await connectRedis(connection);
    await client.ping();
  } catch (error) {
    return error as Error;
  }
  throw new Error("connecting succeeded but was expected to be refused");
}
