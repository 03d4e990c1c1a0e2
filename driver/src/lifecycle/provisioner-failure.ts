import { DriverError, type ErrorCode } from "../errors.js";
import type { DriverSecrets } from "../inputs/driver-inputs.js";
import { ProvisionerError, type ProvisionerErrorKind } from "../provisioners/provisioner-errors.js";

const ANSWERS: Record<ProvisionerErrorKind, { code: ErrorCode; fix: string }> = {
  "invalid-input": {
    code: "RES-101",
    fix: "correct the value in the Resource Definition's driver inputs and deploy again",
  },
  unsupported: { code: "RES-112", fix: "remove the option, or use a provisioner that offers it" },
  conflict: {
    code: "RES-116",
    fix: "delete or rename the backend resource that holds this name, or check that two drivers do not share one account with different keys",
  },
  "access-denied": {
    code: "RES-117",
    fix: "give the credentials the permissions listed in docs/elasticache-iam.md, or set driver.secrets.account in the Resource Definition",
  },
  quota: {
    code: "RES-118",
    fix: "ask AWS for a higher quota, delete unused caches, or choose another node type or region",
  },
  unavailable: { code: "RES-119", fix: "retry shortly; the backend is throttling or briefly unavailable" },
  failed: { code: "RES-111", fix: "correct the cause above, then DELETE the resource and deploy again" },
};

/**
 * The answer to a typed provisioner failure: one status and RES code per kind, the backend's own
 * words kept (the provisioner scrubbed them), its error name and request id in `details`.
 * Anything that is not a ProvisionerError is returned as is (the error handler makes it a 500).
 */
export function toDriverError(error: unknown, secrets: DriverSecrets): unknown {
  if (!(error instanceof ProvisionerError)) return error;
  const answer = ANSWERS[error.kind];
  let fix = error.fix ?? answer.fix;
  if (error.kind === "access-denied" && secrets.account === undefined) {
    // v0.9 GET and DELETE carry no body: the account only arrives sealed in the driver cookie.
    fix = `${fix}. No account credentials came with this request (GET and DELETE get them only from the driver cookie an earlier PUT set), so the driver's own credentials were used: PUT the resource again, or give the driver credentials of its own (IRSA on EKS, or AWS_* variables)`;
  }
  const details: Record<string, unknown> = {
    ...(error.backendError ? { backend_error: error.backendError } : {}),
    ...(error.requestId ? { backend_request_id: error.requestId } : {}),
    ...(error.permission ? { missing_permission: error.permission } : {}),
  };
  return new DriverError(answer.code, error.message, {
    ...(error.field ? { field: error.field } : {}),
    fix,
    details,
    ...(error.kind === "unavailable" ? { retryAfterSeconds: error.retryAfterSeconds ?? 5 } : {}),
    cause: error,
  });
}
