/** The contract's AsyncProgressHint body for 202 and 409 answers. */
export interface ProgressHint {
  status: "creating" | "updating" | "deleting";
  estimated_completion_time?: string;
  timeout?: string;
  current_time: string;
}

export function progressHint(
  status: ProgressHint["status"],
  now: Date,
  timing?: { since: Date; estimatedSeconds: number; timeoutMs: number },
): ProgressHint {
  if (!timing) return { status, current_time: now.toISOString() };
  const estimate = timing.since.getTime() + timing.estimatedSeconds * 1000;
  return {
    status,
    // An estimate already in the past still moves forward, so callers never see a stale promise.
    estimated_completion_time: new Date(Math.max(estimate, now.getTime() + 1000)).toISOString(),
    timeout: new Date(timing.since.getTime() + timing.timeoutMs).toISOString(),
    current_time: now.toISOString(),
  };
}
