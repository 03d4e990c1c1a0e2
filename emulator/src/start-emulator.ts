import { once } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { RuntimeChoice, RuntimeKind } from "@elasticache-driver-kit/driver/local";
import pino, { type Logger } from "pino";
import { ALL_ACTIONS } from "./actions/all-actions.js";
import { parseEngineImages } from "./engine/engine-images.js";
import { EnginePool } from "./engine/engine-pool.js";
import { claimStateDir } from "./engine/state-root.js";
import { FaultInjector, type HeldCallView } from "./faults/fault-injector.js";
import { FaultSettingsSchema, type FaultSettings, type FaultSettingsInput } from "./faults/fault-settings.js";
import { ADMIN_PREFIX, handleAdmin } from "./http/admin-routes.js";
import { handleQuery } from "./http/query-handler.js";
import { RequestLog, type RequestRecord } from "./http/request-log.js";
import { Background } from "./model/background.js";
import { EmulatorState, type Delays } from "./service/emulator-state.js";
import { runMaintenance } from "./service/maintenance.js";

/** Options of {@link startEmulator}; every one has a default. */
export interface EmulatorOptions {
  /** TCP port; 0 (default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** The one region this endpoint serves; requests must be signed for it. Default `us-east-1`. */
  region?: string;
  /** Account id in ARNs. Default `000000000000`. */
  account?: string;
  /** How engines run: `process`, `container` or `auto` (default), as the driver's local provisioner. */
  runtime?: RuntimeChoice;
  /** Image for the container runtime. Default `redis:7`. */
  redisImage?: string;
  /**
   * Container images by `engine:major` (e.g. `{ "valkey:8": "valkey/valkey:8" }`): a cache asking
   * for a listed engine and major version runs that image, any other `redisImage`. Default none.
   */
  engineImages?: Readonly<Record<string, string>>;
  /** redis-server binary for the process runtime. Default `redis-server`. */
  redisServerPath?: string;
  /**
   * Parent of each run's state dir (`run-<pid>-<random>`), removed at close; a dead run's
   * leftovers are stopped and removed at start. Default `<tmpdir>/elasticache-emulator`.
   */
  stateRoot?: string;
  /** How long an engine may take to start, in ms. Default 30 000. */
  readyTimeoutMs?: number;
  /** How long creating, modifying and deleting last, in ms. Default 5 000, 3 000 and 3 000. */
  delays?: Partial<Delays>;
  /** Faults to inject from the start; changeable at run time. Default none. */
  faults?: FaultSettingsInput;
  /** Default: silent. Never receives a password or token. */
  logger?: Logger;
}

export interface RunningEmulator {
  /** The endpoint URL, e.g. `http://127.0.0.1:4575`: what `AWS_ENDPOINT_URL_ELASTICACHE` takes. */
  readonly url: string;
  readonly region: string;
  /** PEM of the CA that signs every engine's TLS certificate. */
  readonly caPem: string;
  /** A file holding only that CA certificate, e.g. for `NODE_EXTRA_CA_CERTS`. */
  readonly caPath: string;
  readonly runtime: RuntimeKind;
  /** This run's state dir (engine configs, logs, snapshots); removed at close. */
  readonly stateDir: string;
  /** The environment a client exports to use this endpoint (dummy credentials included). */
  readonly env: Readonly<Record<string, string>>;
  /** Runs a maintenance window now (as `POST /_emulator/maintenance`); the groups it changes. */
  runMaintenance(): string[];
  /** The fault settings now in force, and a way to replace them. */
  readonly faults: { get(): FaultSettings; set(settings: FaultSettingsInput): void };
  /** The request log, as `GET /_emulator/requests` answers it. */
  requests(filter?: { action?: string; since?: number }): RequestRecord[];
  /** Calls held by `pauseActions` now, and a way to let them run (as `POST /_emulator/held/release`). */
  readonly held: {
    list(): HeldCallView[];
    release(filter?: { action?: string; id?: number; throttle?: boolean }): number[];
  };
  /** Stops listening, stops every engine, removes the state dir. Idempotent. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * Long enough that a client started after a create (a second CLI process, a waiter after its
 * first call) sees the transitional status and polls again, as it must on AWS; suites that want
 * speed pass shorter delays.
 */
export const DEFAULT_DELAYS: Delays = { createMs: 5_000, modifyMs: 3_000, deleteMs: 3_000 };

/** Starts a local ElastiCache endpoint backed by real Redis engines. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const logger = options.logger ?? pino({ level: "silent" });
  const region = options.region ?? "us-east-1";
  const stateDir = await claimStateDir(
    options.stateRoot ?? path.join(os.tmpdir(), "elasticache-emulator"),
    logger,
  );
  let pool: EnginePool;
  try {
    pool = await EnginePool.open({
      runtime: options.runtime ?? "auto",
      image: options.redisImage ?? "redis:7",
      engineImages: parseEngineImages(
        Object.entries(options.engineImages ?? {})
          .map(([key, image]) => `${key}=${image}`)
          .join(","),
      ),
      redisServerPath: options.redisServerPath ?? "redis-server",
      stateDir: stateDir.dir,
      readyTimeoutMs: options.readyTimeoutMs ?? 30_000,
      logger,
    });
  } catch (error) {
    await stateDir.remove();
    throw error;
  }
  logger.info({ runtime: pool.runtimeReason, stateDir: stateDir.dir }, "engines run as %s", pool.kind);
  const faults = new FaultInjector(FaultSettingsSchema.parse(options.faults ?? {}));
  const background = new Background(logger);
  const requests = new RequestLog();
  const state = new EmulatorState({
    partition: { region, account: options.account ?? "000000000000" },
    pool,
    background,
    faults,
    delays: { ...DEFAULT_DELAYS, ...options.delays },
    logger,
    vpcId: "vpc-0e1a5ac0c0ffee000",
  });
  const health = () => ({
    status: "ok",
    runtime: pool.kind,
    replicationGroups: state.replicationGroups.size,
    serverlessCaches: state.serverlessCaches.size,
  });

  const server = createServer((request, response) => {
    const isAdmin = (request.url ?? "").startsWith(ADMIN_PREFIX);
    const handled = isAdmin
      ? handleAdmin(request, response, {
          faults,
          requests,
          caPem: pool.caPem,
          health,
          maintenance: () => runMaintenance(state),
        })
      : handleQuery(request, response, { state, actions: ALL_ACTIONS, faults, logger, requests });
    handled.catch((error: unknown) => {
      logger.error({ err: error }, "request failed");
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  });
  server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  try {
    await once(server, "listening");
  } catch (error) {
    await pool.stopAll();
    await stateDir.remove();
    throw error;
  }
  const { port, address } = server.address() as AddressInfo;
  if (!/^(127\.\d+\.\d+\.\d+|::1|localhost)$/.test(options.host ?? "127.0.0.1")) {
    logger.warn(
      { host: options.host },
      "listening beyond loopback: the admin routes (/_emulator/) have no authentication",
    );
  }
  const url = `http://${address.includes(":") ? `[${address}]` : address}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Held calls run (into closed connections) rather than keep their requests open.
      faults.release();
      server.closeAllConnections();
      await closed;
      await background.close();
      await pool.stopAll();
      await stateDir.remove();
      logger.info("emulator stopped");
    })();
    return closing;
  };
  return {
    url,
    region,
    caPem: pool.caPem,
    caPath: pool.caPath,
    runtime: pool.kind,
    stateDir: stateDir.dir,
    env: {
      AWS_ENDPOINT_URL_ELASTICACHE: url,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: "local-emulator-access-key",
      AWS_SECRET_ACCESS_KEY: "local-emulator-secret-key",
      NODE_EXTRA_CA_CERTS: pool.caPath,
    },
    runMaintenance: () => runMaintenance(state),
    faults: {
      get: () => faults.settings,
      set: (settings) => faults.set(FaultSettingsSchema.parse(settings)),
    },
    requests: (filter) => requests.list(filter),
    held: { list: () => faults.held(), release: (filter) => faults.release(filter) },
    close,
    [Symbol.asyncDispose]: close,
  };
}
