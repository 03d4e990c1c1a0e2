import { setTimeout as sleep } from "node:timers/promises";
import { formatDuration } from "../cli/duration.js";
import type { StatusFn } from "../progress/progress.js";
import { describeResource, type ResourceKind } from "./kit-inventory.js";
import type { PlannedResource } from "./removal-plan.js";
import { CannotRemove, NotYet, type Remover } from "./resource-removers.js";

export interface RemoveOptions {
  readonly removers: Readonly<Record<ResourceKind, Remover>>;
  readonly status: StatusFn;
  /** How long one phase (e.g. the caches) may take to be gone, in ms. */
  readonly timeoutMs: number;
  /** Pause between two looks, in ms. */
  readonly intervalMs: number;
  readonly signal?: AbortSignal | undefined;
}

export interface RemovalOutcome {
  readonly removed: readonly string[];
  readonly failed: readonly { readonly resource: string; readonly reason: string }[];
}

/** Caches first (their user groups and network cannot go while they exist), then what they used. */
const PHASES: readonly (readonly ResourceKind[])[] = [
  ["replication-group", "serverless-cache"],
  ["user-group", "parameter-group"],
  ["user"],
  ["snapshot", "serverless-snapshot"],
  ["cache-subnet-group", "security-group"],
];

/**
 * Deletes the planned objects phase by phase, each phase watched until everything in it is gone
 * (bounded by `timeoutMs`). What cannot go is reported, not thrown, so the rest still goes.
 */
export async function removeResources(
  plan: readonly PlannedResource[],
  options: RemoveOptions,
): Promise<RemovalOutcome> {
  const removed: string[] = [];
  const failed: { resource: string; reason: string }[] = [];
  for (const [phase, kinds] of PHASES.entries()) {
    if (phase > 0 && failed.length > 0 && failedCaches(failed)) {
      for (const item of plan.filter((entry) => kinds.includes(entry.kind))) {
        failed.push({
          resource: describeResource(item.kind, item.id),
          reason: "not tried: a cache that may use it is still there",
        });
      }
      continue;
    }
    const items = plan.filter((item) => kinds.includes(item.kind));
    if (items.length === 0) continue;
    const pending = new Map(items.map((item) => [item, { started: false, status: "not started" }]));
    const started = performance.now();
    for (;;) {
      for (const [item, entry] of pending) {
        const label = describeResource(item.kind, item.id);
        const remover = options.removers[item.kind];
        try {
          if (!entry.started) {
            if ((await remover.start(item.id)) === "gone") {
              pending.delete(item);
              removed.push(label);
              continue;
            }
            entry.started = true;
          }
          const now = await remover.look(item.id);
          if (now === undefined) {
            pending.delete(item);
            removed.push(label);
          } else entry.status = now;
        } catch (error) {
          if (error instanceof NotYet) {
            entry.status = `waiting (${error.message.split("\n")[0] ?? ""})`;
            continue;
          }
          pending.delete(item);
          failed.push({
            resource: label,
            reason:
              error instanceof CannotRemove ? error.message : `${errorName(error)}: ${errorMessage(error)}`,
          });
        }
      }
      if (pending.size === 0) break;
      const waiting = [...pending].map(([item, entry]) => `${item.id} (${entry.status})`);
      options.status(
        `waiting for ${pending.size} to go: ${waiting.slice(0, 4).join(", ")}${waiting.length > 4 ? ", ..." : ""}`,
      );
      if (performance.now() - started >= options.timeoutMs) {
        for (const [item, entry] of pending) {
          failed.push({
            resource: describeResource(item.kind, item.id),
            reason: `still ${entry.status} after ${formatDuration(options.timeoutMs)}; run again later`,
          });
        }
        break;
      }
      await sleep(options.intervalMs, undefined, options.signal ? { signal: options.signal } : {});
    }
  }
  return { removed, failed };
}

function failedCaches(failed: readonly { resource: string }[]): boolean {
  return failed.some(
    ({ resource }) =>
      resource.startsWith(describeResource("replication-group", "")) ||
      resource.startsWith(describeResource("serverless-cache", "")),
  );
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : "Error");
const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));
