import autocannon from "autocannon";
import { cpuMs } from "./cpu-time.js";
import { READY_BODY } from "./driver-lifecycle.js";
import { percentile } from "./stats.js";

export interface PollLatency {
  callers: number;
  method: "PUT" | "GET";
  requests: number;
  /** Mean answers per second over the run. */
  perSecond: number;
  /** Seen by the load generator, which shares the machine's cores with the driver. */
  client: { p50: number; p99: number; max: number };
  /** From the driver's Server-Timing header: the request's headers → the answer's headers. */
  driver: { p50: number; p99: number; max: number };
  non2xx: number;
  /** The server's CPU time (user + system) per answer, in µs; undefined without /proc. */
  cpuMicrosPerRequest: number | undefined;
}

const SERVER_TIMING = /app;dur=([0-9.]+)/;

/** Status polls (repeated PUTs, or GETs, of a ready resource) from `callers` concurrent connections. */
export async function pollLatency(
  url: string,
  callers: number,
  durationSeconds: number,
  method: "PUT" | "GET" = "PUT",
  /** Sent with every request, e.g. the driver cookie Humanitec returns on each poll. */
  headers: Record<string, string> = {},
  /** The server's process, for its CPU time per answer. */
  serverPid?: number,
): Promise<PollLatency> {
  const driverMs: number[] = [];
  const cpuBefore = serverPid === undefined ? undefined : cpuMs(serverPid);
  const result = await autocannon({
    url,
    connections: callers,
    duration: durationSeconds,
    requests: [
      {
        method,
        headers: { ...headers, ...(method === "PUT" ? { "content-type": "application/json" } : {}) },
        ...(method === "PUT" ? { body: READY_BODY } : {}),
        onResponse: (_status, _body, _context, headers) => {
          const entry = Object.entries(headers as Record<string, unknown>).find(
            ([name]) => name.toLowerCase() === "server-timing",
          );
          const timing = SERVER_TIMING.exec(String(entry?.[1] ?? ""));
          if (timing?.[1]) driverMs.push(Number(timing[1]));
        },
      },
    ],
  });
  const cpuAfter = serverPid === undefined ? undefined : cpuMs(serverPid);
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    callers,
    method,
    requests: result.requests.total,
    perSecond: Math.round(result.requests.average),
    client: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    // The baseline sends no Server-Timing: zeros there.
    driver:
      driverMs.length === 0
        ? { p50: 0, p99: 0, max: 0 }
        : {
            p50: round(percentile(driverMs, 50)),
            p99: round(percentile(driverMs, 99)),
            max: round(Math.max(...driverMs)),
          },
    non2xx: result.non2xx,
    cpuMicrosPerRequest:
      cpuBefore === undefined || cpuAfter === undefined || result.requests.total === 0
        ? undefined
        : Math.round(((cpuAfter - cpuBefore) * 1000) / result.requests.total),
  };
}
