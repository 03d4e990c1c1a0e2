import { createClient } from "redis";

/** The `resource` part of a ready answer, as far as the soak uses it. */
export interface ReadyOutputs {
  values: { host: string; port: number; tls: boolean; key_prefix?: string };
  secrets: { username: string; password: string };
}

/**
 * Logs in with the outputs on a new connection (TLS, trusting `caPem`) and writes and reads one
 * key under the outputs' key prefix. Undefined when that works, else why not (e.g. WRONGPASS).
 */
export async function loginProblem(
  outputs: ReadyOutputs,
  caPem: string,
  timeoutMs = 5_000,
): Promise<string | undefined> {
  const { host, port, tls } = outputs.values;
  const socket = { host, port, connectTimeout: timeoutMs, reconnectStrategy: false as const };
  const client = createClient({
    socket: tls ? { ...socket, tls: true as const, ca: caPem } : socket,
    username: outputs.secrets.username,
    password: outputs.secrets.password,
    commandOptions: { timeout: timeoutMs },
  });
  client.on("error", () => {});
  try {
    await client.connect();
    const key = `${outputs.values.key_prefix ?? ""}soak:${Math.random().toString(36).slice(2)}`;
    await client.set(key, "1", { expiration: { type: "EX", value: 60 } });
    return (await client.get(key)) === "1" ? undefined : "SET then GET did not read the value back";
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.destroy();
  }
}
