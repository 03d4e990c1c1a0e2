import { createHash } from "node:crypto";
import { ContainerRuntime } from "./container-runtime.js";
import { isLoopback, type ResolvedLocalProvisionerOptions } from "./local-provisioner-options.js";
import { ProcessRuntime } from "./process-runtime.js";
import type { RedisRuntime, RuntimeKind } from "./redis-runtime.js";
import { StateStore } from "./state-store.js";

/** Tells this state dir's containers apart from those of other state dirs on a shared engine. */
export const stateDirTag = (stateDir: string): string =>
  createHash("sha256").update(stateDir).digest("hex").slice(0, 16);

// Plain addresses only: the optional-address syntax (`-::1`, `*`) needs Redis 7.
const processBind = (advertiseHost: string): string[] =>
  !isLoopback(advertiseHost) ? ["0.0.0.0"] : advertiseHost === "::1" ? ["127.0.0.1", "::1"] : ["127.0.0.1"];

export function createRuntime(kind: RuntimeKind, options: ResolvedLocalProvisionerOptions): RedisRuntime {
  const logger = options.logger.child({ runtime: kind });
  if (kind === "container") {
    return new ContainerRuntime({ image: options.image, stateDirTag: stateDirTag(options.stateDir), logger });
  }
  return new ProcessRuntime({
    redisServerPath: options.redisServerPath,
    bind: processBind(options.advertiseHost),
    instancesDir: new StateStore(options.stateDir).instancesDir,
    logger,
  });
}
