import type { EngineLayout } from "../engine/engine.js";
import { describeEngines, type RequestedEngine } from "../engine/engine-images.js";
import { START_ONLY_PARAMETERS } from "../model/cache-parameters.js";
import type { Cache } from "../model/resources.js";
import { memberClusterIds } from "../shapes/replication-group-shape.js";
import { syncAcl } from "./cache-acl.js";
import type { EmulatorState } from "./emulator-state.js";

const noun = (cache: Cache) =>
  cache.kind === "replication-group" ? "Replication group" : "Serverless cache";
const engineKey = (cache: Cache) => `${cache.kind}-${cache.id}`;

/** The message of a failure, without anything that could carry a secret. */
const reasonOf = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).slice(0, 500);

/**
 * Creates a cache's engine in the background: the create delay (plus any injected slowness) and
 * the engine's start run side by side, then the cache is `available`, or `create-failed` with an
 * event saying why (an injected failure, or the engine not starting).
 */
export function startCache(state: EmulatorState, cache: Cache): void {
  const { background, pool, faults, delays, logger } = state.deps;
  const injected = faults.createFailure(cache.id);
  const waitMs = delays.createMs + faults.slowCreateMs;
  background.run(`create ${cache.kind} ${cache.id}`, async (signal) => {
    const tls = cache.kind === "serverless-cache" || cache.transitEncryption;
    const started =
      injected === undefined
        ? pool.start(engineKey(cache), tls, layoutOf(cache), signal, requestedOf(cache)).then(
            (engine) => ({ engine }),
            (error: unknown) => ({ error }),
          )
        : Promise.resolve(undefined);
    await background.wait(waitMs).catch(() => undefined);
    const outcome = await started;
    if (outcome && "engine" in outcome) cache.backend = outcome.engine;
    if (signal.aborted) return;
    try {
      if (injected !== undefined) throw new InjectedFailure(injected);
      if (!outcome || "error" in outcome) throw outcome?.error;
      await syncAcl(state, cache);
      await applyParameters(state, cache);
      // What runs is the engine's own answer; the event says when it is not what was asked for.
      const runs = await cache.backend?.serverVersion();
      // The events come first and the status in the same step: a client that sees `available`
      // finds the created event too.
      state.events.record(
        cache.kind,
        cache.id,
        `${noun(cache)} ${cache.id} created (${describeEngines(requestedOf(cache), runs)})`,
      );
      if (cache.kind === "replication-group") {
        for (const id of memberClusterIds(cache).flat()) {
          state.events.record("cache-cluster", id, `Cache cluster ${id} created`);
        }
      }
      cache.status = "available";
      logger.info({ cache: cache.id, kind: cache.kind }, "cache available");
    } catch (error) {
      cache.status = "create-failed";
      const message =
        error instanceof InjectedFailure
          ? error.message
          : `Failed to create ${noun(cache).toLowerCase()} ${cache.id}: the engine did not start (${reasonOf(error)})`;
      state.events.record(cache.kind, cache.id, message);
      logger.warn({ cache: cache.id, kind: cache.kind, reason: message }, "cache create failed");
      if (cache.backend) {
        await pool.stop(cache.backend);
        cache.backend = undefined;
      }
    }
  });
}

class InjectedFailure extends Error {}

/** The engine and version a cache asked for (serverless caches ask for a major version only). */
const requestedOf = (cache: Cache): RequestedEngine =>
  cache.kind === "replication-group"
    ? { engine: cache.engine, version: cache.engineVersion }
    : { engine: cache.engine, version: cache.majorEngineVersion };

/**
 * The engines a cache runs: a replication group's shards and replicas (a Redis Cluster in cluster
 * mode), a serverless cache as a one-shard cluster with a primary and a reader.
 */
export function layoutOf(cache: Cache): EngineLayout {
  return cache.kind === "serverless-cache"
    ? { cluster: true, shards: 1, replicasPerShard: 1 }
    : {
        cluster: cache.clusterMode !== "disabled",
        shards: cache.numNodeGroups,
        replicasPerShard: cache.replicasPerNodeGroup,
      };
}

/** Applies the parameters of a replication group's parameter group to its engine. */
export async function applyParameters(state: EmulatorState, cache: Cache): Promise<void> {
  if (cache.kind !== "replication-group" || !cache.backend) return;
  const group = state.parameterGroups.get(cache.parameterGroup);
  for (const [name, value] of group?.parameters ?? []) {
    if (!START_ONLY_PARAMETERS.has(name)) await cache.backend.configSet(name, value);
  }
}
