import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config/load-config.js";
import type { LocalProvisioner } from "../../src/provisioners/local/local-provisioner.js";
import type { Provisioner } from "../../src/provisioners/provisioner.js";
import { startDriver, type RunningDriver } from "../../src/start-driver.js";
import { registryWithFake, type FakeProvisioner } from "./fake-provisioner.js";

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
  /** With `DRIVER_PROVISIONER=fake`: the fake the driver runs on. */
  readonly fake: FakeProvisioner;
}

/**
 * A driver on a free loopback port with its own state dir and captured logs. Its registry also
 * holds `fake` (`DRIVER_PROVISIONER=fake`, `FAKE_AUTO_FINISH_MS`) for tests of the HTTP layer. Disposing it stops
 * every Redis it started and removes the state dir, also when the test failed.
 */
export async function startTestDriver(
  env: NodeJS.ProcessEnv = {},
  options: { provisioner?: Provisioner; stateDir?: string; keepState?: boolean } = {},
): Promise<TestDriver> {
  const stateDir = options.stateDir ?? (await mkdtemp(path.join(tmpdir(), "driver-test-")));
  // Only the local provisioner generates its own key; other provisioners get a fresh one per driver.
  const key =
    (env.DRIVER_PROVISIONER ?? "local") === "local"
      ? {}
      : { DRIVER_SECRET_KEY: randomBytes(32).toString("hex") };
  const fullEnv = { PORT: "0", LOCAL_STATE_DIR: stateDir, DRIVER_LOG_LEVEL: "debug", ...key, ...env };
  const logs = new LogCapture();
  const fakes: FakeProvisioner[] = [];
  const driver = await startDriver(loadConfig(fullEnv, { registry: registryWithFake(fakes) }), {
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
  const testDriver: Omit<TestDriver, "fake"> = Object.assign(Object.create(null) as object, driver, {
    stateDir,
    logs,
    env: fullEnv,
    close,
    [Symbol.asyncDispose]: close,
  });
  return Object.defineProperty(testDriver as TestDriver, "fake", {
    get(): FakeProvisioner {
      const fake = fakes[0];
      if (!fake) throw new Error("this test driver does not run DRIVER_PROVISIONER=fake");
      return fake;
    },
  });
}
