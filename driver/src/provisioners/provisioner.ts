import type { DriverInputs, DriverSecrets } from "../inputs/driver-inputs.js";

/** Where and how to reach a ready resource; secrets are added by the lifecycle, never stored here. */
export interface Endpoint {
  host: string;
  port: number;
  tls: boolean;
  /** PEM of the CA that signed the server certificate, when clients must be told whom to trust. */
  caCertificate?: string;
  /** ACL user name; "default" when no ACL user was asked for. */
  username: string;
}

/** What the provisioner found for one resource. Mirrors ElastiCache's own status values. */
export type ResourceState =
  | { status: "absent" }
  | {
      status: "creating" | "updating" | "deleting";
      spec: DriverInputs;
      since: Date;
      estimatedSeconds: number;
    }
  | { status: "available"; spec: DriverInputs; endpoint: Endpoint }
  | { status: "failed"; spec: DriverInputs; reason: string };

export type ResourceStatus = ResourceState["status"];

/** Everything a provisioner needs to act on one resource. */
export interface ResourceRequest {
  /** The GUResID. */
  id: string;
  spec: DriverInputs;
  secrets: DriverSecrets;
  /** The resource's password, derived by the driver (never stored). */
  password: string;
}

/**
 * A backend that creates caches. No method waits for the cloud: `create`, `update` and `delete`
 * start the work and return; callers poll `describe`.
 */
export interface Provisioner {
  /** Logged at start-up, e.g. `local/process`. */
  readonly name: string;
  /** Options of DriverInputs this backend cannot honour, checked before anything starts. */
  unsupported(spec: DriverInputs): { field: string; problem: string; fix: string } | undefined;
  describe(id: string, secrets: DriverSecrets): Promise<ResourceState>;
  create(request: ResourceRequest): Promise<void>;
  update(request: ResourceRequest, previous: DriverInputs): Promise<void>;
  delete(id: string, secrets: DriverSecrets): Promise<void>;
  /**
   * Optional: tells the caller when a resource's state changed by itself (background work finished),
   * so cached status can be dropped at once instead of after its time to live.
   */
  onStateChange?(listener: (id: string) => void): void;
  /** Releases clients and timers; resources stay. */
  close(): Promise<void>;
}
