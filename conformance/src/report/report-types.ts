import type { CheckMeta, Profile } from "../check.js";
import type { ExchangeExcerpt } from "../redact.js";
import type { InventoryDiff } from "../inventory.js";
import type { TeardownResult } from "../resource-registry.js";

/**
 * pass: the driver met the rule; fail: the driver broke the contract; error: the harness could not
 * reach a verdict; skip: the rule does not apply (feature not offered, prerequisite missing);
 * disabled: turned off by the caller.
 */
export type CheckStatus = "pass" | "fail" | "error" | "skip" | "disabled";
export const CHECK_STATUSES: readonly CheckStatus[] = ["pass", "fail", "error", "skip", "disabled"];

export interface CheckResult extends CheckMeta {
  readonly status: CheckStatus;
  /** Why it failed, errored or was skipped, or a note on a pass. */
  readonly message?: string;
  /** Every problem found, when it failed. */
  readonly problems?: readonly string[];
  readonly startedAt?: string;
  readonly durationMs: number;
  /** Requests this check sent (redacted, capped). */
  readonly exchanges: readonly ExchangeExcerpt[];
  readonly omittedExchanges: number;
  /** The exchanges a failure points at, wherever they were sent (redacted, capped). */
  readonly evidence: readonly ExchangeExcerpt[];
}

export type StatusCounts = Record<CheckStatus, number> & { readonly total: number };

/** The options of a run, with secrets replaced. */
export interface RedactedConfig {
  readonly url: string;
  readonly profile: Profile;
  /** `[REDACTED]` when the run sent a credential (a token or a JWT), else null. */
  readonly token: string | null;
  /** "none", "bearer token" or "Operator JWT (kid ..., org ...)". */
  readonly authentication: string;
  readonly inputsSource: string;
  readonly inputs: unknown;
  readonly filter: readonly string[];
  readonly disable: readonly string[];
  readonly timeouts: {
    readonly requestMs: number;
    readonly fastMs: number;
    readonly operationMs: number;
    readonly pollIntervalMs: number;
    readonly checkMs: number;
  };
  readonly concurrency: number;
}

export interface ConformanceReport {
  readonly profile: Profile;
  /** The driver URL without credentials. */
  readonly url: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly durationMs: number;
  readonly config: RedactedConfig;
  /** In run order. */
  readonly results: readonly CheckResult[];
  readonly summary: { readonly contract: StatusCounts; readonly recommendation: StatusCounts };
  /** Whether recommendations decided the verdict too (`--strict`). */
  readonly strict: boolean;
  /**
   * No contract check failed or errored (nor, when strict, a recommendation) and the run was not
   * interrupted.
   */
  readonly ok: boolean;
  readonly interrupted: boolean;
  readonly exchangeCount: number;
  readonly teardown: readonly TeardownResult[];
  /** The difference the `inventory` command showed, when one was given. */
  readonly inventory?: InventoryDiff;
}
