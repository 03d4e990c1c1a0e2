/**
 * A mistake the person running a command can fix: which flag, variable or thing is wrong, what is
 * wrong with it, and what to do. Printed as one line, without a stack trace.
 */
export class UserError extends Error {
  override readonly name = "UserError";

  constructor(
    /** The flag, variable or thing at fault: `--older-than`, `HUMANITEC_TOKEN`, `Pulumi CLI`. */
    readonly subject: string,
    /** What is wrong with it. */
    readonly problem: string,
    /** What to do about it. */
    readonly fix: string,
    options?: ErrorOptions,
  ) {
    super(`${subject}: ${problem}. Fix: ${fix}`, options);
  }
}

/** Several problems found at once, so the person fixes them all before the next run. */
export class UserErrors extends Error {
  override readonly name = "UserErrors";

  constructor(
    readonly problems: readonly UserError[],
    /** What the list is about: "Preflight found 3 problems; nothing was created". */
    readonly heading: string,
  ) {
    super(`${heading}:\n${problems.map((problem) => `  - ${problem.message}`).join("\n")}`);
  }
}

/** A usage mistake (flags, arguments): exits 2 rather than 1. */
export class UsageError extends UserError {}
