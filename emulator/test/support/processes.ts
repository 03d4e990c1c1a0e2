import { execFileSync } from "node:child_process";

/** Pids of live processes whose command line mentions `fragment` (e.g. a state dir). */
export function processesMentioning(fragment: string): number[] {
  return execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes(fragment) && !line.includes("ps -eo"))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}
