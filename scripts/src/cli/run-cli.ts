import { onOutputClosed } from "./closed-output.js";
import { UsageError, UserError, UserErrors } from "./user-error.js";

export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const CONSOLE_IO: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/**
 * Runs a command's main function and turns what it throws into an exit code and a message: a
 * `UserError` is one line (exit 1, or 2 for usage), several are listed, anything else is reported
 * with its message, and with its stack only when `KIT_DEBUG=1`.
 */
export async function runCommand(
  name: string,
  main: () => Promise<number>,
  io: CliIo = CONSOLE_IO,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    return await main();
  } catch (error) {
    if (error instanceof UserErrors) {
      io.err(`${name}: ${error.message}`);
      return 1;
    }
    if (error instanceof UserError) {
      io.err(`${name}: ${error.message}`);
      return error instanceof UsageError ? 2 : 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`${name}: FAILED: ${message}`);
    if (env.KIT_DEBUG === "1" && error instanceof Error && error.stack) io.err(error.stack);
    else io.err(`${name}: (KIT_DEBUG=1 shows where it failed)`);
    return 1;
  }
}

/**
 * The entry point of a script: runs the command and exits with its code. A closed stdout or stderr
 * never ends it half-way: lines written after it go nowhere (a command that must clean up also
 * treats it as an interruption, see `onInterrupt`).
 */
export function runCli(name: string, main: () => Promise<number>): void {
  onOutputClosed(() => undefined);
  void runCommand(name, main).then((code) => process.exit(code));
}
