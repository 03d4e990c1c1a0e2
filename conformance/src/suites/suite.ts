import type { Profile } from "../check.js";
import type { Exchange } from "../exchange.js";
import type { ExchangeLog } from "../exchange-log.js";
import type { DriverClient } from "../http-client.js";
import type { ResolvedOptions } from "../options.js";
import type { ResourceRegistry, TeardownResult } from "../resource-registry.js";
import type { Sensitive } from "../secrets.js";

/** What a suite needs from the run. */
export interface SuiteEnv {
  readonly options: ResolvedOptions;
  readonly client: DriverClient;
  readonly log: ExchangeLog;
  readonly registry: ResourceRegistry;
  /** Ids of the checks this run executes (after filter and disable). */
  readonly selected: ReadonlySet<string>;
  /** The signal of the check running now. */
  signal(): AbortSignal;
}

/** Outputs seen in one successful answer. */
export interface ObservedOutput {
  readonly exchange: Exchange;
  readonly values: unknown;
  readonly secrets: unknown;
}

/** A ready resource's outputs, as CONN-SET-GET uses them. */
export interface ReadyOutputs {
  readonly values: Record<string, unknown>;
  readonly secrets: Record<string, unknown>;
}

/** What the profile-independent checks (outputs, errors, timing, connectivity) need from a profile. */
export interface Suite {
  readonly profile: Profile;
  readonly env: SuiteEnv;
  /** Runs the main create flow once, so checks over the whole log have something to look at. */
  exercise(): Promise<void>;
  /** Outputs of the ready main resource; throws SkipCheck when there is none. */
  readyOutputs(): Promise<ReadyOutputs>;
  /** Every outputs payload in the log so far. */
  observedOutputs(): ObservedOutput[];
  /** Secrets sent and received so far (values never shown in reports). */
  sensitive(): Sensitive[];
  /** Backend instances the answers named for one id. */
  identities(id: string): string[];
  /** Teardown results judged against everything the run saw (identities, acknowledgement). */
  finishTeardown(results: readonly TeardownResult[]): TeardownResult[];
}
