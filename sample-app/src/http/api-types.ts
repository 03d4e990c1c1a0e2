import type { CacheEndpoint, ClientKind, ConnectionStatus, FailureKind } from "../cache/cache.js";

/** GET /healthz */
export interface HealthBody {
  readonly status: "ok";
}

/** GET /readyz: 200 when a PING succeeded, 503 otherwise. */
export type ReadyBody =
  | { readonly status: "ready"; readonly latency_ms: number }
  | { readonly status: "unavailable"; readonly kind: FailureKind; readonly reason: string };

/** GET and POST /api/visits */
export interface VisitsBody {
  readonly visits: number;
}

/** GET and PUT /api/keys/:key */
export interface KeyBody {
  readonly key: string;
  readonly value: string;
}

/** GET /api/status: what the page shows. Never contains credentials. */
export interface StatusBody {
  readonly endpoint: CacheEndpoint;
  /** `cluster` for a cluster-aware client; null until the server said whether it runs in cluster mode. */
  readonly client: ClientKind | null;
  readonly connection: {
    readonly state: ConnectionStatus;
    /** ISO time of the last state change. */
    readonly since: string;
    readonly kind?: FailureKind;
    readonly reason?: string;
  };
  /** null while the cache cannot be read. */
  readonly visits: number | null;
  /** Round trip of the PING made for this response; null when it failed. */
  readonly latency_ms: number | null;
  readonly checked_at: string;
}
