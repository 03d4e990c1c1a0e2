import type { Exchange } from "./exchange.js";

/** Which generation of the contract a run checks (contract sections 1 and 2). */
export type Profile = "v0.9" | "2020";
export const PROFILES: readonly Profile[] = ["v0.9", "2020"];

/**
 * Contract checks enforce a clause of Humanitec's own text and alone decide whether a driver conforms;
 * recommendations are this kit's rules, reported apart and decisive only with `strict`.
 */
export type Level = "contract" | "recommendation";
export const LEVELS: readonly Level[] = ["contract", "recommendation"];

/**
 * Where a check's rule comes from: Humanitec's Driver API 0.9 specification, its driver status-code
 * page, its resource-type reference, the 2020 driver specification, or this kit (a recommendation).
 */
export type Source = "driver-api-0.9" | "status-codes" | "resource-types" | "driver-api-2020" | "kit";

/** Features a check exercises; a check is skipped, with the reason, when the driver or the run does not offer one. */
export type Feature = "get" | "auth" | "cookie" | "connectivity" | "update" | "conflict" | "account";

export interface CheckMeta {
  /** Stable id tied to a clause of the contract, e.g. `PUT-202-REPEAT`. */
  readonly id: string;
  /** The rule, as the contract states it. */
  readonly title: string;
  /** The clause enforced, quoted in one line from `source` (for the kit: the recommendation's reason). */
  readonly clause: string;
  readonly source: Source;
  /** `recommendation` exactly when `source` is `kit`. */
  readonly level: Level;
  readonly features: readonly Feature[];
}

/** One check: `run` resolves on pass (optionally with a note) and throws to fail, skip or error. */
export interface CheckSpec<S> extends CheckMeta {
  run(suite: S): Promise<string | void>;
}

/** Problems spelled out in a failure's message; the full list stays in `problems`. */
const MESSAGE_PROBLEMS = 5;

/** The driver broke the contract. */
export class CheckFailure extends Error {
  override readonly name = "CheckFailure";
  readonly problems: readonly string[];
  readonly evidence: readonly Exchange[];

  constructor(problems: string | readonly string[], evidence: readonly Exchange[] = []) {
    const list = typeof problems === "string" ? [problems] : problems;
    const shown = list.slice(0, MESSAGE_PROBLEMS);
    super(
      list.length > shown.length
        ? `${shown.join("; ")}; and ${list.length - shown.length} more`
        : shown.join("; "),
    );
    this.problems = list;
    this.evidence = evidence;
  }
}

/** The check does not apply: a feature is not offered or what it needs did not happen. */
export class SkipCheck extends Error {
  override readonly name = "SkipCheck";
}

/** The harness could not reach a verdict (driver unreachable, a wait ran out, a harness fault). */
export class HarnessError extends Error {
  override readonly name = "HarnessError";
}

/** Fails the check with every problem at once, or returns when there is none. */
export function assertNoProblems(problems: readonly string[], evidence: readonly Exchange[] = []): void {
  if (problems.length > 0) throw new CheckFailure(problems, evidence);
}
