import { parseArgs } from "node:util";
import { closest, distance } from "fastest-levenshtein";
import { UsageError } from "./user-error.js";

export type OptionSpec = Readonly<
  Record<
    string,
    { readonly type: "string" | "boolean"; readonly short?: string; readonly multiple?: boolean }
  >
>;

type Values<S extends OptionSpec> = {
  [K in keyof S]?: S[K]["type"] extends "boolean"
    ? S[K]["multiple"] extends true
      ? boolean[]
      : boolean
    : S[K]["multiple"] extends true
      ? string[]
      : string;
};

/**
 * The command line's flags, strictly: an unknown flag, a missing value or a stray argument is a
 * `UsageError` naming it (and the flag meant, for a near miss) with the way to the usage text.
 * `--help` is always accepted.
 */
export function parseCliArgs<S extends OptionSpec>(
  argv: readonly string[],
  options: S,
  command: string,
): { values: Values<S>; help: boolean } {
  const spec = { ...options, help: { type: "boolean", short: "h" } } as const;
  const helpHint = `run \`${command} --help\` for the flags it takes`;
  try {
    const { values } = parseArgs({ args: [...argv], options: spec, strict: true, allowPositionals: false });
    const { help, ...rest } = values as Record<string, unknown>;
    return { values: rest as Values<S>, help: help === true };
  } catch (error) {
    if (!(error instanceof TypeError) || !("code" in error)) throw error;
    const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? "";
    const flag = quoted.split(" ")[0] ?? quoted;
    switch (error.code) {
      case "ERR_PARSE_ARGS_UNKNOWN_OPTION": {
        const known = Object.keys(spec).map((name) => `--${name}`);
        const meant = closest(flag, known);
        const near = meant && distance(flag, meant) <= 3 ? `did you mean ${meant}? Otherwise ` : "";
        throw new UsageError(flag, "unknown flag", `${near}${helpHint}`);
      }
      case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
        throw new UsageError(
          flag,
          error.message.includes("argument missing") ? "needs a value" : "takes no value",
          `${error.message.includes("argument missing") ? `write ${flag} <value>` : `write ${flag} alone`}; ${helpHint}`,
        );
      case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
        throw new UsageError(
          `argument ${JSON.stringify(quoted)}`,
          "unexpected (every input is a flag)",
          helpHint,
        );
      default:
        throw new UsageError("arguments", error.message, helpHint);
    }
  }
}
