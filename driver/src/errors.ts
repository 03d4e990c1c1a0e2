/**
 * Every failure the driver reports to a caller is a DriverError with a stable RES-1xx code.
 * The table below is the single source for the error-code table of docs/driver-reference.md and the OpenAPI document.
 */
export const ERROR_CODES = {
  "RES-100": { status: 400, title: "Request body is not valid JSON" },
  "RES-101": { status: 400, title: "A driver input has an invalid value" },
  "RES-102": { status: 400, title: "Unknown key in the request body" },
  "RES-103": { status: 400, title: "Invalid resource id (GUResID)" },
  "RES-104": { status: 400, title: "Unsupported resource type" },
  "RES-105": { status: 415, title: "Unsupported content type" },
  "RES-106": { status: 413, title: "Request body too large" },
  "RES-107": { status: 400, title: "Request body does not have the InputData shape" },
  "RES-108": { status: 400, title: "Change requires replacing the resource" },
  "RES-109": { status: 404, title: "Resource not found" },
  "RES-110": { status: 401, title: "Missing or invalid credentials" },
  "RES-111": { status: 400, title: "Provisioning failed" },
  "RES-112": { status: 400, title: "Option not supported by this provisioner" },
  "RES-113": { status: 405, title: "Method not allowed" },
  "RES-114": { status: 400, title: "Operation did not finish within the synchronous wait (seed profile)" },
  "RES-115": { status: 422, title: "Malformed seed-profile (2020) request" },
  "RES-116": { status: 400, title: "A backend resource of that name exists and is not this resource" },
  "RES-117": { status: 400, title: "Cloud credentials missing, invalid or not permitted" },
  "RES-118": { status: 400, title: "Cloud quota or capacity exhausted" },
  "RES-119": { status: 503, title: "Backend temporarily unavailable (throttled); retry" },
  "RES-120": { status: 400, title: "Malformed HTTP request (request line, headers or content encoding)" },
  "RES-121": { status: 408, title: "Request not received in time" },
  "RES-122": { status: 431, title: "Request headers too large" },
  "RES-199": { status: 500, title: "Internal error" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface DriverErrorOptions {
  /** Dotted path of the offending field, e.g. `driver.values.engine`. */
  field?: string;
  /** What the caller should do about it. */
  fix?: string;
  /** Structured, non-secret detail for machines (field paths, provider error names). */
  details?: Record<string, unknown>;
  /** Seconds a caller should wait before retrying (503 answers: the `Retry-After` header). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

export class DriverError extends Error {
  override readonly name = "DriverError";
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly fix: string | undefined;
  readonly details: Record<string, unknown> | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, problem: string, options: DriverErrorOptions = {}) {
    super(problem, { cause: options.cause });
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.field = options.field;
    this.fix = options.fix;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  /** Whether the caller (4xx) or the driver (5xx) is at fault. */
  get fault(): "client" | "server" {
    return this.status >= 500 ? "server" : "client";
  }

  /** The human-readable message of the contract's Error body: field, problem, fix. */
  get publicMessage(): string {
    const head = this.field ? `${this.field}: ${this.message}` : this.message;
    return this.fix ? `${head}. Fix: ${this.fix}` : head;
  }
}

/** How many problems an answer lists one by one; a body with thousands of bad keys gets a count. */
const MAX_LISTED_ISSUES = 20;

/** Several problems found at once (validation); the first one gives the code. */
export class ValidationError extends DriverError {
  readonly issues: readonly DriverError[];

  constructor(issues: readonly DriverError[]) {
    const first = issues[0];
    if (!first) throw new TypeError("ValidationError needs at least one issue");
    super(first.code, first.message, {
      ...(first.field === undefined ? {} : { field: first.field }),
      ...(first.fix === undefined ? {} : { fix: first.fix }),
      details: {
        issues: issues.slice(0, MAX_LISTED_ISSUES).map((issue) => ({
          code: issue.code,
          field: issue.field,
          message: issue.publicMessage,
        })),
        ...(issues.length > MAX_LISTED_ISSUES ? { more_issues: issues.length - MAX_LISTED_ISSUES } : {}),
      },
    });
    this.issues = issues;
  }

  override get publicMessage(): string {
    const [first, ...rest] = this.issues;
    const head = first?.publicMessage ?? this.message;
    return rest.length === 0
      ? head
      : `${head} (and ${rest.length} more problem${rest.length > 1 ? "s" : ""})`;
  }
}
