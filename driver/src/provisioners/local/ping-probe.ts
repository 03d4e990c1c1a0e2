import { connect as connectTcp, isIP, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";
import type { RedisCredentials, RedisTarget } from "./redis-connection.js";

const bulk = (value: string) => `$${Buffer.byteLength(value)}\r\n${value}\r\n`;
const command = (...parts: string[]) => `*${parts.length}\r\n${parts.map(bulk).join("")}`;

/**
 * AUTH + PING over one short-lived connection, speaking RESP directly. Readiness is checked on
 * every create, and a full node-redis client costs tens of milliseconds to set up; this costs one
 * round trip. Resolves on `+OK` then `+PONG`; rejects with Redis' own error line otherwise.
 */
export function pingProbe(
  target: RedisTarget,
  credentials: RedisCredentials,
  timeoutMs: number,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const options = { host: target.host, port: target.port };
    const socket: Socket =
      target.ca === undefined
        ? connectTcp(options)
        : connectTls({
            ...options,
            ca: target.ca,
            ...(isIP(target.host) ? {} : { servername: target.host }),
          });
    let answer = "";
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve();
    };
    const timer = setTimeout(() => finish(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    socket.once(target.ca === undefined ? "connect" : "secureConnect", () => {
      socket.write(command("AUTH", credentials.username, credentials.password) + command("PING"));
    });
    socket.on("data", (chunk: Buffer) => {
      answer += chunk.toString("latin1");
      const lines = answer.split("\r\n");
      const failed = lines.find((line) => line.startsWith("-"));
      if (failed) finish(new Error(`Redis answered ${failed.slice(1)}`));
      else if (lines.length >= 3) {
        finish(
          lines[0] === "+OK" && lines[1] === "+PONG"
            ? undefined
            : new Error("unexpected answer to AUTH/PING"),
        );
      }
    });
    socket.once("error", (error) => finish(error));
    socket.once("close", () => finish(new Error("connection closed before PING was answered")));
  });
}
