import { spawn } from "node:child_process";

/** What the user's listing command showed before the checks and after teardown. */
export interface InventoryDiff {
  readonly command: string;
  /** Lines listed after teardown that were not listed before: what the run left. */
  readonly added: readonly string[];
  /** Lines listed before that are gone after. */
  readonly removed: readonly string[];
  readonly before: number;
  readonly after: number;
  /** Why no difference could be taken (the command failed or timed out). */
  readonly error?: string;
}

export type InventoryListing = { readonly lines: string[] } | { readonly error: string };

/** Runs the listing command in a shell, bounded in time; its non-empty output lines, trimmed. */
export function listInventory(command: string, timeoutMs: number): Promise<InventoryListing> {
  return new Promise((resolve) => {
    const child = spawn(command, { shell: true, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ error: `cannot run the inventory command: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve({
          lines: stdout
            .split("\n")
            .map((line) => line.trim())
            .filter((line) => line !== ""),
        });
      } else {
        const why = signal ? `was killed (${signal}) after ${timeoutMs} ms` : `exited with ${code}`;
        resolve({ error: `the inventory command ${why}: ${stderr.trim().slice(0, 200)}` });
      }
    });
  });
}

export function diffInventory(
  command: string,
  before: InventoryListing,
  after: InventoryListing,
): InventoryDiff {
  if ("error" in before || "error" in after) {
    const error =
      "error" in before
        ? `before the run: ${before.error}`
        : `after the run: ${(after as { error: string }).error}`;
    return { command, added: [], removed: [], before: 0, after: 0, error };
  }
  const had = new Set(before.lines);
  const has = new Set(after.lines);
  return {
    command,
    added: after.lines.filter((line) => !had.has(line)),
    removed: before.lines.filter((line) => !has.has(line)),
    before: before.lines.length,
    after: after.lines.length,
  };
}
