/**
 * The errors a provisioner may throw. Each kind maps to exactly one answer (see the lifecycle's
 * `toDriverError`); the backend's own words are kept in the message, scrubbed of secrets.
 *
 * | kind            | answer                                   | typical cause                                   |
 * | --------------- | ---------------------------------------- | ----------------------------------------------- |
 * | `invalid-input` | 400 RES-101                              | the backend refuses a value (InvalidParameter…) |
 * | `unsupported`   | 400 RES-112                              | an option this backend cannot honour            |
 * | `conflict`      | 400 RES-116                              | a backend resource of that name is not ours     |
 * | `access-denied` | 400 RES-117                              | credentials missing, invalid or not permitted   |
 * | `quota`         | 400 RES-118                              | quota exceeded, no capacity for a node type     |
 * | `unavailable`   | 202 with the last known state, else 503 RES-119 + Retry-After | throttled, 5xx |
 * | `failed`        | 400 RES-111                              | anything else the backend reports as failed     |
 */
export type ProvisionerErrorKind =
  "invalid-input" | "unsupported" | "conflict" | "access-denied" | "quota" | "unavailable" | "failed";

export interface ProvisionerErrorOptions {
  /** Dotted path of the input at fault, e.g. `driver.values.node_type`. */
  field?: string;
  /** What the caller should do about it. */
  fix?: string;
  /** The backend's error name (e.g. `InvalidParameterValueException`), for `details`. */
  backendError?: string;
  /** The backend's request id, for support cases. */
  requestId?: string;
  /** For `access-denied`: the permission (e.g. `elasticache:CreateReplicationGroup`) that was refused. */
  permission?: string;
  /** For `unavailable`: how long to wait before trying again, in seconds. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** A typed failure of a provisioner. The message must hold no secret (use `scrubSecrets`). */
export class ProvisionerError extends Error {
  override readonly name = "ProvisionerError";
  readonly kind: ProvisionerErrorKind;
  readonly field: string | undefined;
  readonly fix: string | undefined;
  readonly backendError: string | undefined;
  readonly requestId: string | undefined;
  readonly permission: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(kind: ProvisionerErrorKind, message: string, options: ProvisionerErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.field = options.field;
    this.fix = options.fix;
    this.backendError = options.backendError;
    this.requestId = options.requestId;
    this.permission = options.permission;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const isProvisionerError = (error: unknown, kind?: ProvisionerErrorKind): error is ProvisionerError =>
  error instanceof ProvisionerError && (kind === undefined || error.kind === kind);
