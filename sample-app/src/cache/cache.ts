/** Why the cache cannot be used right now. `reason` is for people: it names the cause and the fix. */
export interface CacheFailure {
  readonly kind: FailureKind;
  readonly reason: string;
}

export type FailureKind =
  /** Nothing answers at host:port: connection refused, unknown host, no route. */
  | "unreachable"
  /** The server rejected the credentials (WRONGPASS) or wants some (NOAUTH). */
  | "auth"
  /** TLS on one side only, or the server certificate is not trusted. */
  | "tls"
  /** No answer within the connect or command timeout. */
  | "timeout"
  /** Something answered that does not speak the Redis protocol. */
  | "protocol"
  /** An established connection broke; reconnecting. */
  | "lost"
  /** The server answered a command with an error (e.g. NOPERM, OOM). */
  | "rejected"
  /** The first connection attempt has not finished yet. */
  | "connecting"
  /** The app is shutting down. */
  | "closed"
  | "unknown";

export type ConnectionStatus = "connecting" | "connected" | "disconnected" | "closed";

export interface ConnectionState {
  readonly status: ConnectionStatus;
  readonly since: Date;
  /** Set while not connected. */
  readonly failure: CacheFailure | undefined;
}

/** The part of the configuration that is safe to show: no credentials. */
export interface CacheEndpoint {
  readonly host: string;
  readonly port: number;
  readonly tls: boolean;
}

export type CacheCheck =
  { readonly ok: true; readonly latencyMs: number } | { readonly ok: false; readonly failure: CacheFailure };

/**
 * How the app talks to the cache: one connection (`standalone`), or a cluster-aware client that
 * discovers the shards and follows MOVED/ASK (`cluster`), as cluster-mode and serverless caches need.
 */
export type ClientKind = "standalone" | "cluster";

/** What the HTTP layer needs from a cache. Operations reject with CacheError. */
export interface Cache {
  readonly endpoint: CacheEndpoint;
  connection(): ConnectionState;
  /** The client in use; undefined until the server said whether it runs in cluster mode. */
  clientKind(): ClientKind | undefined;
  /** PINGs the server when connected; never rejects. */
  check(): Promise<CacheCheck>;
  /** Round trip of the last successful PING, in ms. */
  lastLatencyMs(): number | undefined;
  incr(key: string): Promise<number>;
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
  /** Waits for pending commands up to `timeoutMs`, then drops the connection. Idempotent. */
  close(timeoutMs: number): Promise<void>;
}
