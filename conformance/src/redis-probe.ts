import { randomBytes } from "node:crypto";
import { createClient, ErrorReply } from "@redis/client";
import { CheckFailure, HarnessError } from "./check.js";
import type { ReadyOutputs } from "./suites/suite.js";

/** Errors that say the harness's network cannot reach the cache, which proves nothing about the driver. */
const UNREACHABLE = new Set(["ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"]);

export interface RedisProbeOptions {
  /** Bound on connecting and on each command. */
  readonly timeoutMs: number;
  /** Trusted when the outputs carry no `ca_certificate`. */
  readonly trustedCa?: string | undefined;
}

/**
 * Connects to the outputs as a Redis client would (host, port, username, password; TLS when
 * `values.tls` is true, trusting `values.ca_certificate` when given) and writes, reads and deletes
 * a probe key. Resolves with a description; throws CheckFailure when the outputs do not work.
 */
export async function probeRedis(outputs: ReadyOutputs, options: RedisProbeOptions): Promise<string> {
  const { values, secrets } = outputs;
  const host = values.host;
  const port = values.port;
  if (typeof host !== "string" || host === "" || !Number.isInteger(port)) {
    throw new CheckFailure("the outputs have no usable values.host and integer values.port to connect to");
  }
  const tls = values.tls === true;
  const ca =
    typeof values.ca_certificate === "string" && values.ca_certificate !== ""
      ? values.ca_certificate
      : options.trustedCa;
  const username =
    typeof secrets.username === "string" && secrets.username !== "" ? secrets.username : undefined;
  const password =
    typeof secrets.password === "string" && secrets.password !== "" ? secrets.password : undefined;
  const common = {
    host,
    port: port as number,
    connectTimeout: options.timeoutMs,
    reconnectStrategy: false as const,
  };
  const client = createClient({
    socket: tls ? { ...common, tls: true, ...(ca === undefined ? {} : { ca }) } : common,
    ...(username === undefined ? {} : { username }),
    ...(password === undefined ? {} : { password }),
    commandOptions: { timeout: options.timeoutMs },
  });
  // Failures surface through the awaited calls; the event only needs a listener.
  client.on("error", () => {});
  const target = `${tls ? "rediss" : "redis"}://${host}:${String(port)}`;
  const key = `conformance:probe:${randomBytes(8).toString("hex")}`;
  const value = randomBytes(16).toString("hex");
  try {
    await client.connect();
    await client.set(key, value, { expiration: { type: "PX", value: 60_000 } });
    const read = await client.get(key);
    if (read !== value)
      throw new CheckFailure(`GET ${key} on ${target} returned ${JSON.stringify(read)}, not the value SET`);
    await client.del(key);
    return `SET/GET/DEL on ${target}${tls ? (ca ? " (TLS, CA from outputs)" : " (TLS)") : ""}${username ? ` as ${username}` : ""}`;
  } catch (error) {
    throw classify(error, target);
  } finally {
    client.destroy();
  }
}

function classify(error: unknown, target: string): Error {
  if (error instanceof CheckFailure) return error;
  const code =
    typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (
    (code !== undefined && UNREACHABLE.has(code)) ||
    (error instanceof Error && error.name === "ConnectionTimeoutError")
  ) {
    return new HarnessError(
      `cannot reach ${target} from here (${code ?? message}); if the cache lives in a network this machine cannot reach, disable CONN-SET-GET`,
    );
  }
  const kind = error instanceof ErrorReply ? "Redis answered" : "connection failed";
  return new CheckFailure(`${target}: ${kind}: ${code ? `${code} ` : ""}${message}`);
}
