import { UsageError } from "./user-error.js";

/** Checks a flag's value against a pattern; undefined passes. */
export function matchFlag(
  flag: string,
  value: string | undefined,
  pattern: RegExp,
  expected: string,
  example: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (!pattern.test(value)) {
    throw new UsageError(flag, `${JSON.stringify(value)} is not ${expected}`, `e.g. ${flag} ${example}`);
  }
  return value;
}

/** Flags that only mean something together with another flag. */
export function requireWith(
  values: Readonly<Record<string, unknown>>,
  flags: readonly string[],
  anchor: string,
  anchorSet: boolean,
): void {
  if (anchorSet) return;
  for (const flag of flags) {
    if (values[flag] !== undefined) {
      throw new UsageError(
        `--${flag}`,
        `only applies with ${anchor}`,
        `add ${anchor}, or leave --${flag} out`,
      );
    }
  }
}
