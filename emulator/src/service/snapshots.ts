import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import type { Engine } from "../engine/engine.js";
import type { ReplicationGroup, ServerlessCache, ServerlessSnapshot, Snapshot } from "../model/resources.js";
import type { EmulatorState } from "./emulator-state.js";

/** Saves an engine's data set to `<state dir>/snapshots/<file>`; resolves with its path and size. */
async function save(state: EmulatorState, backend: Engine | undefined, file: string) {
  if (!backend) throw new Error("the cache has no running engine");
  const dir = state.deps.pool.snapshotsDir;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const target = path.join(dir, file);
  await backend.saveTo(target);
  return { file: target, bytes: (await stat(target)).size };
}

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Records a manual snapshot of `group` (status `creating`) and returns the step that writes it:
 * the engine's data set saved to an RDB file in this run's state dir, then `available`. A
 * snapshot that cannot be written disappears again, with an event saying why.
 */
export function snapshotReplicationGroup(
  state: EmulatorState,
  group: ReplicationGroup,
  name: string,
): () => Promise<void> {
  const snapshot: Snapshot = {
    name,
    arn: state.arn("snapshot", name),
    createdAt: new Date(),
    status: "creating",
    source: "manual",
    replicationGroupId: group.id,
    replicationGroupDescription: group.description,
    engine: group.engine,
    engineVersion: group.engineVersion,
    cacheNodeType: group.cacheNodeType,
    subnetGroup: group.subnetGroup,
    parameterGroup: group.parameterGroup,
    numNodeGroups: group.numNodeGroups,
    automaticFailover: group.automaticFailover,
    file: undefined,
  };
  state.snapshots.set(name, snapshot);
  return async () => {
    try {
      snapshot.file = (await save(state, group.backend, `${name}.rdb`)).file;
      snapshot.status = "available";
      state.events.record(
        "replication-group",
        group.id,
        `Snapshot ${name} created for replication group ${group.id}`,
      );
    } catch (error) {
      state.snapshots.delete(name);
      state.events.record(
        "replication-group",
        group.id,
        `Snapshot ${name} of replication group ${group.id} failed: ${reasonOf(error)}`,
      );
    }
  };
}

/** The same for a serverless cache's final snapshot (`DeleteServerlessCache` `FinalSnapshotName`). */
export function snapshotServerlessCache(
  state: EmulatorState,
  cache: ServerlessCache,
  name: string,
): () => Promise<void> {
  const snapshot: ServerlessSnapshot = {
    name,
    arn: state.arn("serverlesscachesnapshot", name),
    createdAt: new Date(),
    status: "creating",
    serverlessCacheName: cache.id,
    engine: cache.engine,
    majorEngineVersion: cache.majorEngineVersion,
    file: undefined,
    bytes: undefined,
  };
  state.serverlessSnapshots.set(name, snapshot);
  return async () => {
    try {
      Object.assign(snapshot, await save(state, cache.backend, `serverless-${name}.rdb`), {
        status: "available",
      });
      state.events.record("serverless-cache-snapshot", name, `Serverless cache snapshot ${name} created`);
    } catch (error) {
      state.serverlessSnapshots.delete(name);
      state.events.record(
        "serverless-cache-snapshot",
        name,
        `Serverless cache snapshot ${name} failed: ${reasonOf(error)}`,
      );
    }
  };
}

/** Deletes a snapshot of either kind: `deleting` now, gone (with its file) after the delete delay. */
export function deleteSnapshot(state: EmulatorState, snapshot: Snapshot | ServerlessSnapshot): void {
  const { background, delays } = state.deps;
  snapshot.status = "deleting";
  background.run(`delete snapshot ${snapshot.name}`, async () => {
    await background.wait(delays.deleteMs);
    if (snapshot.file) await rm(snapshot.file, { force: true });
    if ("serverlessCacheName" in snapshot) state.serverlessSnapshots.delete(snapshot.name);
    else state.snapshots.delete(snapshot.name);
    state.tags.forget(snapshot.arn);
  });
}
