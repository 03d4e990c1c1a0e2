import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { ReplicationGroup, Snapshot } from "../model/resources.js";
import type { EmulatorState } from "./emulator-state.js";

/**
 * Records a manual snapshot of `group` (status `creating`) and returns the step that writes it:
 * the engine's data set saved to an RDB file in this run's state dir, then `available`.
 */
export function takeFinalSnapshot(
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
      if (!group.backend) throw new Error("the replication group has no running engine");
      const dir = state.deps.pool.snapshotsDir;
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const file = path.join(dir, `${name}.rdb`);
      await group.backend.saveTo(file);
      snapshot.file = file;
      snapshot.status = "available";
      state.events.record(
        "replication-group",
        group.id,
        `Snapshot ${name} created for replication group ${group.id}`,
      );
    } catch (error) {
      state.snapshots.delete(name);
      const reason = error instanceof Error ? error.message : String(error);
      state.events.record(
        "replication-group",
        group.id,
        `Snapshot ${name} of replication group ${group.id} failed: ${reason}`,
      );
    }
  };
}

/** Deletes a snapshot: `deleting` now, gone (with its file) after the delete delay. */
export function deleteSnapshot(state: EmulatorState, snapshot: Snapshot): void {
  const { background, delays } = state.deps;
  snapshot.status = "deleting";
  background.run(`delete snapshot ${snapshot.name}`, async () => {
    await background.wait(delays.deleteMs);
    if (snapshot.file) await rm(snapshot.file, { force: true });
    state.snapshots.delete(snapshot.name);
    state.tags.forget(snapshot.arn);
  });
}
