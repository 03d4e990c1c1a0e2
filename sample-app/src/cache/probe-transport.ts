import net from "node:net";
import tls from "node:tls";
import type { CacheEndpoint } from "./cache.js";
import type { ServerTransport } from "./describe-cache-error.js";

/**
 * Looks at the port directly to confirm a TLS mismatch: with TLS configured, does the server answer
 * plain-text PING? Without TLS, does it complete a TLS handshake? Sends no credentials.
 */
export async function probeTransport(endpoint: CacheEndpoint, timeoutMs: number): Promise<ServerTransport> {
  if (endpoint.tls) return (await answersPlainPing(endpoint, timeoutMs)) ? "plain-redis" : "unknown";
  return (await completesTlsHandshake(endpoint, timeoutMs)) ? "tls" : "unknown";
}

function answersPlainPing({ host, port }: CacheEndpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const finish = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("error", () => finish(false));
    socket.once("connect", () => socket.write("PING\r\n"));
    // "+PONG" or an error reply such as "-NOAUTH": either way, plain Redis.
    socket.once("data", (chunk: Buffer) => finish(chunk[0] === 0x2b || chunk[0] === 0x2d));
  });
}

function completesTlsHandshake({ host, port }: CacheEndpoint, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    // Only asks "is this TLS at all?"; trust is checked by the real connection.
    const socket = tls.connect({
      host,
      port,
      servername: net.isIP(host) === 0 ? host : undefined,
      rejectUnauthorized: false,
    });
    const finish = (result: boolean) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once("error", () => finish(false));
    socket.once("secureConnect", () => finish(true));
  });
}
