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
import { ADMIN_USER, Engine } from "./engine.js";

export interface EnginePoolOptions {
  /** `process`, `container` or `auto`, as the driver's local provisioner chooses. */
  runtime: RuntimeChoice;
  /** Image of the container runtime. */
  image: string;
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

  private constructor(
    private readonly options: EnginePoolOptions,
    private readonly runtime: RedisRuntime,
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

  /** Starts an engine for `key` (unique per cache) and waits until it answers. */
  async start(key: string, tls: boolean): Promise<Engine> {
    const adminPassword = randomBytes(24).toString("base64url");
    const host = await this.runtime.host();
    const material = tls ? await this.certificates.issue([host, "127.0.0.1", "localhost"]) : undefined;
    const instance: RunningInstance = await this.runtime.start({
      id: key,
      dir: this.store.instanceDir(key),
      user: { name: "default", passwordSha256: sha256Hex(randomBytes(24).toString("base64url")) },
      admin: { name: ADMIN_USER, passwordSha256: sha256Hex(adminPassword) },
      maxmemoryPolicy: "volatile-lru",
      tls: material,
      startupTimeoutMs: this.options.readyTimeoutMs,
    });
    const engine = new Engine(instance, adminPassword, material ? this.caPem : undefined);
    this.#engines.add(engine);
    try {
      await waitForPing(
        { host: instance.host, port: instance.port, ca: material ? this.caPem : undefined },
        { username: ADMIN_USER, password: adminPassword },
        this.options.readyTimeoutMs,
      );
    } catch (error) {
      await this.stop(engine);
      throw error;
    }
    return engine;
  }

  async stop(engine: Engine): Promise<void> {
    await engine.stop();
    this.#engines.delete(engine);
  }

  /** Stops every engine this pool started; each is attempted even when another fails. */
  async stopAll(): Promise<void> {
    const results = await Promise.allSettled([...this.#engines].map((engine) => this.stop(engine)));
    const failed = results.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  }
}
