import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface RedisProcessOptions {
  readonly password?: string;
  /** Serve TLS only (no plain port) with these PEM files. */
  readonly tls?: { readonly certFile: string; readonly keyFile: string; readonly caFile: string };
  /** Run as a Redis Cluster node (its node table survives restart() in the server's directory). */
  readonly clusterEnabled?: boolean;
}

/** A `redis-server` on 127.0.0.1 that tests stop and start again on the same port. */
export interface RedisProcess extends AsyncDisposable {
  readonly host: string;
  readonly port: number;
  stop(): Promise<void>;
  /** Starts the server again on the same port after stop(). */
  restart(): Promise<void>;
}

const READY_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export async function startRedis(options: RedisProcessOptions = {}): Promise<RedisProcess> {
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "sample-app-redis-"));
  const args = ["--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir];
  if (options.password !== undefined) args.push("--requirepass", options.password);
  if (options.clusterEnabled) args.push("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf");
  if (options.tls) {
    args.push(
      ...["--port", "0", "--tls-port", String(port), "--tls-auth-clients", "no"],
      ...["--tls-cert-file", options.tls.certFile, "--tls-key-file", options.tls.keyFile],
      ...["--tls-ca-cert-file", options.tls.caFile],
    );
  } else {
    args.push("--port", String(port));
  }

  let child: ChildProcess | undefined = await spawnRedis(args);
  const stop = async () => {
    const running = child;
    child = undefined;
    if (running) await terminate(running);
  };
  return {
    host: "127.0.0.1",
    port,
    stop,
    async restart() {
      await stop();
      child = await spawnRedis(args);
    },
    async [Symbol.asyncDispose]() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function spawnRedis(args: readonly string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn("redis-server", args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const fail = (message: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`redis-server ${message}:\n${output.slice(-2000)}`));
    };
    const timer = setTimeout(() => fail(`not ready within ${READY_TIMEOUT_MS} ms`), READY_TIMEOUT_MS);
    child.once("error", (error) => fail(`could not be started (${error.message}); is it installed?`));
    child.once("exit", (code) => fail(`exited with code ${code}`));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        child.removeAllListeners("exit");
        child.stdout?.removeAllListeners("data");
        child.stdout?.resume();
        resolve(child);
      }
    });
  });
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
