import { CheckFailure, HarnessError, SkipCheck } from "./check.js";
import type { Exchange } from "./exchange.js";
import type { CheckStatus } from "./report/report-types.js";

export interface CheckOutcome {
  readonly status: CheckStatus;
  readonly message?: string;
  readonly problems?: readonly string[];
  readonly evidence: readonly Exchange[];
  readonly startedAt: string;
  readonly durationMs: number;
}

export interface RunCheckOptions {
  /** Aborted when the whole run is interrupted. */
  readonly runSignal: AbortSignal;
  /** Guard on the whole check. */
  readonly timeoutMs: number;
  /** Called with the signal the check's requests must honour. */
  readonly onSignal: (signal: AbortSignal) => void;
}

/** Runs one check under a time guard and turns how it ended into a status. */
export async function runCheck(
  run: () => Promise<string | void>,
  options: RunCheckOptions,
): Promise<CheckOutcome> {
  const startedAt = new Date().toISOString();
  const started = performance.now();
  const guard = new AbortController();
  options.onSignal(AbortSignal.any([options.runSignal, guard.signal]));
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new HarnessError(`the check did not finish within ${options.timeoutMs} ms`);
      guard.abort(error);
      reject(error);
    }, options.timeoutMs);
  });
  const done = (outcome: Omit<CheckOutcome, "startedAt" | "durationMs">): CheckOutcome => ({
    ...outcome,
    startedAt,
    durationMs: performance.now() - started,
  });
  try {
    const note = await Promise.race([run(), expired]);
    return done({ status: "pass", ...(note ? { message: note } : {}), evidence: [] });
  } catch (error) {
    if (error instanceof CheckFailure) {
      return done({
        status: "fail",
        message: error.message,
        problems: error.problems,
        evidence: error.evidence,
      });
    }
    if (error instanceof SkipCheck) return done({ status: "skip", message: error.message, evidence: [] });
    if (options.runSignal.aborted)
      return done({ status: "skip", message: "the run was interrupted", evidence: [] });
    if (error instanceof HarnessError) return done({ status: "error", message: error.message, evidence: [] });
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return done({ status: "error", message: `harness fault: ${message}`, evidence: [] });
  } finally {
    clearTimeout(timer);
  }
}
