import { formatAge, formatDuration } from "../cli/duration.js";
import { Progress } from "../progress/progress.js";
import { describeResource } from "./kit-inventory.js";
import { listKitInventory, type InventoryClients } from "./list-kit-inventory.js";
import { describeScope, janitorPlan, type JanitorScope } from "./removal-plan.js";
import { removeResources } from "./remove-resources.js";
import { finalSnapshotName, resourceRemovers } from "./resource-removers.js";

export interface JanitorSettings {
  readonly region: string;
  readonly olderThanMs: number;
  /** Which caches it may touch: one cache network, or an owner tag. */
  readonly scope: JanitorScope;
  /** Each deleted cache leaves a final snapshot, unless false (`--no-final-snapshot`). */
  readonly finalSnapshots: boolean;
  /** Delete; otherwise only list. */
  readonly yes: boolean;
  /** How long each phase (caches, user groups, ...) may take to be gone, in ms. */
  readonly timeoutMs: number;
  readonly intervalMs: number;
  /** Pause between tries of a busy object's tag read, in ms. */
  readonly tagRetryMs?: number;
}

export interface JanitorIo {
  readonly write: (line: string) => void;
  readonly now: () => Date;
  readonly signal?: AbortSignal | undefined;
  readonly heartbeatMs?: number;
}

/**
 * Lists the kit's caches in one scope (a cache network or an owner tag) older than a given age, and
 * what goes with them, and deletes them with `yes`, each cache with a final snapshot unless told
 * otherwise. Resolves with 1 when something could not be deleted.
 */
export async function janitor(
  settings: JanitorSettings,
  clients: InventoryClients,
  io: JanitorIo,
): Promise<number> {
  const progress = new Progress({ write: io.write, heartbeatMs: io.heartbeatMs ?? 30_000 });
  const inventory = await progress.step(
    `Listing the kit's objects in ${settings.region} (${describeScope(settings.scope)})`,
    () =>
      listKitInventory(clients, {
        signal: io.signal,
        ...(settings.tagRetryMs === undefined ? {} : { tagRetryMs: settings.tagRetryMs }),
      }),
  );
  const plan = janitorPlan(inventory, io.now(), settings.olderThanMs, settings.scope);
  const age = formatAge(settings.olderThanMs);
  io.write(
    plan.remove.length === 0
      ? `Nothing older than ${age} to delete.`
      : `To delete (older than ${age}, or going with what is):`,
  );
  for (const item of plan.remove) io.write(`  ${describeResource(item.kind, item.id)}: ${item.why}`);
  if (plan.keep.length > 0) {
    io.write("Staying:");
    for (const item of plan.keep) io.write(`  ${describeResource(item.kind, item.id)}: ${item.why}`);
  }
  if (plan.remove.length === 0) return 0;
  if (!settings.yes) {
    io.write(`Dry run: nothing was deleted. Add --yes to delete the ${plan.remove.length} listed above.`);
    return 0;
  }
  const outcome = await progress.step(
    `Deleting ${plan.remove.length} (each phase at most ${formatDuration(settings.timeoutMs)})`,
    (status) =>
      removeResources(plan.remove, {
        removers: resourceRemovers(clients.elasticache, clients.ec2, {
          ...(settings.finalSnapshots
            ? { finalSnapshot: (id: string) => finalSnapshotName(id, io.now()) }
            : {}),
        }),
        status,
        timeoutMs: settings.timeoutMs,
        intervalMs: settings.intervalMs,
        signal: io.signal,
      }),
  );
  for (const removed of outcome.removed) io.write(`  deleted ${removed}`);
  const cachesDeleted = outcome.removed.some(
    (removed) => removed.startsWith("replication group ") || removed.startsWith("serverless cache "),
  );
  if (settings.finalSnapshots && cachesDeleted)
    io.write("Each deleted cache left a final snapshot named <cache>-final-<UTC minute>.");
  for (const { resource, reason } of outcome.failed) io.write(`  NOT deleted ${resource}: ${reason}`);
  return outcome.failed.length === 0 ? 0 : 1;
}
