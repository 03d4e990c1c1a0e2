import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DriverKeySource } from "../config/load-config.js";

/**
 * The driver key: from the environment, from a file, or in local mode generated once into the
 * state dir, so passwords stay the same across restarts of a local driver.
 */
export async function resolveDriverKey(source: DriverKeySource): Promise<string> {
  if (source.kind === "value") return source.value;
  const file = source.path;
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 32) return existing;
    if (!source.create) throw new Error(`DRIVER_KEY_FILE ${file} holds fewer than 32 characters`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    if (!source.create) throw new Error(`DRIVER_KEY_FILE ${file} does not exist`, { cause: error });
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString("hex");
  // `wx`: two drivers starting at once must not overwrite each other's key.
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: "wx" }).catch(
    async (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    },
  );
  return (await readFile(file, "utf8")).trim();
}
