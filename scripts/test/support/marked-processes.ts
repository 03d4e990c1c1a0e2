import { readdir, readFile } from "node:fs/promises";

/** An environment variable a test gives a command, so that every process it starts can be found. */
export const MARK_VARIABLE = "KIT_TEST_RUN";

/**
 * The processes of this machine whose environment carries `KIT_TEST_RUN=<mark>`: the command and
 * whatever it started (its children inherit the variable), wherever they were re-parented to.
 * Linux only (/proc).
 */
export async function markedProcesses(mark: string): Promise<{ pid: number; command: string }[]> {
  const needle = `\0${MARK_VARIABLE}=${mark}\0`;
  const found: { pid: number; command: string }[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = await readFile(`/proc/${entry}/environ`, "latin1");
      if (!`\0${environ}`.includes(needle)) continue;
      const command = (await readFile(`/proc/${entry}/cmdline`, "utf8")).replaceAll("\0", " ").trim();
      // A zombie has an empty command line: it no longer runs.
      if (command !== "") found.push({ pid: Number(entry), command });
    } catch {
      // Gone between the listing and the read, or not ours to read.
    }
  }
  return found;
}
