/**
 * Every error the API returns has a stable code from this table and the body `{ error, message }`;
 * the message names the field and the fix, and never contains a secret.
 */
export const ERROR_CODES = {
  "APP-100": { status: 400, title: "Request body is not valid JSON" },
  "APP-101": { status: 400, title: "Invalid key" },
  "APP-102": { status: 400, title: "Invalid request body" },
  "APP-103": { status: 413, title: "Value or body too large" },
  "APP-104": { status: 404, title: "Key not found" },
  "APP-105": { status: 415, title: "Unsupported content type" },
  "APP-106": { status: 404, title: "No such route" },
  "APP-150": { status: 503, title: "Cache unavailable" },
  "APP-151": { status: 502, title: "Cache rejected the command" },
  "APP-199": { status: 500, title: "Internal error" },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  override readonly name = "AppError";
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.status = ERROR_CODES[code].status;
  }
}

/** The Error body every failing API response carries. */
export interface ErrorBody {
  readonly error: ErrorCode;
  readonly message: string;
}
