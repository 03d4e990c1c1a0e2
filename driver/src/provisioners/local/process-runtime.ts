import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, readFile } from "node:fs/promises";
import { connect } from "node:net";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { setTimeout as sleep } from "node:timers/promises";
import getPort from "get-port";
import type { Logger } from "pino";
import { writeFileAtomic } from "./atomic-write.js";
import { findProcesses, processRunsWith } from "./process-table.js";
import { renderRedisConfig } from "./redis-config.js";
import type {
  InstanceRef,
  InstanceSpec,
  ManagedInstance,
  RedisRuntime,
  RunningInstance,
  SavedInstance,
} from "./redis-runtime.js";

export interface ProcessRuntimeOptions {
  /** The redis-server binary: a path, or a name looked up on PATH. */
  redisServerPath: string;
  /** Addresses for Redis' `bind` directive. */
  bind: readonly string[];
  /** Instance directories live here; a redis-server whose config lies below it is ours. */
  instancesDir: string;
  logger: Logger;
}

const HOST = "127.0.0.1";
const CONF_FILE = "redis.conf";
const LOG_FILE = "redis.log";
const PORT_ATTEMPTS = 3;
const STOP_GRACE_MS = 5_000;

class PortTakenError extends Error {}

async function logTail(logPath: string, lines = 5): Promise<string> {
  const text = await readFile(logPath, "utf8").catch(() => "");
  return text.trim().split("\n").slice(-lines).join(" | ") || "(empty log)";
}

function tcpAnswers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 500 });
    const done = (answers: boolean) => {
      socket.destroy();
      resolve(answers);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

async function stopProcess(pid: number, confPath: string): Promise<void> {
  const gone = () => !processRunsWith(pid, confPath);
  if (gone()) return;
  signal(pid, "SIGTERM");
  if (await waitUntil(gone, STOP_GRACE_MS)) return;
  signal(pid, "SIGKILL");
  if (!(await waitUntil(gone, STOP_GRACE_MS))) throw new Error(`redis-server (pid ${pid}) did not stop`);
}

class ProcessInstance implements RunningInstance {
  readonly host = HOST;
  readonly ref: InstanceRef;

  constructor(
    private readonly pid: number,
    private readonly confPath: string,
    readonly port: number,
  ) {
    this.ref = { kind: "process", pid, confPath };
  }

  isAlive(): boolean {
    return processRunsWith(this.pid, this.confPath);
  }

  async copyDataFile(target: string): Promise<void> {
    // copyFile would give the copy the mode Redis wrote the RDB with (0644): snapshots are 0600.
    await pipeline(
      createReadStream(path.join(path.dirname(this.confPath), "dump.rdb")),
      createWriteStream(target, { mode: 0o600, flags: "wx" }),
    );
  }

  stop(): Promise<void> {
    return stopProcess(this.pid, this.confPath);
  }
}

/**
 * Runs each Redis as a `redis-server <conf>` process on a free port. Processes are detached so they
 * outlive the driver; a restarted driver finds them by pid and config path.
 */
export class ProcessRuntime implements RedisRuntime {
  readonly kind = "process";

  constructor(private readonly options: ProcessRuntimeOptions) {}

  host(): Promise<string> {
    return Promise.resolve(HOST);
  }

  async start(spec: InstanceSpec): Promise<RunningInstance> {
    await mkdir(spec.dir, { recursive: true, mode: 0o700 });
    const tls = spec.tls ? await this.writeTls(spec.dir, spec.tls) : undefined;
    const confPath = path.join(spec.dir, CONF_FILE);
    for (let attempt = 1; ; attempt += 1) {
      const port = await getPort();
      const config = renderRedisConfig({
        port,
        bind: this.options.bind,
        dir: spec.dir,
        tls,
        user: spec.user,
        admin: spec.admin,
        maxmemoryPolicy: spec.maxmemoryPolicy,
        extraConfig: spec.extraConfig,
      });
      await writeFileAtomic(confPath, config);
      try {
        return await this.spawn(confPath, port, spec.startupTimeoutMs);
      } catch (error) {
        // Another program can take the port between get-port's check and Redis' bind.
        if (!(error instanceof PortTakenError) || attempt >= PORT_ATTEMPTS) throw error;
        this.options.logger.debug({ id: spec.id, port }, "port taken meanwhile, trying another");
      }
    }
  }

  private async writeTls(dir: string, tls: NonNullable<InstanceSpec["tls"]>) {
    const files = {
      certFile: path.join(dir, "server.crt"),
      keyFile: path.join(dir, "server.key"),
      caFile: path.join(dir, "ca.crt"),
    };
    await writeFileAtomic(files.certFile, tls.certPem, 0o644);
    await writeFileAtomic(files.keyFile, tls.keyPem, 0o600);
    await writeFileAtomic(files.caFile, tls.caPem, 0o644);
    return files;
  }

  private async spawn(confPath: string, port: number, startupTimeoutMs: number): Promise<RunningInstance> {
    const logPath = path.join(path.dirname(confPath), LOG_FILE);
    const log = await open(logPath, "a", 0o600);
    let exit: string | undefined;
    let pid: number;
    try {
      const child = spawn(this.options.redisServerPath, [confPath], {
        detached: true,
        stdio: ["ignore", log.fd, log.fd],
      });
      child.once("exit", (code, name) => {
        exit = name ? `was killed by ${name}` : `exited with code ${code}`;
      });
      await new Promise<void>((resolve, reject) => {
        child.once("spawn", resolve);
        child.once("error", reject);
      }).catch((error: NodeJS.ErrnoException) => {
        throw new Error(
          error.code === "ENOENT"
            ? `redis-server not found at "${this.options.redisServerPath}" (install it: apt-get install redis-server, or brew install redis)`
            : `cannot run "${this.options.redisServerPath}": ${error.message}`,
        );
      });
      child.unref();
      pid = child.pid ?? 0;
    } finally {
      await log.close();
    }

    const deadline = Date.now() + startupTimeoutMs;
    for (;;) {
      if (exit !== undefined) {
        const tail = await logTail(logPath);
        if (/Address already in use/i.test(tail)) throw new PortTakenError(tail);
        throw new Error(
          `redis-server ${exit} before accepting connections; its log (${logPath}) ends: ${tail}`,
        );
      }
      if (await tcpAnswers(HOST, port)) return new ProcessInstance(pid, confPath, port);
      if (Date.now() > deadline) {
        await stopProcess(pid, confPath);
        throw new Error(
          `redis-server did not accept connections on port ${port} within ${startupTimeoutMs} ms; its log (${logPath}) ends: ${await logTail(logPath)}`,
        );
      }
      // Redis binds within a few milliseconds; a short interval keeps creates fast.
      await sleep(3);
    }
  }

  adopt(saved: SavedInstance): Promise<RunningInstance | undefined> {
    const { ref } = saved;
    if (ref.kind !== "process" || !processRunsWith(ref.pid, ref.confPath)) return Promise.resolve(undefined);
    return Promise.resolve(new ProcessInstance(ref.pid, ref.confPath, saved.port));
  }

  async list(): Promise<ManagedInstance[]> {
    const marker = this.options.instancesDir + path.sep;
    const found = await findProcesses(marker);
    return found.map(({ pid, commandLine }) => ({
      // The config path is the last argument, so everything from the marker on is the path.
      ref: { kind: "process", pid, confPath: commandLine.slice(commandLine.indexOf(marker)) },
      id: undefined,
    }));
  }

  async destroy(ref: InstanceRef): Promise<void> {
    if (ref.kind === "process" && ref.confPath.startsWith(this.options.instancesDir + path.sep)) {
      await stopProcess(ref.pid, ref.confPath);
    }
  }
}
