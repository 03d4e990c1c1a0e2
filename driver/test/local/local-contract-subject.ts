import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { LocalProvisionerOptions } from "../../src/provisioners/local/local-provisioner-options.js";
import type { RuntimeKind } from "../../src/provisioners/local/redis-runtime.js";
import type { ContractBackend, ContractSubject } from "../support/provisioner-contract-suite.js";
import { openTestProvisioner } from "./test-provisioner.js";

type Options = Omit<LocalProvisionerOptions, "stateDir" | "logger">;

async function backend(options: Options, cleanup?: () => Promise<void>): Promise<ContractBackend> {
  const harness = await openTestProvisioner(options);
  const reopened: TestHarness[] = [];
  return {
    provisioner: harness.provisioner,
    async reopen() {
      const next = await openTestProvisioner({ ...options, stateDir: harness.stateDir });
      reopened.push(next);
      return next.provisioner;
    },
    async [Symbol.asyncDispose]() {
      try {
        for (const next of reopened) await next.provisioner.close();
        await harness[Symbol.asyncDispose]();
      } finally {
        await cleanup?.();
      }
    },
  };
}

type TestHarness = Awaited<ReturnType<typeof openTestProvisioner>>;

/** A redis-server that fails the way a broken installation does: it exits at once with a message. */
async function brokenRedisServer(): Promise<{ path: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), "broken-redis-"));
  const file = path.join(dir, "redis-server");
  await writeFile(
    file,
    '#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Redis server v=7.0.0"; exit 0; fi\necho "FATAL: cannot open the data dir" >&2\nexit 3\n',
  );
  await chmod(file, 0o755);
  return { path: file, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The provisioner contract for one runtime of the local provisioner, on real Redis. */
export function localContractSubject(runtime: RuntimeKind, extra: Options = {}): ContractSubject {
  return {
    name: `local/${runtime}`,
    open: () => backend({ runtime, ...extra }),
    async openFailing() {
      if (runtime === "container") {
        return backend({ runtime, ...extra, image: "localhost/no-such-redis:0" });
      }
      const broken = await brokenRedisServer();
      return backend({ runtime, ...extra, redisServerPath: broken.path }, broken.remove);
    },
    inputs: { tls: false },
    update: { auth_generation: 1, maxmemory_policy: "allkeys-lru" },
    unsupported: {
      inputs: { mode: "cluster", replicas: 2 },
      fields: ["driver.values.mode", "driver.values.replicas"],
    },
  };
}
