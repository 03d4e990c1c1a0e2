import autocannon from "autocannon";
import { READY_BODY } from "./driver-lifecycle.js";

export interface PollLatency {
  callers: number;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  non2xx: number;
}

/** Status polls (repeated PUTs of a ready resource) from `callers` concurrent connections. */
export async function pollLatency(
  url: string,
  callers: number,
  durationSeconds: number,
): Promise<PollLatency> {
  const result = await autocannon({
    url,
    method: "PUT",
    body: READY_BODY,
    headers: { "content-type": "application/json" },
    connections: callers,
    duration: durationSeconds,
  });
  return {
    callers,
    requests: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
  };
}
