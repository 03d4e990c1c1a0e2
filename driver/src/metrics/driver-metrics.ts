import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Operation, ResourceStatus } from "../provisioners/provisioner.js";

/** Where a request was routed: a fixed set, so no path or GUResID ever becomes a label value. */
export type RouteLabel = "contract" | "seed" | "healthz" | "readyz" | "metrics" | "openapi" | "unknown";
/** What became of one call to the provisioner. */
export type BackendOutcome =
  "ok" | "throttled" | "denied" | "invalid" | "conflict" | "quota" | "failed" | "error";
export type BackendCall = Operation | "describe";

const STATUSES: ResourceStatus[] = ["creating", "available", "updating", "deleting", "failed"];

/**
 * The driver's Prometheus metrics, on a registry of its own (two drivers in one process, as in
 * tests, do not share counters). Every label value comes from a fixed set: never an id, a key or
 * a secret.
 */
export class DriverMetrics {
  readonly registry = new Registry();
  readonly #requests: Counter<"route" | "method" | "status">;
  readonly #requestSeconds: Histogram<"route" | "method">;
  readonly #backendCalls: Counter<"provisioner" | "operation" | "outcome">;
  readonly #operationSeconds: Histogram<"provisioner" | "operation">;
  readonly #cacheLookups: Counter<"result">;

  constructor(
    readonly provisioner: string,
    /** Counts the resources the driver currently knows, by status (read at scrape time). */
    resourcesByStatus: () => Map<ResourceStatus, number>,
  ) {
    const registers = [this.registry];
    this.#requests = new Counter({
      name: "driver_http_requests_total",
      help: "HTTP requests answered, by route, method and status code",
      labelNames: ["route", "method", "status"],
      registers,
    });
    this.#requestSeconds = new Histogram({
      name: "driver_http_request_duration_seconds",
      help: "Time from request to answer, by route and method",
      labelNames: ["route", "method"],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.#backendCalls = new Counter({
      name: "driver_backend_calls_total",
      help: "Calls to the provisioner's backend, by operation and outcome (throttled, denied, failed, ...)",
      labelNames: ["provisioner", "operation", "outcome"],
      registers,
    });
    this.#operationSeconds = new Histogram({
      name: "driver_operation_duration_seconds",
      help: "Time from starting a create, update or delete to seeing the resource available or gone",
      labelNames: ["provisioner", "operation"],
      buckets: [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1200, 2400, 3600],
      registers,
    });
    this.#cacheLookups = new Counter({
      name: "driver_status_cache_lookups_total",
      help: "Status lookups answered from the shared cache (hit) or by the provisioner (miss)",
      labelNames: ["result"],
      registers,
    });
    new Gauge({
      name: "driver_resources",
      help: "Resources the driver knows of (recently looked up), by status",
      labelNames: ["provisioner", "status"],
      registers,
      collect() {
        const counts = resourcesByStatus();
        for (const status of STATUSES) this.set({ provisioner, status }, counts.get(status) ?? 0);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  request(route: RouteLabel, method: string, status: number, seconds: number): void {
    const verb = /^[A-Z]{3,7}$/.test(method) ? method : "OTHER";
    this.#requests.inc({ route, method: verb, status: String(status) });
    this.#requestSeconds.observe({ route, method: verb }, seconds);
  }

  backendCall(operation: BackendCall, outcome: BackendOutcome): void {
    this.#backendCalls.inc({ provisioner: this.provisioner, operation, outcome });
  }

  operationDone(operation: Operation, seconds: number): void {
    this.#operationSeconds.observe({ provisioner: this.provisioner, operation }, seconds);
  }

  cacheLookup(result: "hit" | "miss"): void {
    this.#cacheLookups.inc({ result });
  }
}
