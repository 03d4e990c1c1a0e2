/** A configuration value of the stack; secrets are encrypted by Pulumi and never printed. */
export interface StackConfigValue {
  readonly value: string;
  readonly secret?: boolean;
}

/** Full keys, e.g. `aws:region`, `elasticache-driver-kit:imageTag`. */
export type StackConfig = Readonly<Record<string, StackConfigValue>>;

export interface StackOutput {
  readonly value: unknown;
  readonly secret: boolean;
}

export type StackOutputs = Readonly<Record<string, StackOutput>>;

/** What the engine is doing, in a form that does not depend on Pulumi's event types. */
export type StackEvent =
  | {
      readonly kind: "resource";
      readonly phase: "started" | "done" | "failed";
      /** `create`, `update`, `delete`, `replace`, `same`, ... */
      readonly op: string;
      /** e.g. `aws:eks/cluster:Cluster`. */
      readonly type: string;
      readonly name: string;
    }
  | {
      readonly kind: "diagnostic";
      readonly severity: "info" | "warning" | "error";
      readonly message: string;
    };

export interface StackResource {
  readonly type: string;
  readonly name: string;
}

/** An operation a cancelled or killed run left unfinished in the stack's state. */
export interface PendingOperation {
  /** `creating`, `updating`, `deleting`, `reading`, ... as Pulumi records it. */
  readonly op: string;
  readonly type: string;
  readonly name: string;
}

export interface StackOperationOptions {
  readonly onEvent: (event: StackEvent) => void;
  readonly signal?: AbortSignal;
}

/**
 * The infra stack, driven by program: the seam between the scripts and Pulumi. The production
 * implementation uses Pulumi's Automation API (which needs the Pulumi CLI); tests use a fake.
 */
export interface StackRunner {
  readonly stackName: string;
  /** Sets `config` on the stack (keys not named keep their values), brings it up, resolves with its outputs. */
  up(config: StackConfig, options: StackOperationOptions): Promise<StackOutputs>;
  /** The outputs of the last update; empty when the stack does not exist or has never been updated. */
  outputs(): Promise<StackOutputs>;
  /** What the stack holds now (providers and the stack itself left out). */
  resources(): Promise<readonly StackResource[]>;
  /**
   * The operations a cancelled run left pending; when there are any, the state is refreshed from
   * the cloud and pending creations are dropped from it (`pulumi refresh --clear-pending-creates`;
   * Pulumi's "Interrupted updates" page). A pending creation is in no resource list, so a destroy
   * would not delete what it made: the caller lists each, for a look by their tags.
   */
  recoverPending(options: StackOperationOptions): Promise<readonly PendingOperation[]>;
  /**
   * Drops the resources whose type starts with `typePrefix` from the stack's state without touching
   * them (what `pulumi state delete` does), and returns them: for Kubernetes objects of a cluster no
   * one can reach, which go with the cluster anyway.
   */
  forget(typePrefix: string): Promise<readonly StackResource[]>;
  /** Deletes every resource of the stack; the stack and its configuration stay. */
  destroy(options: StackOperationOptions): Promise<void>;
}

/** The Pulumi project of `infra/` (its `Pulumi.yaml` `name`): the prefix of the program's config keys. */
export const INFRA_PROJECT = "elasticache-driver-kit";

export const infraKey = (key: string): string => `${INFRA_PROJECT}:${key}`;

/** An output's value as a string, or undefined when it is missing or empty. */
export function outputString(outputs: StackOutputs, name: string): string | undefined {
  const value = outputs[name]?.value;
  return typeof value === "string" && value !== "" ? value : undefined;
}
