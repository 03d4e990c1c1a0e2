import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * A kit script's options: `--help` (or `-h`) prints `usage` and exits 0; an unknown or malformed
 * option prints what is wrong and the usage, and exits 2, never with a stack trace.
 */
export function cliArgs(usage: string, options: Options): Record<string, unknown> {
  try {
    // `pnpm <script> -- --flag` passes the `--` on (npm does not): it is no argument of ours.
    const args = process.argv.slice(2);
    if (args[0] === "--") args.shift();
    const { values } = parseArgs({
      args,
      options: { ...options, help: { type: "boolean", short: "h" } },
      strict: true,
      allowPositionals: false,
    }) as { values: Record<string, unknown> };
    if (values.help === true) {
      console.log(usage);
      process.exit(0);
    }
    return values;
  } catch (error) {
    return usageError(usage, error instanceof Error ? error.message : String(error));
  }
}

/** Prints what is wrong with the command line and the usage, and exits 2. */
export function usageError(usage: string, problem: string): never {
  console.error(`${problem}\n\n${usage}`);
  process.exit(2);
}

/** A whole number of at least `min` from an option, or a usage error naming the option. */
export function wholeNumber(usage: string, name: string, value: unknown, min: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min) {
    usageError(usage, `--${name}: expected a whole number of at least ${min}, got ${JSON.stringify(value)}`);
  }
  return number;
}
