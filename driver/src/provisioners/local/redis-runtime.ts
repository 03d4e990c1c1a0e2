import type { DriverInputs } from "../../inputs/driver-inputs.js";
import type { RedisUser } from "./redis-config.js";
import type { ServerTlsMaterial } from "./tls-material.js";

export type RuntimeKind = "process" | "container";

/** How to find a started Redis again, e.g. after a driver restart. Persisted in the state dir. */
export type InstanceRef =
  { kind: "process"; pid: number; confPath: string } | { kind: "container"; containerId: string };

/** A started instance as the state dir remembers it. */
export interface SavedInstance {
  ref: InstanceRef;
  host: string;
  port: number;
}

/** Everything a runtime needs to start one Redis; the runtime picks ports and paths. */
export interface InstanceSpec {
  /** The GUResID, for labels and messages. */
  id: string;
  /** A directory of this resource in the state dir (config, logs, data of the process runtime). */
  dir: string;
  user: RedisUser;
  admin: RedisUser;
  maxmemoryPolicy: DriverInputs["maxmemory_policy"];
  tls: ServerTlsMaterial | undefined;
  /** How long the Redis may take to accept connections. */
  startupTimeoutMs: number;
  /**
   * Further redis.conf directives, appended after the generated ones (e.g. `cluster-enabled yes`,
   * `rename-command …`): for callers that run engines shaped like a managed service's.
   */
  extraConfig?: readonly string[] | undefined;
}

/** A Redis that runs (or ran) somewhere this machine can reach. */
export interface RunningInstance {
  /** Where this machine reaches it. */
  host: string;
  port: number;
  ref: InstanceRef;
  /** False once the instance is known to be gone; cheap enough to call on every describe. */
  isAlive(): boolean;
  /** Copies the RDB file last written by `SAVE` to `target` on this machine. */
  copyDataFile(target: string): Promise<void>;
  /** Stops and removes the instance; resolves when it no longer runs. Idempotent. */
  stop(): Promise<void>;
}

/** Something this machine runs for a state dir, found by looking at the machine itself. */
export interface ManagedInstance {
  ref: InstanceRef;
  /** The GUResID when the runtime knows it. */
  id: string | undefined;
}

/** A way of running Redis: a local process or a container. */
export interface RedisRuntime {
  readonly kind: RuntimeKind;
  /** Where this machine reaches the instances of this runtime; server certificates name it. */
  host(): Promise<string>;
  start(spec: InstanceSpec): Promise<RunningInstance>;
  /** The saved instance when it still runs (a stopped leftover is removed), else undefined. */
  adopt(saved: SavedInstance): Promise<RunningInstance | undefined>;
  /** Every instance of this state dir that exists now, whether or not a record knows it. */
  list(): Promise<ManagedInstance[]>;
  /** Stops and removes whatever still exists behind `ref`, if it belongs to this state dir. */
  destroy(ref: InstanceRef): Promise<void>;
}

export const sameRef = (a: InstanceRef, b: InstanceRef): boolean =>
  a.kind === "process" && b.kind === "process"
    ? a.pid === b.pid
    : a.kind === "container" && b.kind === "container" && a.containerId === b.containerId;

export const describeRef = (ref: InstanceRef): string =>
  ref.kind === "process" ? `redis-server pid ${ref.pid}` : `container ${ref.containerId.slice(0, 12)}`;
