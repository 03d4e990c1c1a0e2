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

/** `--stack` and `--namespace` of the cloud commands, checked, with their defaults. */
export function stackFlags(values: { stack?: string | undefined; namespace?: string | undefined }): {
  stack: string;
  namespace: string;
} {
  return {
    stack:
      matchFlag("--stack", values.stack, /^[A-Za-z0-9_.-]{1,100}$/, "a Pulumi stack name", "dev") ?? "dev",
    namespace:
      matchFlag(
        "--namespace",
        values.namespace,
        /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
        "a Kubernetes namespace name",
        "elasticache-driver",
      ) ?? "elasticache-driver",
  };
}
