import type { ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { formatDuration } from "../cli/duration.js";
import { UserError } from "../cli/user-error.js";
import { DRIVER_DEPLOYMENT } from "../cloud/cloud-context.js";
import type { OpenClusterAccess } from "../cloud/cluster-access.js";
import type { UpStateFile } from "../cloud/up-state.js";
import { Progress } from "../progress/progress.js";
import { StackStatus } from "../stack/stack-status.js";
import { outputString, type StackOutputs, type StackRunner } from "../stack/stack-runner.js";
import { deleteServiceLoadBalancers } from "./cluster-load-balancers.js";
import { cacheNetworkInterfaces, describeInterface, waitForEniDrain } from "./eni-drain.js";
import { describeResource, type KitInventory } from "./kit-inventory.js";
import type { InventoryClients } from "./list-kit-inventory.js";
import { listKitInventory } from "./list-kit-inventory.js";
import { stackPlan, type RemovalPlan, type StackCacheNetwork } from "./removal-plan.js";
import { removeResources } from "./remove-resources.js";
import { resourceRemovers } from "./resource-removers.js";
import { deleteThroughDriver } from "./stack-caches-through-driver.js";
import { withOpenCluster } from "./with-open-cluster.js";

export interface DownSettings {
  readonly stack: string;
  readonly namespace: string;
  readonly dryRun: boolean;
  /** How long deleting the caches may take, in ms. */
  readonly cacheTimeoutMs: number;
  /** How long ElastiCache may take to release the network interfaces, in ms. */
  readonly eniTimeoutMs: number;
  readonly intervalMs: number;
  /** Final snapshots of the stack's caches stay (`--keep-snapshots`). */
  readonly keepSnapshots?: boolean;
  /** Pause between tries of a busy cache's tag read, in ms. */
  readonly tagRetryMs?: number;
}

export interface DownDeps {
  readonly runner: StackRunner;
  /** `elbv2`: for the driver's load balancer when its cluster cannot delete it. */
  readonly clients: InventoryClients & { readonly elbv2?: ElasticLoadBalancingV2Client };
  readonly openCluster: OpenClusterAccess;
  readonly stateFile: UpStateFile;
}

export interface DownIo {
  readonly write: (line: string) => void;
  readonly signal?: AbortSignal | undefined;
  readonly heartbeatMs?: number;
}

/**
 * `down`: every cache of the stack's cache network through the deployed driver, then whatever
 * kit-tagged caches, user groups and users are left there through the AWS API, then a bounded wait
 * for ElastiCache's network interfaces to go, then the stack destroyed. With `dryRun`, lists it all
 * and changes nothing.
 */
export async function down(settings: DownSettings, deps: DownDeps, io: DownIo): Promise<number> {
  const progress = new Progress({ write: io.write, heartbeatMs: io.heartbeatMs ?? 30_000 });
  const { outputs, resources } = await progress.step(`Stack ${settings.stack}: reading it`, async () => ({
    outputs: await deps.runner.outputs(),
    resources: await deps.runner.resources(),
  }));
  if (Object.keys(outputs).length === 0 && resources.length === 0) {
    progress.heading(`Stack ${settings.stack} holds nothing: nothing to take down.`);
    if (!settings.dryRun) await deps.stateFile.remove();
    return 0;
  }
  const network: StackCacheNetwork = {
    subnetGroup: outputString(outputs, "cacheSubnetGroupName"),
    securityGroupId: outputString(outputs, "cacheSecurityGroupId"),
  };
  const listing = {
    signal: io.signal,
    ...(settings.tagRetryMs === undefined ? {} : { tagRetryMs: settings.tagRetryMs }),
  };
  const inventory = await progress.step("The kit's caches in the stack's cache network: listing", () =>
    listKitInventory(deps.clients, listing),
  );
  const guresids = await stackGuresids(inventory, stackPlan(inventory, network), deps.stateFile);
  const planOptions = { guresids, keepSnapshots: settings.keepSnapshots ?? false };
  const plan = stackPlan(inventory, network, planOptions);

  if (settings.dryRun) {
    await listDryRun(settings, deps, { outputs, resources, plan, guresids }, io.write);
    return 0;
  }

  if (guresids.length > 0) {
    await progress.step(
      `Caches through the driver: DELETE repeated until 204 (${guresids.length})`,
      async (status) => {
        const problem = await deleteWithDriver(settings, deps, outputs, guresids, status, io.signal);
        if (problem) progress.note(`${problem}; the caches are deleted by their tags instead`);
      },
    );
  }
  await progress.step(
    "Safety net: the kit's caches, user groups, users, parameter groups and final snapshots left of the stack",
    async (status) => {
      const left = stackPlan(await listKitInventory(deps.clients, listing), network, planOptions).remove;
      if (left.length === 0) {
        status("nothing left");
        return;
      }
      const outcome = await removeResources(left, {
        removers: resourceRemovers(deps.clients.elasticache, deps.clients.ec2),
        status,
        timeoutMs: settings.cacheTimeoutMs,
        intervalMs: settings.intervalMs,
        signal: io.signal,
      });
      for (const removed of outcome.removed) progress.note(`deleted ${removed}`);
      if (outcome.failed.length > 0) {
        throw new UserError(
          "Caches of the stack",
          `${outcome.failed.map((f) => `${f.resource}: ${f.reason}`).join("; ")}; the stack was not destroyed`,
          "run `npm run down` again later; `npm run janitor` lists what carries the kit's tag",
        );
      }
    },
  );
  await progress.step(
    `ElastiCache network interfaces: waiting for them to go (at most ${formatDuration(settings.eniTimeoutMs)})`,
    (status) =>
      waitForEniDrain(
        deps.clients.ec2,
        { securityGroupId: network.securityGroupId, vpcId: outputString(outputs, "vpcId") },
        { status, timeoutMs: settings.eniTimeoutMs, intervalMs: settings.intervalMs, signal: io.signal },
      ),
  );
  await progress.step(`Stack ${settings.stack}: operations a cancelled run left pending`, async (status) => {
    const pending = await deps.runner.recoverPending({
      onEvent: () => undefined,
      ...(io.signal ? { signal: io.signal } : {}),
    });
    if (pending.length === 0) {
      status("none");
      return;
    }
    for (const operation of pending) {
      progress.note(
        `${operation.op} ${operation.type} ${operation.name}: cleared from the state${operation.op === "creating" ? "; if it was made, it carries the tags project and stack: delete it by hand" : ""}`,
      );
    }
  });
  if (resources.some((resource) => resource.type.startsWith("kubernetes:"))) {
    await progress.step(
      "Kubernetes objects: is the cluster's API reachable for these credentials?",
      async (status) => {
        const problem = await clusterProblem(deps, outputs, settings.namespace);
        if (problem === undefined) {
          status("yes: the destroy deletes them");
          return;
        }
        // Pulumi cannot delete objects of a cluster it cannot reach, and stops the destroy; the
        // objects go with the cluster itself.
        const forgotten = await deps.runner.forget("kubernetes:");
        progress.note(
          `${problem}; ${forgotten.length} Kubernetes objects dropped from the state, to go with the cluster (add this identity to adminRoleArns to let the destroy delete them)`,
        );
        await deleteDriverLoadBalancer(deps, outputs, settings.namespace, progress);
      },
    );
  }
  await progress.step(`Stack ${settings.stack}: destroy (${resources.length} resources)`, async (status) => {
    const tracker = new StackStatus(status, (problem) => status(`error: ${problem}`));
    await deps.runner.destroy({ onEvent: tracker.onEvent, ...(io.signal ? { signal: io.signal } : {}) });
  });
  await deps.stateFile.remove();
  progress.heading(`Down: stack ${settings.stack} destroyed, its caches deleted; nothing of it is left.`);
  return 0;
}

/** The GUResIDs of the stack's caches: the one `up` created, and those tagged on caches in the network. */
async function stackGuresids(
  inventory: KitInventory,
  plan: RemovalPlan,
  stateFile: UpStateFile,
): Promise<string[]> {
  const chosen = new Set(plan.remove.map((item) => item.id));
  const tagged = inventory.caches
    .filter((cache) => chosen.has(cache.id))
    .flatMap((cache) => cache.guresid ?? []);
  const state = await stateFile.load().catch(() => undefined);
  const recorded = state?.steps.cache?.result.guresid;
  return [...new Set([...(typeof recorded === "string" ? [recorded] : []), ...tagged])];
}

/**
 * The driver's public Service has a load balancer in the VPC that the cluster's deletion leaves
 * behind (Kubernetes made it, not the stack); the VPC could not go while it is there.
 */
async function deleteDriverLoadBalancer(
  deps: DownDeps,
  outputs: StackOutputs,
  namespace: string,
  progress: Progress,
): Promise<void> {
  const clusterName = outputString(outputs, "clusterName");
  if (!deps.clients.elbv2 || !clusterName) return;
  const owner = { clusterName, serviceName: `${namespace}/${DRIVER_DEPLOYMENT.name}` };
  try {
    for (const arn of await deleteServiceLoadBalancers(deps.clients.elbv2, owner)) {
      progress.note(`deleted ${arn}, made for Service ${owner.serviceName}`);
    }
  } catch (error) {
    progress.note(
      `the load balancer of Service ${owner.serviceName} could not be deleted (${error instanceof Error ? error.message : String(error)}); the VPC's deletion waits for it`,
    );
  }
}

/** Undefined when the cluster's API answers; else why not. */
async function clusterProblem(
  deps: DownDeps,
  outputs: StackOutputs,
  namespace: string,
): Promise<string | undefined> {
  const kubeconfig = outputString(outputs, "kubeconfig");
  if (kubeconfig === undefined) return "the stack has no kubeconfig output";
  return withOpenCluster(deps.openCluster, kubeconfig, async (cluster) => {
    const problem = await cluster.problem(namespace);
    return problem === undefined ? undefined : `the cluster's API refuses or does not answer (${problem})`;
  });
}

/** Undefined when every DELETE answered 204; else why the driver could not do it. */
async function deleteWithDriver(
  settings: DownSettings,
  deps: DownDeps,
  outputs: StackOutputs,
  guresids: readonly string[],
  status: (text: string) => void,
  signal: AbortSignal | undefined,
): Promise<string | undefined> {
  const kubeconfig = outputString(outputs, "kubeconfig");
  if (outputString(outputs, "driverUrl") === undefined || kubeconfig === undefined) {
    return "the stack runs no driver";
  }
  return withOpenCluster(deps.openCluster, kubeconfig, async (cluster) => {
    try {
      const { name, port } = DRIVER_DEPLOYMENT;
      const url = await cluster.forward(settings.namespace, name, port);
      const failed = await deleteThroughDriver(guresids, {
        driverUrl: `${url}/`,
        reconnect: async () => {
          await cluster.drop(settings.namespace, name, port);
          return `${await cluster.forward(settings.namespace, name, port)}/`;
        },
        token: outputString(outputs, "driverAuthToken"),
        timeoutMs: settings.cacheTimeoutMs,
        intervalMs: settings.intervalMs,
        status,
        signal,
      });
      return failed.length === 0 ? undefined : failed.map((f) => `${f.guresid}: ${f.reason}`).join("; ");
    } catch (error) {
      if (signal?.aborted) throw error;
      return `the driver cannot be reached (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`;
    }
  });
}

async function listDryRun(
  settings: DownSettings,
  deps: DownDeps,
  found: {
    outputs: StackOutputs;
    resources: readonly { type: string; name: string }[];
    plan: RemovalPlan;
    guresids: readonly string[];
  },
  write: (line: string) => void,
): Promise<void> {
  write(`Dry run: nothing is changed. \`npm run down\` would, in this order:`);
  write(`1. delete through the driver (DELETE until 204): ${found.guresids.length === 0 ? "nothing" : ""}`);
  for (const guresid of found.guresids) write(`     ${guresid}`);
  write(
    `2. delete what carries the kit's tag in the stack's cache network, if still there: ${found.plan.remove.length === 0 ? "nothing" : ""}`,
  );
  for (const item of found.plan.remove) write(`     ${describeResource(item.kind, item.id)}: ${item.why}`);
  const enis = await cacheNetworkInterfaces(deps.clients.ec2, {
    securityGroupId: outputString(found.outputs, "cacheSecurityGroupId"),
    vpcId: outputString(found.outputs, "vpcId"),
  });
  write(`3. wait for ElastiCache's network interfaces to go (now ${enis.length})`);
  for (const eni of enis) write(`     ${describeInterface(eni)}`);
  write(`4. destroy stack ${settings.stack}: ${found.resources.length} resources`);
  const byType = new Map<string, number>();
  for (const resource of found.resources) byType.set(resource.type, (byType.get(resource.type) ?? 0) + 1);
  for (const [type, count] of [...byType].sort()) write(`     ${count} × ${type}`);
  const kept = found.plan.keep;
  if (kept.length > 0) {
    write("Left alone (not this stack's):");
    for (const item of kept) write(`     ${describeResource(item.kind, item.id)}: ${item.why}`);
  }
}
