import { execFile } from "node:child_process";

export interface CommandResult {
  /** The exit code; -1 when the command was killed or could not start. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunCommandOptions {
  readonly cwd: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The command is killed after this long. */
  readonly timeoutMs: number;
}

/** Runs a command to its end; resolves with its exit code and output, whatever the code. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: RunCommandOptions,
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      {
        cwd: options.cwd,
        env: options.env ?? process.env,
        timeout: options.timeoutMs,
        killSignal: "SIGKILL",
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr: error && code === -1 ? `${stderr}${error.message}` : stderr });
      },
    );
  });
}

/**
 * The environment of a machine that has never seen this workspace: without the variables pnpm and
 * npm set for the script running the tests, and without loaders passed through NODE_OPTIONS.
 */
export function plainEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(
      ([name]) => !/^(npm_|pnpm_)/i.test(name) && !["INIT_CWD", "NODE_OPTIONS", "NODE_PATH"].includes(name),
    ),
  );
}
