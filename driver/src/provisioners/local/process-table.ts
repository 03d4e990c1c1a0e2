import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** The arguments of a live process (zombies have none), or undefined when there is no such process. */
function argumentsOf(pid: number): string[] | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    return raw.length === 0 ? undefined : raw.split("\0").filter(Boolean);
  } catch {
    return undefined;
  }
}

const hasProcFs = (() => {
  try {
    readFileSync("/proc/self/cmdline");
    return true;
  } catch {
    return false;
  }
})();

/**
 * Whether `pid` is a live process with `argument` on its command line. Guards against signalling
 * an unrelated process that reused the pid. Synchronous and cheap where /proc exists.
 */
export function processRunsWith(pid: number, argument: string): boolean {
  if (hasProcFs) return argumentsOf(pid)?.includes(argument) ?? false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Live processes whose command line contains `fragment`. */
export async function findProcesses(fragment: string): Promise<{ pid: number; commandLine: string }[]> {
  const { stdout } = await execFileAsync("ps", ["-eo", "pid=,args="], { maxBuffer: 16 * 1024 * 1024 });
  return stdout
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), commandLine: match[2] ?? "" }))
    .filter((entry) => entry.pid !== process.pid && entry.commandLine.includes(fragment));
}
