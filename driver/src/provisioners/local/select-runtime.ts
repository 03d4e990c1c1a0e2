import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { getContainerRuntimeClient } from "testcontainers";
import type { RuntimeKind } from "./redis-runtime.js";

const execFileAsync = promisify(execFile);

export type RuntimeChoice = "auto" | RuntimeKind;

/** What the machine offers; injectable so the choice can be tested without Docker or Redis. */
export interface RuntimeProbes {
  /** A short description of the container engine when one answers within `timeoutMs`, else undefined. */
  containerRuntime(timeoutMs: number): Promise<string | undefined>;
  /** The version line of a working redis-server binary, else undefined. */
  redisServer(path: string): Promise<string | undefined>;
}

export interface RuntimeSelection {
  kind: RuntimeKind;
  /** Why this runtime, for the start-up log. */
  reason: string;
}

const INSTALL_CONTAINER =
  "install Docker (https://docs.docker.com/get-docker/) and start it, or on Debian run scripts/setup-podman.sh and `source .podman/env`";
const INSTALL_REDIS =
  "install redis-server (Debian/Ubuntu: apt-get install redis-server; macOS: brew install redis) or point the local provisioner at the binary (LOCAL_REDIS_SERVER)";

const MINIMUM = "Redis 6.2";

/** The version when `versionLine` names a Redis before 6.2 (no `set-proc-title`, no `&*` ACL rule). */
function olderThanSupported(versionLine: string): string | undefined {
  const match = /v=(\d+)\.(\d+)(\.\d+)?/.exec(versionLine);
  if (!match) return undefined;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major < 6 || (major === 6 && minor < 2) ? `${major}.${minor}${match[3] ?? ""}` : undefined;
}

/** No way to run Redis on this machine with the requested runtime; `fix` says what to install. */
export class LocalRuntimeUnavailableError extends Error {
  override readonly name = "LocalRuntimeUnavailableError";

  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(`${message}. Fix: ${fix}`);
  }
}

export const defaultProbes: RuntimeProbes = {
  async containerRuntime(timeoutMs) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), timeoutMs);
    });
    const probe = getContainerRuntimeClient().then(
      ({ info }) =>
        `${info.containerRuntime.operatingSystem} (engine ${info.containerRuntime.serverVersion}), containers reached at ${info.containerRuntime.host}`,
      () => undefined,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  },
  async redisServer(path) {
    try {
      const { stdout } = await execFileAsync(path, ["--version"], { timeout: 5_000 });
      return stdout.trim() || undefined;
    } catch {
      return undefined;
    }
  },
};

/**
 * Picks how to run Redis. `auto` prefers a container when a container engine answers quickly, else
 * a redis-server process; a forced choice is checked too, so a missing tool fails at start-up.
 */
export async function selectRuntime(
  choice: RuntimeChoice,
  redisServerPath: string,
  probes: RuntimeProbes = defaultProbes,
  probeTimeoutMs = 3_000,
): Promise<RuntimeSelection> {
  if (choice !== "process") {
    const engine = await probes.containerRuntime(probeTimeoutMs);
    if (engine !== undefined) {
      return {
        kind: "container",
        reason: `${choice === "auto" ? "a container engine answered" : "asked for"}: ${engine}`,
      };
    }
    if (choice === "container") {
      throw new LocalRuntimeUnavailableError(
        `the container runtime was asked for, but no container engine answered within ${probeTimeoutMs} ms`,
        INSTALL_CONTAINER,
      );
    }
  }
  const version = await probes.redisServer(redisServerPath);
  const tooOld = version === undefined ? undefined : olderThanSupported(version);
  if (tooOld !== undefined) {
    if (choice === "process") {
      throw new LocalRuntimeUnavailableError(
        `"${redisServerPath}" is Redis ${tooOld}; the process runtime needs ${MINIMUM}`,
        INSTALL_REDIS,
      );
    }
    throw new LocalRuntimeUnavailableError(
      `cannot run Redis locally: no container engine answered within ${probeTimeoutMs} ms and "${redisServerPath}" is Redis ${tooOld}, older than ${MINIMUM}`,
      `${INSTALL_CONTAINER}; or ${INSTALL_REDIS}`,
    );
  }
  if (version !== undefined) {
    return {
      kind: "process",
      reason: `${choice === "auto" ? "no container engine answered; found" : "asked for"} ${redisServerPath}: ${version}`,
    };
  }
  if (choice === "process") {
    throw new LocalRuntimeUnavailableError(
      `the process runtime was asked for, but "${redisServerPath}" does not run`,
      INSTALL_REDIS,
    );
  }
  throw new LocalRuntimeUnavailableError(
    `cannot run Redis locally: no container engine answered within ${probeTimeoutMs} ms and "${redisServerPath}" does not run`,
    `${INSTALL_CONTAINER}; or ${INSTALL_REDIS}`,
  );
}
