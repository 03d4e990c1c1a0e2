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
  /** Extra non-secret outputs of this endpoint, e.g. `key_prefix` of a shared cache. */
  values?: Record<string, string | number | boolean>;
}

/**
 * What the provisioner found for one resource. Mirrors ElastiCache's own status values. `spec` is
 * always the full normalised spec recovered from the backend (local: the state dir; cloud: tags),
 * so the config hash is the same after a restart and on another replica.
 */
export type ResourceState =
  | { status: "absent" }
  | {
      status: "creating" | "updating" | "deleting";
      spec: DriverInputs;
      /** When the operation started, as far as the backend tells. */
      since: Date;
      /**
       * Only with `creating`: set when the creation stopped between two calls (its replica died or
       * was throttled past its retries) and nothing but a repeat of it moves it on. Looks report it
       * in progress; the next PUT of the same inputs calls `create` again, which resumes it.
       */
      nextStep?: string;
    }
  | {
      status: "available";
      spec: DriverInputs;
      endpoint: Endpoint;
      /**
       * Set while an update of these inputs still has a step the backend could not take in the
       * same call (e.g. replicas after a modification): usable now, and the next PUT of the same
       * inputs takes the step instead of answering 200.
       */
      nextStep?: string;
    }
  | { status: "failed"; spec: DriverInputs; reason: string };

export type ResourceStatus = ResourceState["status"];
export type Operation = "create" | "update" | "delete";

/** Everything a provisioner needs to act on one resource. */
export interface ResourceRequest {
  /** The GUResID. */
  id: string;
  spec: DriverInputs;
  secrets: DriverSecrets;
  /** The resource's password, derived by the driver (never stored). */
  password: string;
  /**
   * On an update that changes `auth_generation`: the password of the generation the resource has
   * now, so a provisioner can keep it working beside the new one while clients switch.
   */
  previousPassword?: string;
}

/** One option of DriverInputs a provisioner cannot honour. */
export interface UnsupportedOption {
  /** Dotted path, e.g. `driver.values.mode`. */
  field: string;
  /**
   * "invalid-value" when the value breaks a limit of the backend (400 RES-101) rather than naming
   * an option it does not offer (400 RES-112, the default).
   */
  kind?: "unsupported" | "invalid-value";
  problem: string;
  fix: string;
}

/** What a provisioner declares about itself; the lifecycle and the HTTP layer act on it. */
export interface Capabilities {
  /**
   * True when the provisioner acts on a cloud account: requests then use `secrets.account`
   * (from the PUT body, or sealed in the driver cookie for GET and DELETE) or ambient credentials.
   */
  readonly needsCloudCredentials: boolean;
  /** Fields of `spec` a running resource can take in place; any other change needs a new resource. */
  updatableFields(spec: DriverInputs): ReadonlySet<keyof DriverInputs>;
  /** Every option of `spec` this provisioner cannot honour, all at once; empty when none. */
  unsupported(spec: DriverInputs): UnsupportedOption[];
  /** Typical duration of an operation in seconds, for the progress hints of 202 answers. */
  estimatedSeconds(operation: Operation, spec: DriverInputs): number;
  /**
   * How long an operation took, as the driver saw it end (the status that finishes it): a
   * provisioner that learns its backend's pace from this gives better estimates next time.
   */
  observed?(operation: Operation, spec: DriverInputs, seconds: number): void;
}

/**
 * A backend that creates caches. No method waits for the cloud: `create`, `update` and `delete`
 * start the work and return; callers poll `describe`.
 *
 * Errors: a method that cannot do what was asked throws a `ProvisionerError` (see
 * provisioner-errors.ts) of the kind that fits; the lifecycle maps each kind to one status and RES
 * code. Anything else thrown becomes `500 RES-199` with nothing of its message shown to the caller.
 * Messages must hold no secret: pass cloud text through `scrubSecrets` first.
 */
export interface Provisioner {
  /** Logged at start-up, e.g. `local/process`. */
  readonly name: string;
  readonly capabilities: Capabilities;
  describe(id: string, secrets: DriverSecrets): Promise<ResourceState>;
  create(request: ResourceRequest): Promise<void>;
  /** Brings an available resource to `request.spec`; `previous` is the spec it has now. */
  update(request: ResourceRequest, previous: DriverInputs): Promise<void>;
  /** Starts deleting; a resource that does not exist is not an error. */
  delete(id: string, secrets: DriverSecrets): Promise<void>;
  /**
   * Optional: tells the caller when a resource's state changed by itself (background work finished),
   * so cached status can be dropped at once instead of after its time to live.
   */
  onStateChange?(listener: (id: string) => void): void;
  /**
   * Optional: whether the backend can work right now (local: a runtime answers; a cloud: the
   * credentials resolve and one cheap read succeeds). Undefined when ready, else what is wrong
   * and how to fix it. Called for `/readyz` at most every few seconds.
   */
  checkReady?(): Promise<string | undefined>;
  /** Releases clients and timers; resources stay. */
  close(): Promise<void>;
  /**
   * Optional, for provisioners that run resources on this machine: what runs now, found on the
   * machine itself. The driver names these when it stops: they keep running and the next start
   * adopts them.
   */
  listManaged?(): Promise<readonly ManagedResource[]>;
}

/** One resource a provisioner runs on this machine. */
export interface ManagedResource {
  /** The GUResID, when the provisioner can tell. */
  guresid: string | undefined;
  /** What runs, for people: e.g. `redis-server pid 1234` or `container 0123456789ab`. */
  instance: string;
}
