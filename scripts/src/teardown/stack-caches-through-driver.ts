import { describeHint, HumanitecCaller } from "@elasticache-driver-kit/e2e";
import type { StatusFn } from "../progress/progress.js";
import { waitFor } from "../cloud/wait-for.js";

export interface DriverDeleteOptions {
  /** The driver's target URL (ending in `/`) and its bearer token. */
  readonly driverUrl: string;
  readonly token: string | undefined;
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly status: StatusFn;
  readonly signal?: AbortSignal | undefined;
  /**
   * A fresh address of the driver when the one in use stops answering (a `kubectl port-forward`
   * dies with its pod or connection while a deletion takes up to an hour); none: keep trying it.
   */
  readonly reconnect?: () => Promise<string>;
}

/**
 * Deletes resources through the driver the way Humanitec does: DELETE repeated while 202, until
 * 204. The driver removes each cache with its users and user groups. Resolves with the GUResIDs
 * that could not be deleted and why.
 */
export async function deleteThroughDriver(
  guresids: readonly string[],
  options: DriverDeleteOptions,
): Promise<{ guresid: string; reason: string }[]> {
  const callerAt = (driverUrl: string) =>
    new HumanitecCaller({ driverUrl, token: options.token, requestTimeoutMs: 30_000 });
  let caller = callerAt(options.driverUrl);
  let reconnecting: Promise<void> | undefined;
  /** One new address for every deletion that found the old one dead at the same time. */
  const reconnect = (dead: HumanitecCaller) => {
    if (!options.reconnect || caller !== dead) return reconnecting;
    reconnecting ??= options
      .reconnect()
      .then((url) => {
        caller = callerAt(url);
      })
      .finally(() => {
        reconnecting = undefined;
      });
    return reconnecting;
  };
  const seen = new Map<string, string>();
  const report = () =>
    options.status([...seen].map(([id, what]) => `${id.slice(0, 12)}…: ${what}`).join("; "));
  const results = await Promise.all(
    guresids.map(async (guresid) => {
      try {
        await waitFor(
          async () => {
            const current = caller;
            let answer;
            try {
              answer = await current.delete(guresid, options.signal);
            } catch (error) {
              if (options.signal?.aborted) throw error;
              await reconnect(current)?.catch(() => undefined);
              throw error; // waitFor shows it and looks again, through the new address if there is one
            }
            if (answer.status === 204) return { done: true, value: undefined };
            if (answer.status === 202 || answer.status === 409) {
              return { done: false, seen: `DELETE → ${answer.status} ${describeHint(answer.body)}` };
            }
            return {
              done: "failed",
              error: new Error(`DELETE answered ${answer.status}: ${answer.text.slice(0, 300)}`),
            };
          },
          {
            what: `DELETE ${guresid} to answer 204`,
            timeoutMs: options.timeoutMs,
            intervalMs: options.intervalMs,
            status: (text) => {
              seen.set(guresid, text);
              report();
            },
            signal: options.signal,
          },
        );
        seen.set(guresid, "deleted (204)");
        report();
        return undefined;
      } catch (error) {
        if (options.signal?.aborted) throw error;
        return { guresid, reason: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  return results.filter((result) => result !== undefined);
}
