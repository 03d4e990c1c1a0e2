import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | NodeJS.Signals | null>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Runs `pnpm emulator`'s entry point (src/main.ts) as its own process, killed on dispose. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv): CliProcess {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", path.join(PACKAGE_ROOT, "src/main.ts"), ...args],
    {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = once(child, "exit").then(
    ([code, signal]) => (code ?? signal) as number | NodeJS.Signals | null,
  );
  return {
    child,
    output: () => text,
    exited,
    [Symbol.asyncDispose]: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

/** Waits until the output matches `pattern`, returning the match; fails with the output on timeout or exit. */
export async function waitForOutput(
  cli: CliProcess,
  pattern: RegExp,
  timeoutMs = 30_000,
): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(cli.output());
    if (match) return match;
    if (cli.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(
        `no output matching ${pattern} (exit ${cli.child.exitCode}); output so far:\n${cli.output()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
