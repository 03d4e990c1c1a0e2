import type { EmulatorState } from "./emulator-state.js";
import { modifyCache } from "./transitions.js";

/**
 * A maintenance window for every replication group at once: changes requested with
 * ApplyImmediately=false are applied (the group goes through `modifying`). Returns the ids of the
 * groups that had any. AWS runs this in each group's weekly window; here a test or an operator
 * triggers it (`POST /_emulator/maintenance`).
 */
export function runMaintenance(state: EmulatorState): string[] {
  const applied: string[] = [];
  for (const group of state.replicationGroups.values()) {
    const pending = group.pendingMaintenance;
    if (!pending || group.status !== "available") continue;
    applied.push(group.id);
    modifyCache(state, group, async () => {
      if (pending.engine !== undefined) group.engine = pending.engine;
      if (pending.engineVersion !== undefined) group.engineVersion = pending.engineVersion;
      if (pending.cacheNodeType !== undefined) group.cacheNodeType = pending.cacheNodeType;
      group.pendingMaintenance = undefined;
    });
  }
  return applied;
}
