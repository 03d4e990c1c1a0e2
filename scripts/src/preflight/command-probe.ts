import { spawn } from "node:child_process";

export interface ProbeResult {
  /** False when the command is not on PATH. */
  readonly found: boolean;
  /** It ran and exited 0 within the time. */
  readonly ok: boolean;
  /** stdout and stderr, trimmed. */
  readonly output: string;
}

/** Runs a command to see whether it is there and works; stops it after `timeoutMs`. */
export type ProbeCommand = (command: string, args: readonly string[]) => Promise<ProbeResult>;

export function commandProbe(timeoutMs = 15_000): ProbeCommand {
  return (command, args) =>
    new Promise((resolve) => {
      const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        output += `\n(no answer within ${timeoutMs} ms)`;
      }, timeoutMs);
      child.on("error", (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ found: error.code !== "ENOENT", ok: false, output: error.message });
      });
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ found: true, ok: code === 0, output: output.trim() });
      });
    });
}
