import { failureReason } from "../scrub-secrets.js";
import { pingProbe } from "./ping-probe.js";
import type { RedisCredentials, RedisTarget } from "./redis-connection.js";
import { describeRef, type RunningInstance } from "./redis-runtime.js";

/**
 * Why a running instance does not serve, or undefined when it answers AUTH and PING in time. A
 * process or container can exist and still be of no use: stopped (SIGSTOP, a paused container),
 * deadlocked or swamped. One round trip tells.
 */
export async function unresponsiveReason(
  instance: RunningInstance,
  target: RedisTarget,
  admin: RedisCredentials,
  timeoutMs: number,
): Promise<string | undefined> {
  try {
    await pingProbe(target, admin, timeoutMs);
    return undefined;
  } catch (error) {
    return failureReason(
      `its Redis (${describeRef(instance.ref)}) runs but does not answer PING (stopped, hung or overloaded; it reads available again once it answers, else delete the resource and create it again)`,
      error,
      [admin.password],
    );
  }
}
