import path from "node:path";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation/index.js";
import { toStackEvent } from "./stack-event.js";
import type {
  PendingOperation,
  StackConfig,
  StackOperationOptions,
  StackOutputs,
  StackResource,
  StackRunner,
} from "./stack-runner.js";

/**
 * The infra program (`infra/`) driven through Pulumi's Automation API. Every call runs the Pulumi
 * CLI, which must be on PATH and logged in to a backend (the preflight checks both).
 */
export class PulumiStackRunner implements StackRunner {
  readonly #workDir: string;
  #stack: Promise<Stack> | undefined;

  constructor(
    readonly stackName: string,
    repoRoot: string,
  ) {
    this.#workDir = path.join(repoRoot, "infra");
  }

  async up(config: StackConfig, options: StackOperationOptions): Promise<StackOutputs> {
    const stack = await this.#open(true);
    await stack.setAllConfig(
      Object.fromEntries(
        Object.entries(config).map(([key, { value, secret }]) => [key, { value, secret: secret ?? false }]),
      ),
    );
    const result = await stack.up(automationOptions(options));
    return result.outputs;
  }

  async outputs(): Promise<StackOutputs> {
    const stack = await this.#open(false);
    return stack ? await stack.outputs() : {};
  }

  async resources(): Promise<readonly StackResource[]> {
    const stack = await this.#open(false);
    if (!stack) return [];
    const exported = await stack.exportStack();
    const resources =
      (exported.deployment as { resources?: { urn: string; type: string }[] }).resources ?? [];
    return resources
      .filter(({ type }) => type !== "pulumi:pulumi:Stack" && !type.startsWith("pulumi:providers:"))
      .map(({ urn, type }) => ({ type, name: urn.split("::").at(-1) ?? urn }));
  }

  async recoverPending(options: StackOperationOptions): Promise<readonly PendingOperation[]> {
    const stack = await this.#open(false);
    if (!stack) return [];
    const exported = await stack.exportStack();
    const pending =
      (
        exported.deployment as {
          pending_operations?: { type?: string; resource?: { urn?: string; type?: string } }[];
        }
      ).pending_operations ?? [];
    if (pending.length === 0) return [];
    await stack.refresh({ ...automationOptions(options), clearPendingCreates: true });
    return pending.map(({ type, resource }) => ({
      op: type ?? "unknown",
      type: resource?.type ?? "unknown",
      name: resource?.urn?.split("::").at(-1) ?? "unknown",
    }));
  }

  async forget(typePrefix: string): Promise<readonly StackResource[]> {
    const stack = await this.#open(false);
    if (!stack) return [];
    const exported = await stack.exportStack();
    const { deployment, dropped } = withoutResources(exported.deployment as StateDeployment, typePrefix);
    if (dropped.length === 0) return [];
    await stack.importStack({ ...exported, deployment });
    return dropped;
  }

  async destroy(options: StackOperationOptions): Promise<void> {
    const stack = await this.#open(false);
    if (!stack) return;
    await stack.destroy(automationOptions(options));
  }

  #open(create: true): Promise<Stack>;
  #open(create: false): Promise<Stack | undefined>;
  async #open(create: boolean): Promise<Stack | undefined> {
    // Loaded on use: `up` without --cloud, `janitor` and `register` never need Pulumi.
    const automation = await import("@pulumi/pulumi/automation/index.js");
    const args = { stackName: this.stackName, workDir: this.#workDir };
    if (create) {
      this.#stack ??= automation.LocalWorkspace.createOrSelectStack(args);
      return this.#stack;
    }
    try {
      return await (this.#stack ?? automation.LocalWorkspace.selectStack(args));
    } catch (error) {
      if (error instanceof automation.StackNotFoundError) return undefined;
      throw error;
    }
  }
}

interface StateResource {
  readonly urn: string;
  readonly type: string;
  readonly dependencies?: readonly string[];
  readonly propertyDependencies?: Readonly<Record<string, readonly string[]>>;
}
export interface StateDeployment {
  readonly resources?: readonly StateResource[];
  readonly [key: string]: unknown;
}

/**
 * The state without the resources whose type starts with `typePrefix` (as `pulumi state delete`
 * leaves it): what stays no longer names them as dependencies, or the state would not import.
 */
export function withoutResources(
  deployment: StateDeployment,
  typePrefix: string,
): { deployment: StateDeployment; dropped: StackResource[] } {
  const all = deployment.resources ?? [];
  const gone = all.filter((resource) => resource.type.startsWith(typePrefix));
  const urns = new Set(gone.map((resource) => resource.urn));
  const keep = (list: readonly string[]) => list.filter((urn) => !urns.has(urn));
  const resources = all
    .filter((resource) => !urns.has(resource.urn))
    .map((resource) => ({
      ...resource,
      ...(resource.dependencies ? { dependencies: keep(resource.dependencies) } : {}),
      ...(resource.propertyDependencies
        ? {
            propertyDependencies: Object.fromEntries(
              Object.entries(resource.propertyDependencies).map(([key, list]) => [key, keep(list)]),
            ),
          }
        : {}),
    }));
  return {
    deployment: { ...deployment, resources },
    dropped: gone.map(({ urn, type }) => ({ type, name: urn.split("::").at(-1) ?? urn })),
  };
}

/** What `up` and `destroy` tell the Automation API: our events, the caller's abort, no colour or progress text. */
function automationOptions(options: StackOperationOptions) {
  return {
    onEvent: (event: EngineEvent) => {
      const mapped = toStackEvent(event);
      if (mapped) options.onEvent(mapped);
    },
    ...(options.signal ? { signal: options.signal } : {}),
    color: "never" as const,
    suppressProgress: true,
  };
}
