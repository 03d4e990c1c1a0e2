import type { StatusFn } from "../../progress/progress.js";
import type { Look } from "../wait-for.js";
import { waitFor } from "../wait-for.js";
import type { CloudContext } from "../cloud-context.js";

/** One look at a workload's `/readyz` through the cluster forward. */
export async function lookReady(
  context: CloudContext,
  which: "driver" | "sample app",
): Promise<Look<string>> {
  let base: string;
  try {
    base = which === "driver" ? (await context.driverUrl()).replace(/\/$/, "") : await context.sampleAppUrl();
  } catch (error) {
    await context.dropForwards();
    throw error;
  }
  let response: Response;
  try {
    response = await fetch(`${base}/readyz`, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    await context.dropForwards();
    throw error;
  }
  const text = await response.text();
  if (response.status === 200) return { done: true, value: base };
  return { done: false, seen: `${which} /readyz answered ${response.status} ${text.slice(0, 200)}` };
}

/** Waits until the workload answers `/readyz` with 200; resolves with its forwarded base URL. */
export function waitReady(
  context: CloudContext,
  which: "driver" | "sample app",
  status: StatusFn,
): Promise<string> {
  return waitFor(() => lookReady(context, which), {
    what: `the ${which} to answer /readyz with 200`,
    timeoutMs: context.settings.readyTimeoutMs,
    intervalMs: context.settings.pollIntervalMs,
    status,
    signal: context.signal,
  });
}

/** Whether the workload is ready now (one look). */
export async function isReady(context: CloudContext, which: "driver" | "sample app"): Promise<boolean> {
  try {
    return (await lookReady(context, which)).done === true;
  } catch {
    return false;
  }
}
