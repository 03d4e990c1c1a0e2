import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config/load-config.js";
import type { LocalProvisioner } from "../../src/provisioners/local/local-provisioner.js";
import type { Provisioner } from "../../src/provisioners/provisioner.js";
import { startDriver, type RunningDriver } from "../../src/start-driver.js";

/** Captures every log line a driver writes, for assertions about what logs contain. */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    done();
  }
  text(): string {
    return this.lines.join("\n");
  }
}

export interface TestDriver extends RunningDriver {
  readonly stateDir: string;
  readonly logs: LogCapture;
  readonly env: NodeJS.ProcessEnv;
}

/**
 * A driver on a free loopback port with its own state dir and captured logs. Disposing it stops
 * every Redis it started and removes the state dir, also when the test failed.
 */
export async function startTestDriver(
  env: NodeJS.ProcessEnv = {},
  options: { provisioner?: Provisioner; stateDir?: string; keepState?: boolean } = {},
): Promise<TestDriver> {
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), "driver-test-")));
  const fullEnv = { PORT: "0", LOCAL_STATE_DIR: stateDir, DRIVER_LOG_LEVEL: "debug", ...env };
  const logs = new LogCapture();
  const driver = await startDriver(loadConfig(fullEnv), {
    logDestination: logs,
    ...(options.provisioner ? { provisioner: options.provisioner } : {}),
  });
  const close = async () => {
    await driver.close();
    if (!options.keepState) {
      const local = driver.provisioner as Partial<LocalProvisioner>;
      await local.stopAll?.();
      await rm(stateDir, { recursive: true, force: true });
    }
  };
  return Object.assign(Object.create(null) as object, driver, {
    stateDir,
    logs,
    env: fullEnv,
    close,
    [Symbol.asyncDispose]: close,
  }) as TestDriver;
}
