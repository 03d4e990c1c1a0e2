import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";

export interface StartedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every line the process wrote so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code. */
  close(graceMs?: number): Promise<number | null>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface StartProcessOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Resolves the start once a line satisfies it; its return value is what the caller wants (e.g. a URL). */
  readyWhen: (line: string) => string | undefined;
  /** How long the process may take to say it is ready. */
  timeoutMs: number;
  name: string;
  /**
   * Run in a process group of its own, so a Ctrl-C in the terminal reaches only the caller, which
   * can then still use the process to clean up (e.g. DELETE through the driver) before closing it.
   * Default false: the process ends with the caller's group.
   */
  ownProcessGroup?: boolean;
}

/**
 * Starts a long-running process and waits until it says it is ready. The process is killed when
 * it does not become ready in time, and `await using` kills it when the test ends, pass or fail.
 */
export async function startProcess(
  options: StartProcessOptions,
): Promise<{ process: StartedProcess; ready: string }> {
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.ownProcessGroup ?? false,
  });
  const lines: string[] = [];
  let exitCode: number | null | undefined;
  const exited = once(child, "exit").then(([code]) => {
    exitCode = code as number | null;
  });

  const ready = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `${options.name} not ready after ${options.timeoutMs} ms:\n${lines.slice(-20).join("\n")}`,
          ),
        ),
      options.timeoutMs,
    );
    const onLine = (line: string) => {
      lines.push(line);
      const found = options.readyWhen(line);
      if (found !== undefined) {
        clearTimeout(timer);
        resolve(found);
      }
    };
    if (child.stdout) createInterface({ input: child.stdout }).on("line", onLine);
    if (child.stderr) createInterface({ input: child.stderr }).on("line", onLine);
    void exited.then(() => {
      clearTimeout(timer);
      reject(
        new Error(
          `${options.name} exited with ${String(exitCode)} before it was ready:\n${lines.slice(-20).join("\n")}`,
        ),
      );
    });
  });

  const close = async (graceMs = 5_000) => {
    if (exitCode === undefined) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    }
    return exitCode ?? null;
  };
  const handle: StartedProcess = {
    child,
    pid: child.pid ?? -1,
    output: () => lines.join("\n"),
    close,
    [Symbol.asyncDispose]: async () => {
      await close();
    },
  };
  try {
    return { process: handle, ready: await ready };
  } catch (error) {
    await close(1_000);
    throw error;
  }
}

/** The value of `field` in a JSON log line whose `msg` is `message`. */
export function jsonLogField(line: string, message: string, field: string): string | undefined {
  if (!line.startsWith("{")) return undefined;
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    return entry.msg === message && typeof entry[field] === "string" ? entry[field] : undefined;
  } catch {
    return undefined;
  }
}
