import { spawn } from "node:child_process";

export interface RunToolOptions {
  readonly cwd?: string;
  /** Written to the tool's stdin, then closed (e.g. a registry password). Never logged. */
  readonly input?: string;
  /** Each line of output, for a status line. */
  readonly onLine?: (line: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * Runs a command to completion; rejects with its last lines when it exits non-zero. Its output is
 * kept in memory, not shown, so a status line can follow it.
 */
export function runTool(
  command: string,
  args: readonly string[],
  options: RunToolOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const lines: string[] = [];
    let partial = "";
    const onData = (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const parts = text.split(/\r?\n/);
      partial = parts.pop() ?? "";
      for (const line of parts) {
        if (line.trim() === "") continue;
        lines.push(line);
        if (lines.length > 200) lines.shift();
        options.onLine?.(line.trim());
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    if (child.stdin) {
      // A tool that exits without reading its input is judged by its exit code, not by the broken pipe.
      child.stdin.on("error", () => {});
      child.stdin.end(options.input);
    }
    child.on("error", reject);
    child.on("close", (code) => {
      if (partial.trim() !== "") lines.push(partial);
      if (code === 0) resolve(lines.join("\n"));
      else {
        reject(
          new Error(
            `${command} ${args[0] ?? ""} exited with ${String(code)}:\n${lines.slice(-20).join("\n")}`,
          ),
        );
      }
    });
  });
}
