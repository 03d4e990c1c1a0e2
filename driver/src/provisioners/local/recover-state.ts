import type { Logger } from "pino";
import type { LocalCertificates } from "./local-certificates.js";
import { waitForPing } from "./redis-connection.js";
import {
  describeRef,
  sameRef,
  type InstanceRef,
  type RedisRuntime,
  type RunningInstance,
  type RuntimeKind,
} from "./redis-runtime.js";
import type { ResourceRecord, StateStore } from "./state-store.js";

const ADOPT_PING_TIMEOUT_MS = 3_000;

/** What recovery needs of a provisioner. */
export interface StateDirAccess {
  store: StateStore;
  runtime(kind: RuntimeKind): RedisRuntime;
  certificates: LocalCertificates;
  log: Logger;
}

/** A resource worth keeping after a restart: adopted, or unknowable because its runtime did not answer. */
export type RecoveredResource =
  | { record: ResourceRecord; instance: RunningInstance; problem?: undefined }
  | { record: ResourceRecord; instance?: undefined; problem: string };

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function answers(
  access: StateDirAccess,
  record: ResourceRecord,
  instance: RunningInstance,
): Promise<boolean> {
  const ca = record.spec.tls ? (await access.certificates.load()).certPem : undefined;
  try {
    await waitForPing({ host: instance.host, port: instance.port, ca }, record.admin, ADOPT_PING_TIMEOUT_MS);
    return true;
  } catch {
    return false;
  }
}

async function recoverOne(
  access: StateDirAccess,
  record: ResourceRecord,
): Promise<RecoveredResource | undefined> {
  const { id } = record;
  const runtime = access.runtime(record.runtime);
  let instance: RunningInstance | undefined;
  try {
    if (record.status === "creating") {
      if (record.instance) await runtime.destroy(record.instance.ref);
      await access.store.remove(id);
      access.log.warn({ id }, "cleaned up a resource whose creation was interrupted");
      return undefined;
    }
    instance = record.instance ? await runtime.adopt(record.instance) : undefined;
    if (instance && !(await answers(access, record, instance))) {
      await instance.stop();
      instance = undefined;
    }
  } catch (error) {
    const problem = `the ${record.runtime} runtime could not be asked about this resource after a driver restart: ${messageOf(error)}`;
    access.log.error({ id, reason: problem }, "could not adopt a resource");
    return { record, problem };
  }
  if (!instance) {
    await access.store.remove(id);
    access.log.warn({ id }, "forgot a resource whose Redis no longer runs");
    return undefined;
  }
  access.log.info({ id, runtime: runtime.kind, port: instance.port }, "adopted a running resource");
  return { record, instance };
}

/** Stops every instance of the state dir that `kind` runs and no one in `kept` claims. */
export async function removeStrays(
  access: StateDirAccess,
  kind: RuntimeKind,
  kept: readonly InstanceRef[],
): Promise<void> {
  const runtime = access.runtime(kind);
  for (const found of await runtime.list()) {
    if (kept.some((ref) => sameRef(ref, found.ref))) continue;
    await runtime.destroy(found.ref);
    access.log.warn(
      { id: found.id, instance: describeRef(found.ref) },
      "stopped a Redis no resource record claims",
    );
  }
}

/**
 * After a restart: adopts the recorded resources whose Redis still answers, forgets the others,
 * cleans creations a crash interrupted, and stops instances of the state dir no record claims.
 */
export async function recoverState(
  access: StateDirAccess,
  selected: RuntimeKind,
): Promise<RecoveredResource[]> {
  await access.store.init();
  const { records, unreadable } = await access.store.list();
  for (const file of unreadable) access.log.warn({ file }, "unreadable resource record left in place");
  const recovered: RecoveredResource[] = [];
  for (const record of records) {
    const resource = await recoverOne(access, record);
    if (resource) recovered.push(resource);
  }
  const kept = recovered.flatMap((resource) => (resource.instance ? [resource.instance.ref] : []));
  for (const kind of new Set<RuntimeKind>([selected, ...records.map((record) => record.runtime)])) {
    await removeStrays(access, kind, kept).catch((error: unknown) =>
      access.log.warn({ runtime: kind, problem: messageOf(error) }, "could not look for stray instances"),
    );
  }
  return recovered;
}
