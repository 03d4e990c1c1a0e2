import type { Cache } from "../model/resources.js";
import { memberClusterIds } from "../shapes/replication-group-shape.js";
import type { EmulatorState } from "./emulator-state.js";

const noun = (cache: Cache) =>
  cache.kind === "replication-group" ? "Replication group" : "Serverless cache";

/**
 * Moves a cache through `modifying`: the change is applied once the modify delay has passed,
 * then the cache is `available` again.
 */
export function modifyCache(state: EmulatorState, cache: Cache, apply: () => Promise<void>): void {
  const { background, delays } = state.deps;
  cache.status = "modifying";
  background.run(`modify ${cache.kind} ${cache.id}`, async () => {
    await background.wait(delays.modifyMs);
    try {
      await apply();
    } finally {
      cache.status = "available";
    }
    state.events.record(cache.kind, cache.id, `${noun(cache)} ${cache.id} has been modified`);
  });
}

/**
 * A tag write leaves a cache `modifying` for the modify delay, as AWS does (tag changes go
 * through the same workflow as other modifications): clients that tag and then modify must wait
 * for `available` in between. A cache already modifying stays so until its own change ends.
 */
export function settleAfterTagging(state: EmulatorState, cache: Cache): void {
  if (cache.status !== "available") return;
  const { background, delays } = state.deps;
  cache.status = "modifying";
  background.run(`tag ${cache.kind} ${cache.id}`, async () => {
    await background.wait(delays.modifyMs);
    if (cache.status === "modifying") cache.status = "available";
  });
}

/**
 * Moves a cache through `deleting`: after the delete delay, `beforeStop` runs (a final
 * snapshot), the engine stops, and the cache is gone; later calls answer its not-found fault.
 */
export function deleteCache(
  state: EmulatorState,
  cache: Cache,
  beforeStop: () => Promise<void> = async () => {},
): void {
  const { background, delays, pool } = state.deps;
  cache.status = "deleting";
  background.run(`delete ${cache.kind} ${cache.id}`, async () => {
    await background.wait(delays.deleteMs);
    try {
      await beforeStop();
    } finally {
      if (cache.backend) await pool.stop(cache.backend);
      cache.backend = undefined;
      if (cache.kind === "replication-group") state.replicationGroups.delete(cache.id);
      else state.serverlessCaches.delete(cache.id);
      state.tags.forget(cache.arn);
      state.events.record(cache.kind, cache.id, `${noun(cache)} ${cache.id} deleted`);
      if (cache.kind === "replication-group") {
        for (const id of memberClusterIds(cache).flat()) {
          state.tags.forget(state.arn("cluster", id));
          state.events.record("cache-cluster", id, `Cache cluster ${id} deleted`);
        }
      }
    }
  });
}
