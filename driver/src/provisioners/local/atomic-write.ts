import { randomBytes } from "node:crypto";
import { link, open, rename, rm } from "node:fs/promises";

async function writeTemp(path: string, data: string, mode: number): Promise<string> {
  const temp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const handle = await open(temp, "wx", mode);
  try {
    await handle.writeFile(data, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  return temp;
}

/** Replaces `path` in one step: readers see the old content or the new one, never a torn file. */
export async function writeFileAtomic(path: string, data: string, mode = 0o600): Promise<void> {
  const temp = await writeTemp(path, data, mode);
  try {
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Creates `path` with complete content unless it exists; returns false when someone else won. */
export async function createFileExclusive(path: string, data: string, mode = 0o600): Promise<boolean> {
  const temp = await writeTemp(path, data, mode);
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}
