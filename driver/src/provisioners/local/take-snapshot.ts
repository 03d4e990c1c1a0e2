import { mkdir } from "node:fs/promises";
import path from "node:path";
import { withRedis, type RedisCredentials, type RedisTarget } from "./redis-connection.js";
import type { RunningInstance } from "./redis-runtime.js";

/** Saves the dataset and copies the RDB to `<dir>/<name>-<UTC timestamp>.rdb`; returns that path. */
export async function takeSnapshot(
  instance: RunningInstance,
  target: RedisTarget,
  credentials: RedisCredentials,
  dir: string,
  name: string,
): Promise<string> {
  await withRedis(target, credentials, (client) => client.sendCommand(["SAVE"]));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[-:.]/g, "");
  const file = path.join(dir, `${name}-${stamp}.rdb`);
  await instance.copyDataFile(file);
  return file;
}
