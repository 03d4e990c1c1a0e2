import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat: USER_HZ, 100 on every Linux the kit runs on. */
const TICKS_PER_SECOND = 100;

/**
 * CPU time a process has used so far (user + system), in ms, from /proc; undefined where there is
 * no /proc (macOS). Per request it shows what each answer costs the server, which the answer rate
 * hides when the load generator shares the cores.
 */
export function cpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
