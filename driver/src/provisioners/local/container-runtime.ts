import { writeFile } from "node:fs/promises";
import type { Readable } from "node:stream";
import type { Logger } from "pino";
import {
  GenericContainer,
  getContainerRuntimeClient,
  Wait,
  type ContainerRuntimeClient,
} from "testcontainers";
import { renderRedisConfig } from "./redis-config.js";
import type {
  InstanceRef,
  InstanceSpec,
  ManagedInstance,
  RedisRuntime,
  RunningInstance,
  SavedInstance,
} from "./redis-runtime.js";
import { firstFileInTar } from "./tar-file.js";

export interface ContainerRuntimeOptions {
  /** An image whose command may be `redis-server <conf>`, e.g. `redis:7` or `valkey/valkey:8`. */
  image: string;
  /** Marks this state dir's containers on an engine other state dirs may share. */
  stateDirTag: string;
  logger: Logger;
}

export const LABEL_GURESID = "org.elasticache-driver-kit.guresid";
export const LABEL_STATE_DIR = "org.elasticache-driver-kit.state-dir";
const CONF_DIR = "/usr/local/etc/redis";
const CONF_PATH = `${CONF_DIR}/redis.conf`;
const DATA_DIR = "/data";
const REDIS_PORT = 6379;
const LOG_LINES_KEPT = 5;

const statusCode = (error: unknown): number | undefined =>
  typeof error === "object" && error !== null && "statusCode" in error && typeof error.statusCode === "number"
    ? error.statusCode
    : undefined;

async function removeContainer(client: ContainerRuntimeClient, containerId: string): Promise<void> {
  try {
    await client.container.dockerode.getContainer(containerId).remove({ force: true, v: true });
  } catch (error) {
    // 404: already gone; 409: a removal is already under way.
    if (statusCode(error) !== 404 && statusCode(error) !== 409) throw error;
  }
}

async function readStream(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

class ContainerInstance implements RunningInstance {
  readonly ref: InstanceRef;
  private stopped = false;

  constructor(
    private readonly client: ContainerRuntimeClient,
    private readonly containerId: string,
    readonly host: string,
    readonly port: number,
  ) {
    this.ref = { kind: "container", containerId };
  }

  isAlive(): boolean {
    return !this.stopped;
  }

  async copyDataFile(target: string): Promise<void> {
    const container = this.client.container.getById(this.containerId);
    const archive = await readStream(
      await this.client.container.fetchArchive(container, `${DATA_DIR}/dump.rdb`),
    );
    await writeFile(target, firstFileInTar(archive), { mode: 0o600 });
  }

  async stop(): Promise<void> {
    await removeContainer(this.client, this.containerId);
    this.stopped = true;
  }
}

/**
 * Runs each Redis in a container through testcontainers (Docker, or Podman's Docker API).
 * Containers are not handed to Ryuk, so they outlive the driver; labels tie them to a state dir.
 */
export class ContainerRuntime implements RedisRuntime {
  readonly kind = "container";

  constructor(private readonly options: ContainerRuntimeOptions) {}

  async host(): Promise<string> {
    return (await getContainerRuntimeClient()).info.containerRuntime.host;
  }

  async start(spec: InstanceSpec): Promise<RunningInstance> {
    const client = await getContainerRuntimeClient();
    const tls = spec.tls
      ? {
          certFile: `${CONF_DIR}/tls/server.crt`,
          keyFile: `${CONF_DIR}/tls/server.key`,
          caFile: `${CONF_DIR}/tls/ca.crt`,
        }
      : undefined;
    const config = renderRedisConfig({
      port: REDIS_PORT,
      bind: ["*", "-::*"],
      dir: DATA_DIR,
      tls,
      user: spec.user,
      admin: spec.admin,
      maxmemoryPolicy: spec.maxmemoryPolicy,
      extraConfig: spec.extraConfig,
    });
    // Readable by the image's unprivileged redis user; the files exist only inside the container.
    const files = [{ content: config, target: CONF_PATH, mode: 0o644 }];
    if (spec.tls && tls) {
      files.push(
        { content: spec.tls.certPem, target: tls.certFile, mode: 0o644 },
        { content: spec.tls.keyPem, target: tls.keyFile, mode: 0o644 },
        { content: spec.tls.caPem, target: tls.caFile, mode: 0o644 },
      );
    }
    const recentLogs: string[] = [];
    let logStream: Readable | undefined;
    try {
      const started = await new GenericContainer(this.options.image)
        .withCommand(["redis-server", CONF_PATH])
        .withExposedPorts(REDIS_PORT)
        .withCopyContentToContainer(files)
        .withLabels({ [LABEL_GURESID]: spec.id, [LABEL_STATE_DIR]: this.options.stateDirTag })
        .withWaitStrategy(Wait.forLogMessage("Ready to accept connections"))
        .withStartupTimeout(spec.startupTimeoutMs)
        .withAutoCleanup(false)
        .withLogConsumer((stream) => {
          logStream = stream;
          stream.on("data", (chunk: Buffer | string) => {
            recentLogs.push(...chunk.toString().split("\n").filter(Boolean));
            recentLogs.splice(0, Math.max(0, recentLogs.length - LOG_LINES_KEPT));
          });
          stream.on("error", () => undefined);
        })
        .start();
      return new ContainerInstance(
        client,
        started.getId(),
        started.getHost(),
        started.getMappedPort(REDIS_PORT),
      );
    } catch (error) {
      const logs = recentLogs.length > 0 ? `; container log ends: ${recentLogs.join(" | ")}` : "";
      throw new Error(
        `container from image "${this.options.image}" did not start: ${error instanceof Error ? error.message : String(error)}${logs}`,
        {
          cause: error,
        },
      );
    } finally {
      logStream?.destroy();
    }
  }

  async adopt(saved: SavedInstance): Promise<RunningInstance | undefined> {
    if (saved.ref.kind !== "container") return undefined;
    const client = await getContainerRuntimeClient();
    const { containerId } = saved.ref;
    let inspect;
    try {
      inspect = await client.container.dockerode.getContainer(containerId).inspect();
    } catch (error) {
      if (statusCode(error) === 404) return undefined;
      throw error;
    }
    if (inspect.Config.Labels[LABEL_STATE_DIR] !== this.options.stateDirTag) return undefined;
    if (!inspect.State.Running) {
      await removeContainer(client, containerId);
      return undefined;
    }
    const hostPort = Number(inspect.NetworkSettings.Ports[`${REDIS_PORT}/tcp`]?.[0]?.HostPort ?? saved.port);
    return new ContainerInstance(client, containerId, client.info.containerRuntime.host, hostPort);
  }

  async list(): Promise<ManagedInstance[]> {
    const client = await getContainerRuntimeClient();
    const containers = await client.container.dockerode.listContainers({
      all: true,
      filters: { label: [`${LABEL_STATE_DIR}=${this.options.stateDirTag}`] },
    });
    return containers.map((container) => ({
      ref: { kind: "container", containerId: container.Id },
      id: container.Labels[LABEL_GURESID],
    }));
  }

  async destroy(ref: InstanceRef): Promise<void> {
    if (ref.kind !== "container") return;
    const client = await getContainerRuntimeClient();
    try {
      const inspect = await client.container.dockerode.getContainer(ref.containerId).inspect();
      if (inspect.Config.Labels[LABEL_STATE_DIR] !== this.options.stateDirTag) return;
    } catch (error) {
      if (statusCode(error) === 404) return;
      throw error;
    }
    await removeContainer(client, ref.containerId);
  }
}
