import { randomBytes } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DriverKeySource } from "../config/load-config.js";

const MIN_KEY_LENGTH = 32;

/** The key in `file`, or undefined when there is no such file. */
async function readKey(file: string, name: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  const key = text.trim();
  if (key.length < MIN_KEY_LENGTH) {
    throw new Error(
      `${name} ${file} holds fewer than ${MIN_KEY_LENGTH} characters: put a longer key in it (a new key changes every password the driver derives)`,
    );
  }
  return key;
}

/**
 * The driver key: from the environment, from a file, or in local mode generated once into the
 * state dir, so passwords stay the same across restarts of a local driver.
 */
export async function resolveDriverKey(source: DriverKeySource): Promise<string> {
  if (source.kind === "value") return source.value;
  const file = source.path;
  const name = source.create ? "the generated driver key file" : "DRIVER_KEY_FILE";
  const existing = await readKey(file, name);
  if (existing !== undefined) return existing;
  if (!source.create) throw new Error(`DRIVER_KEY_FILE ${file} does not exist`);

  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  // Written whole under a name of its own, then linked into place: the link fails when another
  // driver starting at the same time got there first, and nobody ever reads half a key.
  const key = randomBytes(32).toString("hex");
  const draft = `${file}.${process.pid}-${randomBytes(6).toString("hex")}`;
  await writeFile(draft, `${key}\n`, { mode: 0o600, flag: "wx" });
  try {
    await link(draft, file);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await unlink(draft);
  }
  // Another driver created the key first: every driver uses that one.
  const winner = await readKey(file, name);
  if (winner === undefined) {
    throw new Error(`${name} ${file} exists but cannot be read (a link to nothing?): remove it or fix it`);
  }
  return winner;
}
