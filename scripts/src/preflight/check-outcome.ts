import type { UserError } from "../cli/user-error.js";

/** What one preflight check found: what is there (and a value for later), or the problems with it. */
export type Outcome<T> =
  | { readonly ok: true; readonly detail: string; readonly value: T }
  | { readonly ok: false; readonly problems: readonly UserError[] };

/** The first non-empty line of a tool's output, for one-line messages. */
export function firstLine(text: string): string {
  return (
    text
      .split("\n")
      .find((line) => line.trim() !== "")
      ?.trim() ?? ""
  );
}
