import { createClient } from "redis";

export interface RedisOutputs {
  values: { host: string; port: number; tls: boolean; ca_certificate?: string };
  secrets: { username: string; password: string; url: string };
}

/** Connects the way an application would: only with what the driver returned. */
export async function connectWithOutputs(outputs: RedisOutputs) {
  const client = createClient({
    url: outputs.secrets.url,
    socket: {
      connectTimeout: 2_000,
      reconnectStrategy: false,
      ...(outputs.values.tls ? { tls: true as const, ca: outputs.values.ca_certificate ?? "" } : {}),
    },
  });
  client.on("error", () => {});
  await client.connect();
  return client;
}

/** Resolves with the connection error, or throws when the connection unexpectedly succeeds. */
export async function connectionError(outputs: RedisOutputs): Promise<Error> {
  try {
    const client = await connectWithOutputs(outputs);
    await client.ping();
    client.destroy();
  } catch (error) {
    return error as Error;
  }
  throw new Error("connecting succeeded but was expected to fail");
}
