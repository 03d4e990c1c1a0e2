import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import {
  createRuntime,
  defaultProbes,
  LocalCertificates,
  resolveLocalOptions,
  selectRuntime,
  sha256Hex,
  StateStore,
  waitForPing,
  type RedisRuntime,
  type RunningInstance,
  type RuntimeChoice,
} from "@elasticache-driver-kit/driver/local";
import type { Logger } from "pino";
import { formCluster, joinCluster, leaveCluster, waitForReplicas } from "./cluster-formation.js";
import { imageFor, type EngineImages, type RequestedEngine } from "./engine-images.js";
import { ADMIN_USER, EngineNode } from "./engine-node.js";
import { Engine, type EngineLayout, type Shard } from "./engine.js";
import { freePort } from "./free-port.js";
import { CommandAliases } from "./restricted-commands.js";

export interface EnginePoolOptions {
  /** `process`, `container` or `auto`, as the driver's local provisioner chooses. */
  runtime: RuntimeChoice;
  /** Image of the container runtime for any engine and version `engineImages` does not list. */
  image: string;
  /** Container images by `engine:major` (e.g. `valkey:8` → `valkey/valkey:8`); default none. */
  engineImages?: EngineImages;
  /** redis-server binary of the process runtime. */
  redisServerPath: string;
  /** This run's own state dir: instance configs, logs, the CA, snapshots. */
  stateDir: string;
  /** How long an engine may take to answer PING, in ms. */
  readyTimeoutMs: number;
  logger: Logger;
}

/** File holding only the CA certificate (the bundle next to it also holds the key). */
const CA_CERT_FILE = "ca-cert.pem";

/**
 * Starts real Redis engines through the driver's local runtimes, one per cache, each with a
 * management user only this endpoint knows, and TLS from this run's own CA when asked.
 */
export class EnginePool {
  readonly #engines = new Set<Engine>();
  /** The container runtime holds one image, so each image gets a runtime of its own. */
  readonly #runtimesByImage = new Map<string, RedisRuntime>();

  private constructor(
    private readonly options: EnginePoolOptions,
    private readonly runtime: RedisRuntime,
    private readonly runtimeWithImage: (image: string) => RedisRuntime,
    private readonly certificates: LocalCertificates,
    private readonly store: StateStore,
    readonly caPem: string,
    readonly caPath: string,
    readonly runtimeReason: string,
  ) {}

  static async open(options: EnginePoolOptions): Promise<EnginePool> {
    // Asked for explicitly, a container engine gets longer to answer than when merely probed for.
    const probeTimeoutMs = options.runtime === "container" ? 15_000 : 3_000;
    const selection = await selectRuntime(
      options.runtime,
      options.redisServerPath,
      defaultProbes,
      probeTimeoutMs,
    );
    const resolved = resolveLocalOptions({
      runtime: selection.kind,
      image: options.image,
      redisServerPath: options.redisServerPath,
      stateDir: options.stateDir,
      readyTimeoutMs: options.readyTimeoutMs,
      logger: options.logger,
    });
    const store = new StateStore(resolved.stateDir);
    await store.init();
    const certificates = new LocalCertificates(store.tlsDir);
    const ca = await certificates.load();
    const caPath = path.join(resolved.stateDir, CA_CERT_FILE);
    await writeFile(caPath, ca.certPem, { mode: 0o644 });
    return new EnginePool(
      options,
      createRuntime(selection.kind, resolved),
      (image) => createRuntime(selection.kind, { ...resolved, image }),
      certificates,
      store,
      ca.certPem,
      caPath,
      `${selection.kind}: ${selection.reason}`,
    );
  }

  get kind(): RedisRuntime["kind"] {
    return this.runtime.kind;
  }

  get snapshotsDir(): string {
    return this.store.snapshotsDir;
  }

  /**
   * The layout this runtime can run for `wanted`: the process runtime runs it as asked; the
   * container runtime runs one standalone engine per cache (the nodes of a cluster would have to
   * reach each other through the host's mapped ports), and the API still reports the layout asked for.
   */
  layoutFor(wanted: EngineLayout): EngineLayout {
    return this.runtime.kind === "process" ? wanted : { cluster: false, shards: 1, replicasPerShard: 0 };
  }

  /**
   * The image the container runtime runs `requested` with (listed for its engine and major version,
   * else the one image); undefined in the process runtime, which runs its one redis-server binary.
   */
  imageFor(requested: RequestedEngine): string | undefined {
    if (this.runtime.kind !== "container") return undefined;
    return imageFor(this.options.engineImages ?? new Map(), requested, this.options.image);
  }

  #runtimeFor(requested: RequestedEngine | undefined): RedisRuntime {
    const image = requested === undefined ? undefined : this.imageFor(requested);
    if (image === undefined || image === this.options.image) return this.runtime;
    let runtime = this.#runtimesByImage.get(image);
    if (runtime === undefined) {
      runtime = this.runtimeWithImage(image);
      this.#runtimesByImage.set(image, runtime);
    }
    return runtime;
  }

  /**
   * Starts the engines of one cache (`key` is unique per cache) and waits until they serve. The
   * container runtime runs `requested` with the image listed for it; what runs is the engine's own
   * answer (`Engine.serverVersion()`), which the cache's `created` event reports.
   */
  async start(
    key: string,
    tls: boolean,
    wanted: EngineLayout,
    signal?: AbortSignal,
    requested?: RequestedEngine,
  ): Promise<Engine> {
    const layout = this.layoutFor(wanted);
    const runtime = this.#runtimeFor(requested);
    const adminPassword = randomBytes(24).toString("base64url");
    const aliases = new CommandAliases(randomBytes(12).toString("hex"));
    const host = await runtime.host();
    const material = tls ? await this.certificates.issue([host, "127.0.0.1", "localhost"]) : undefined;
    const started: EngineNode[] = [];
    const startNode = async (
      name: string,
      primary: EngineNode | undefined,
      nodeSignal: AbortSignal | undefined = signal,
    ): Promise<EngineNode> => {
      const busPort = layout.cluster ? await freePort() : undefined;
      const extraConfig = [
        ...aliases.configLines(),
        // Replicas replicate as the management user (only they hold its password in their config).
        ...(primary ? [`masteruser ${ADMIN_USER}`, `masterauth ${adminPassword}`] : []),
        ...(tls ? ["tls-replication yes"] : []),
        // A replica's first sync starts at once instead of after Redis' default 5 s wait for more replicas.
        "repl-diskless-sync-delay 0",
        ...(layout.cluster
          ? [
              "cluster-enabled yes",
              "cluster-config-file nodes.conf",
              `cluster-port ${busPort}`,
              "cluster-node-timeout 5000",
              // Primaries ping replicas through the replication stream each second, so replication
              // offsets advance and CLUSTER SLOTS lists replicas soon after the cluster forms.
              "repl-ping-replica-period 1",
              ...(tls ? ["tls-cluster yes"] : []),
            ]
          : []),
        ...(primary && !layout.cluster ? [`replicaof ${primary.host} ${primary.port}`] : []),
      ];
      const instance: RunningInstance = await runtime.start({
        id: `${key}-${name}`,
        dir: this.store.instanceDir(`${key}-${name}`),
        user: { name: "default", passwordSha256: sha256Hex(randomBytes(24).toString("base64url")) },
        admin: { name: ADMIN_USER, passwordSha256: sha256Hex(adminPassword) },
        maxmemoryPolicy: "volatile-lru",
        tls: material,
        startupTimeoutMs: this.options.readyTimeoutMs,
        extraConfig,
      });
      const node = new EngineNode(
        instance,
        adminPassword,
        material ? this.caPem : undefined,
        aliases,
        busPort,
      );
      started.push(node);
      await waitForPing(
        { host: instance.host, port: instance.port, ca: material ? this.caPem : undefined },
        { username: ADMIN_USER, password: adminPassword },
        this.options.readyTimeoutMs,
        nodeSignal,
      );
      return node;
    };
    try {
      const primaries = await Promise.all(
        Array.from({ length: layout.shards }, (_, shard) => startNode(`${shard + 1}-1`, undefined)),
      );
      const shards: Shard[] = await Promise.all(
        primaries.map(async (primary, shard) => ({
          primary,
          replicas: await Promise.all(
            Array.from({ length: layout.replicasPerShard }, (_, replica) =>
              startNode(`${shard + 1}-${replica + 2}`, primary),
            ),
          ),
        })),
      );
      if (layout.cluster) await formCluster(shards, this.options.readyTimeoutMs, signal);
      else await waitForReplicas(shards, this.options.readyTimeoutMs, signal);
      const engine = new Engine(layout, shards, material !== undefined, (name, primary) => {
        const before = started.length;
        return startNode(name, primary, undefined).catch(async (error: unknown) => {
          await Promise.allSettled(started.slice(before).map((node) => node.stop()));
          throw error;
        });
      });
      this.#engines.add(engine);
      return engine;
    } catch (error) {
      await Promise.allSettled(started.map((node) => node.stop()));
      throw error;
    }
  }

  /**
   * Gives every shard `perShard` replicas: new nodes replicate from their primary (and join the
   * cluster in cluster mode); removed ones leave it and stop. The caller applies ACLs and
   * parameters to the new nodes.
   */
  async resizeReplicas(engine: Engine, perShard: number): Promise<void> {
    if (this.runtime.kind !== "process") return;
    const timeoutMs = this.options.readyTimeoutMs;
    const leaving = engine.shards.flatMap((shard) => shard.replicas.slice(perShard));
    if (leaving.length > 0) {
      const remaining = engine.nodes.filter((node) => !leaving.includes(node));
      if (engine.layout.cluster) await leaveCluster(remaining, leaving);
      for (const shard of engine.shards) shard.replicas.splice(perShard);
      await Promise.all(leaving.map((node) => node.stop()));
    }
    for (const [index, shard] of engine.shards.entries()) {
      while (shard.replicas.length < perShard) {
        shard.replicas.push(await engine.startNode(`${index + 1}-${engine.nextNodeNumber()}`, shard.primary));
      }
    }
    if (engine.layout.cluster) await joinCluster(engine.shards, timeoutMs);
    else await waitForReplicas(engine.shards, timeoutMs);
  }

  async stop(engine: Engine): Promise<void> {
    await Promise.all(engine.nodes.map((node) => node.stop()));
    this.#engines.delete(engine);
  }

  /** Stops every engine this pool started; each is attempted even when another fails. */
  async stopAll(): Promise<void> {
    const results = await Promise.allSettled([...this.#engines].map((engine) => this.stop(engine)));
    const failed = results.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  }
}
