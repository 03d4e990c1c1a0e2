import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { RuntimeChoice } from "@elasticache-driver-kit/driver/local";
import { startEmulator, type EmulatorOptions, type RunningEmulator } from "../../src/index.js";

/** The engine runtime under test: `EMULATOR_RUNTIME` (process by default; container when asked). */
export const runtimeUnderTest = (process.env.EMULATOR_RUNTIME ?? "process") as RuntimeChoice;

/** The image of the container runtime, as the driver's container tests take it. */
export const redisImageUnderTest =
  process.env.EMULATOR_REDIS_IMAGE ?? process.env.LOCAL_REDIS_IMAGE ?? "redis:7";

/** An emulator with short delays and its own state root, removed with it. */
export async function startTestEmulator(
  options: EmulatorOptions = {},
): Promise<RunningEmulator & { stateRoot: string }> {
  const stateRoot = options.stateRoot ?? (await mkdtemp(path.join(os.tmpdir(), "emulator-test-")));
  const removeRoot = () =>
    options.stateRoot === undefined ? rm(stateRoot, { recursive: true, force: true }) : Promise.resolve();
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({
      runtime: runtimeUnderTest,
      redisImage: redisImageUnderTest,
      delays: { createMs: 50, modifyMs: 50, deleteMs: 50 },
      ...options,
      stateRoot,
    });
  } catch (error) {
    await removeRoot();
    throw error;
  }
  const close = async () => {
    await emulator.close();
    await removeRoot();
  };
  return { ...emulator, stateRoot, close, [Symbol.asyncDispose]: close };
}
