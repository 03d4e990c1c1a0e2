import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * The configured driver key, or in local mode one generated once into the state dir, so passwords
 * stay the same across restarts of a local driver.
 */
export async function resolveDriverKey(configured: string | undefined, stateDir: string): Promise<string> {
  if (configured) return configured;
  const file = path.join(stateDir, "driver-key");
  try {
    const existing = (await readFile(file, "utf8")).trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(stateDir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString("hex");
  // `wx`: two drivers starting at once must not overwrite each other's key.
  await writeFile(file, `${key}\n`, { mode: 0o600, flag: "wx" }).catch(
    async (error: NodeJS.ErrnoException) => {
      if (error.code !== "EEXIST") throw error;
    },
  );
  return (await readFile(file, "utf8")).trim();
}
