import { randomBytes } from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import type { DriverInputs, DriverSecrets } from "../../inputs/driver-inputs.js";
import type {
  Capabilities,
  Endpoint,
  ManagedResource,
  Provisioner,
  ResourceRequest,
  ResourceState,
} from "../provisioner.js";
import { createRuntime } from "./create-runtime.js";
import { LocalCertificates } from "./local-certificates.js";
import { localCapabilities } from "./local-capabilities.js";
import {
  resolveOptions,
  type LocalProvisionerOptions,
  type ResolvedLocalProvisionerOptions,
} from "./local-provisioner-options.js";
import { sha256Hex } from "./redis-config.js";
import { waitForPing, withRedis, type RedisTarget } from "./redis-connection.js";
import { describeRef, type RedisRuntime, type RuntimeKind } from "./redis-runtime.js";
import { recoverState, removeStrays, type StateDirAccess } from "./recover-state.js";
import { ProvisionerError } from "../provisioner-errors.js";
import { failureReason } from "../scrub-secrets.js";
import { newEntry, type ResourceEntry } from "./resource-entry.js";
import { defaultProbes, selectRuntime, type RuntimeSelection } from "./select-runtime.js";
import { resourceKey, StateStore, type ResourceRecord } from "./state-store.js";
import { takeSnapshot } from "./take-snapshot.js";
import { unresponsiveReason } from "./unresponsive-reason.js";
import type { ServerTlsMaterial } from "./tls-material.js";

/** Not a valid `username` input, so it never collides with a resource's own user. */
const ADMIN_USER = "_local-admin";

/** One Redis found running for the state dir; the GUResID when a record, the provisioner or a container label names it. */
export interface LocalManagedResource extends ManagedResource {
  runtime: RuntimeKind;
}

const usernameOf = (spec: DriverInputs): string => spec.username ?? "default";

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  if (ms > 0) await sleep(ms, undefined, { signal });
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The reference provisioner: one real Redis per resource on this machine, in a container or as a
 * process, always with a password, with TLS and an ACL user on request. State lives in a state
 * dir, so a new provisioner over the same dir adopts what still runs and cleans what does not.
 */
export class LocalProvisioner implements Provisioner {
  readonly name: string;
  readonly capabilities: Capabilities;
  private readonly entries = new Map<string, ResourceEntry>();
  private readonly runtimes = new Map<RuntimeKind, RedisRuntime>();
  private readonly store: StateStore;
  private readonly log: Logger;
  private readonly certificates: LocalCertificates;
  private readonly access: StateDirAccess;
  private closed = false;
  private readonly listeners: ((id: string) => void)[] = [];

  private constructor(
    private readonly options: ResolvedLocalProvisionerOptions,
    private readonly selection: RuntimeSelection,
  ) {
    this.name = `local/${selection.kind}`;
    this.capabilities = localCapabilities(selection.kind, options);
    this.store = new StateStore(options.stateDir);
    this.certificates = new LocalCertificates(this.store.tlsDir);
    this.log = options.logger;
    this.access = {
      store: this.store,
      runtime: (kind) => this.runtime(kind),
      certificates: this.certificates,
      log: this.log,
    };
  }

  /** Picks a runtime, then adopts the resources of `stateDir` that still run and cleans the rest. */
  static async open(options: LocalProvisionerOptions): Promise<LocalProvisioner> {
    const resolved = resolveOptions(options);
    const selection = await selectRuntime(resolved.runtime, resolved.redisServerPath);
    resolved.logger.info(
      { runtime: selection.kind, reason: selection.reason, stateDir: resolved.stateDir },
      "local provisioner runtime selected",
    );
    const provisioner = new LocalProvisioner(resolved, selection);
    await provisioner.recover();
    return provisioner;
  }

  async describe(id: string, _secrets?: DriverSecrets): Promise<ResourceState> {
    const entry = this.entries.get(id);
    if (!entry) return { status: "absent" };
    if (entry.phase === "available" && entry.instance && !entry.instance.isAlive()) {
      entry.phase = "failed";
      entry.reason = `its Redis (${describeRef(entry.instance.ref)}) stopped outside the driver; delete the resource and create it again`;
      this.log.warn({ id, reason: entry.reason }, "resource lost its Redis");
    }
    if (entry.phase === "available" && entry.instance) {
      const reason = await unresponsiveReason(
        entry.instance,
        this.target(entry),
        entry.record.admin,
        this.options.pingTimeoutMs,
      );
      // Not a lasting verdict: a Redis that answers again reads available again.
      if (reason !== undefined && entry.phase === "available") {
        this.log.warn({ id, reason }, "resource does not answer");
        return { status: "failed", spec: entry.spec, reason };
      }
    }
    const { spec } = entry;
    switch (entry.phase) {
      case "available":
        return { status: "available", spec, endpoint: this.endpoint(entry) };
      case "failed":
        return { status: "failed", spec, reason: entry.reason };
      default:
        return { status: entry.phase, spec, since: new Date(entry.since) };
    }
  }

  async create(request: ResourceRequest): Promise<void> {
    this.assertOpen();
    const { id, spec } = request;
    const existing = this.entries.get(id);
    if (existing && (existing.phase !== "failed" || existing.instance)) {
      throw new ProvisionerError("conflict", `local resource ${id} already exists (${existing.phase})`, {
        fix: "delete it first",
      });
    }
    const record: ResourceRecord = {
      id,
      runtime: this.selection.kind,
      status: "creating",
      spec,
      createdAt: new Date().toISOString(),
      admin: { username: ADMIN_USER, password: randomBytes(24).toString("base64url") },
    };
    const entry = newEntry(record, "creating");
    this.entries.set(id, entry);
    try {
      await this.store.write(record);
    } catch (error) {
      this.entries.delete(id);
      throw error;
    }
    entry.work = this.runCreate(entry, request.password);
  }

  async update(request: ResourceRequest, previous: DriverInputs): Promise<void> {
    this.assertOpen();
    const entry = this.entries.get(request.id);
    if (entry?.phase !== "available") {
      throw new ProvisionerError(
        "conflict",
        `local resource ${request.id} is ${entry?.phase ?? "absent"}; only an available resource can be updated`,
      );
    }
    entry.phase = "updating";
    entry.since = new Date();
    entry.spec = request.spec;
    entry.work = entry.work.then(() => this.runUpdate(entry, request, previous));
  }

  async delete(id: string, _secrets?: DriverSecrets): Promise<void> {
    this.assertOpen();
    const entry = this.entries.get(id);
    if (!entry || entry.phase === "deleting") return;
    if (entry.phase === "failed" && !entry.instance) {
      this.entries.delete(id);
      await this.store.remove(id);
      return;
    }
    const snapshot =
      entry.spec.deletion_policy === "snapshot" &&
      (entry.phase === "available" || entry.phase === "updating");
    entry.phase = "deleting";
    entry.since = new Date();
    entry.cancelCreate.abort();
    entry.work = entry.work.then(() => this.runDelete(entry, snapshot));
  }

  /** Stops timers and waits for background work; every Redis keeps running for the next provisioner. */
  onStateChange(listener: (id: string) => void): void {
    this.listeners.push(listener);
  }

  private changed(id: string): void {
    for (const listener of this.listeners) listener(id);
  }

  /** Ready when the runtime in use answers: the redis-server binary runs, or the container engine lists. */
  async checkReady(): Promise<string | undefined> {
    if (this.selection.kind === "process") {
      const version = await defaultProbes.redisServer(this.options.redisServerPath);
      return version
        ? undefined
        : `redis-server (${this.options.redisServerPath}) does not run; install it or set LOCAL_REDIS_SERVER`;
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<string>((resolve) => {
      timer = setTimeout(() => resolve("the container engine did not answer within 3 s"), 3_000);
    });
    const listing = this.runtime("container")
      .list()
      .then(
        () => undefined,
        (error: unknown) => `the container engine does not answer (${messageOf(error).slice(0, 160)})`,
      );
    try {
      return await Promise.race([listing, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const entries = [...this.entries.values()];
    for (const entry of entries) entry.halt.abort();
    await Promise.allSettled(entries.map((entry) => entry.work));
  }

  /**
   * Stops every Redis this state dir knows (in memory, in records, or found running with its
   * marks) and forgets them. No snapshots. For tests and harnesses; also works after close().
   */
  async stopAll(): Promise<void> {
    const entries = [...this.entries.values()];
    for (const entry of entries) {
      entry.cancelCreate.abort();
      entry.halt.abort();
    }
    await Promise.allSettled(entries.map((entry) => entry.work));
    const problems: unknown[] = [];
    const attempt = async (step: () => Promise<void>) => {
      try {
        await step();
      } catch (error) {
        problems.push(error);
      }
    };
    for (const entry of entries) {
      await attempt(async () => {
        await entry.instance?.stop();
        await this.store.remove(entry.record.id);
      });
    }
    this.entries.clear();
    const { records } = await this.store.list();
    for (const record of records) {
      await attempt(async () => {
        if (record.instance) await this.runtime(record.runtime).destroy(record.instance.ref);
        await this.store.remove(record.id);
      });
    }
    const kinds = new Set<RuntimeKind>([
      "process",
      this.selection.kind,
      ...records.map((record) => record.runtime),
    ]);
    for (const kind of kinds) await attempt(() => removeStrays(this.access, kind, []));
    if (problems.length > 0) {
      throw new AggregateError(problems, `could not stop everything in ${this.options.stateDir}`);
    }
  }

  /**
   * What runs on this machine for the state dir right now, found by asking the runtimes (not the
   * records), so tests can assert that nothing was left behind.
   */
  async listManaged(): Promise<LocalManagedResource[]> {
    const ids = new Map<string, string>();
    for (const id of this.entries.keys()) ids.set(resourceKey(id), id);
    for (const record of (await this.store.list()).records) ids.set(resourceKey(record.id), record.id);
    const managed: LocalManagedResource[] = [];
    for (const kind of new Set<RuntimeKind>(["process", this.selection.kind])) {
      for (const { ref, id } of await this.runtime(kind).list()) {
        const key = ref.kind === "process" ? path.basename(path.dirname(ref.confPath)) : undefined;
        managed.push({
          guresid: id ?? (key === undefined ? undefined : ids.get(key)),
          runtime: kind,
          instance: describeRef(ref),
        });
      }
    }
    return managed;
  }

  private assertOpen(): void {
    if (this.closed) {
      throw new ProvisionerError("unavailable", "the local provisioner is shutting down", {
        retryAfterSeconds: 1,
      });
    }
  }

  private runtime(kind: RuntimeKind): RedisRuntime {
    let runtime = this.runtimes.get(kind);
    if (!runtime) {
      runtime = createRuntime(kind, this.options);
      this.runtimes.set(kind, runtime);
    }
    return runtime;
  }

  private async save(entry: ResourceEntry, change: Partial<ResourceRecord>): Promise<void> {
    entry.record = { ...entry.record, ...change };
    await this.store.write(entry.record);
  }

  private async runCreate(entry: ResourceEntry, password: string): Promise<void> {
    const { id, spec, admin } = entry.record;
    const runtime = this.runtime(entry.record.runtime);
    const signal = AbortSignal.any([entry.cancelCreate.signal, entry.halt.signal]);
    try {
      await pause(this.options.createDelayMs, signal);
      const startedAt = Date.now();
      const instance = await runtime.start({
        id,
        dir: this.store.instanceDir(id),
        user: { name: usernameOf(spec), passwordSha256: sha256Hex(password) },
        admin: { name: admin.username, passwordSha256: sha256Hex(admin.password) },
        maxmemoryPolicy: spec.maxmemory_policy,
        tls: spec.tls ? await this.serverTls(runtime) : undefined,
        startupTimeoutMs: this.options.readyTimeoutMs,
      });
      entry.instance = instance;
      await this.save(entry, { instance: { ref: instance.ref, host: instance.host, port: instance.port } });
      const remainingMs = Math.max(1, this.options.readyTimeoutMs - (Date.now() - startedAt));
      await waitForPing(this.target(entry), { username: usernameOf(spec), password }, remainingMs, signal);
      await this.save(entry, { status: "available" });
      if (entry.phase === "creating") entry.phase = "available";
      this.changed(id);
      this.log.info(
        { id, runtime: runtime.kind, port: instance.port, tls: spec.tls, ms: Date.now() - startedAt },
        "resource available",
      );
    } catch (error) {
      // A delete follows in the queue, or the provisioner is closing and the next one cleans up.
      if (signal.aborted) return;
      const reason = failureReason(`could not start a local Redis (${runtime.kind} runtime)`, error, [
        password,
        admin.password,
      ]);
      this.log.error({ id, reason }, "create failed");
      try {
        await entry.instance?.stop();
        entry.instance = undefined;
        await this.store.remove(id);
      } catch (cleanupError) {
        this.log.error({ id, problem: messageOf(cleanupError) }, "could not clean up after a failed create");
      }
      entry.phase = "failed";
      entry.reason = reason;
      this.changed(id);
    }
  }

  private async runUpdate(
    entry: ResourceEntry,
    request: ResourceRequest,
    previous: DriverInputs,
  ): Promise<void> {
    if (entry.halt.signal.aborted) return;
    const { spec, password } = request;
    try {
      await withRedis(this.target(entry), entry.record.admin, async (client) => {
        await client.sendCommand([
          "ACL",
          "SETUSER",
          usernameOf(spec),
          "resetpass",
          `#${sha256Hex(password)}`,
        ]);
        await client.configSet("maxmemory-policy", spec.maxmemory_policy);
      });
      await this.save(entry, { spec });
      if (entry.phase === "updating") entry.phase = "available";
      this.changed(request.id);
      this.log.info(
        {
          id: request.id,
          passwordRotated: spec.auth_generation !== previous.auth_generation,
          maxmemoryPolicy: spec.maxmemory_policy,
        },
        "resource updated",
      );
    } catch (error) {
      if (entry.halt.signal.aborted || entry.phase !== "updating") return;
      entry.phase = "failed";
      entry.reason = failureReason("could not update the local Redis", error, [
        password,
        entry.record.admin.password,
      ]);
      this.log.error({ id: request.id, reason: entry.reason }, "update failed");
      this.changed(request.id);
    }
  }

  private async runDelete(entry: ResourceEntry, snapshot: boolean): Promise<void> {
    const { id } = entry.record;
    if (entry.halt.signal.aborted) return;
    try {
      await this.save(entry, { status: "deleting" });
      await pause(this.options.deleteDelayMs, entry.halt.signal);
      if (snapshot && entry.instance) {
        const file = await takeSnapshot(
          entry.instance,
          this.target(entry),
          entry.record.admin,
          this.store.snapshotsDir,
          resourceKey(id),
        );
        this.log.info({ id, file }, "final snapshot kept");
      }
      await entry.instance?.stop();
      entry.instance = undefined;
      await this.store.remove(id);
      if (this.entries.get(id) === entry) this.entries.delete(id);
      this.changed(id);
      this.log.info({ id }, "resource deleted");
    } catch (error) {
      if (entry.halt.signal.aborted) return;
      entry.phase = "failed";
      entry.reason = failureReason("could not delete the local Redis (delete again to retry)", error, [
        entry.record.admin.password,
      ]);
      this.log.error({ id, reason: entry.reason }, "delete failed");
      this.changed(id);
    }
  }

  private async recover(): Promise<void> {
    for (const { record, instance, problem } of await recoverState(this.access, this.selection.kind)) {
      const entry = newEntry(
        record,
        instance ? (record.status === "deleting" ? "deleting" : "available") : "failed",
      );
      entry.instance = instance;
      entry.reason = problem ?? "";
      this.entries.set(record.id, entry);
      if (entry.phase === "deleting") {
        entry.work = this.runDelete(entry, record.spec.deletion_policy === "snapshot");
      }
    }
  }

  private async serverTls(runtime: RedisRuntime): Promise<ServerTlsMaterial> {
    return this.certificates.issue([
      "127.0.0.1",
      "::1",
      "localhost",
      this.options.advertiseHost,
      await runtime.host(),
    ]);
  }

  private target(entry: ResourceEntry): RedisTarget {
    const { instance } = entry;
    if (!instance)
      throw new ProvisionerError("failed", `local resource ${entry.record.id} has no running Redis`);
    return {
      host: instance.host,
      port: instance.port,
      ca: entry.spec.tls ? this.certificates.caPem : undefined,
    };
  }

  private endpoint(entry: ResourceEntry): Endpoint {
    const { instance, spec } = entry;
    if (!instance)
      throw new ProvisionerError("failed", `local resource ${entry.record.id} has no running Redis`);
    return {
      host: this.options.advertiseHost,
      port: instance.port,
      tls: spec.tls,
      username: usernameOf(spec),
      ...(spec.tls && this.certificates.caPem ? { caCertificate: this.certificates.caPem } : {}),
    };
  }
}
