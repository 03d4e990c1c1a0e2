import { describe, expect, it } from "vitest";
import { DriverError } from "../errors.js";
import { ProvisionerError, type ProvisionerErrorKind } from "../provisioners/provisioner-errors.js";
import { toDriverError } from "./provisioner-failure.js";

const ACCOUNT = { aws_access_key_id: "AKIAEXAMPLEEXAMPLE", aws_secret_access_key: "x".repeat(40) };

function answer(error: ProvisionerError, secrets = {}): DriverError {
  const mapped = toDriverError(error, secrets);
  if (mapped instanceof DriverError) return mapped;
  throw new Error("expected a DriverError");
}

describe("toDriverError", () => {
  it.each<[ProvisionerErrorKind, string, number, string]>([
    [
      "invalid-input",
      "RES-101",
      400,
      "correct the value in the Resource Definition's driver inputs and deploy again",
    ],
    ["unsupported", "RES-112", 400, "remove the option, or use a provisioner that offers it"],
    [
      "conflict",
      "RES-116",
      400,
      "delete or rename the backend resource that holds this name, or check that two drivers do not share one account with different keys",
    ],
    [
      "quota",
      "RES-118",
      400,
      "ask AWS for a higher quota, delete unused caches, or choose another node type or region",
    ],
    ["unavailable", "RES-119", 503, "retry shortly; the backend is throttling or briefly unavailable"],
    ["failed", "RES-111", 400, "correct the cause above, then DELETE the resource and deploy again"],
  ])("answers %s with %s (%i) and its fix", (kind, code, status, fix) => {
    const error = answer(new ProvisionerError(kind, "the backend said no"), { account: ACCOUNT });
    expect({ code: error.code, status: error.status, message: error.publicMessage }).toEqual({
      code,
      status,
      message: `the backend said no. Fix: ${fix}`,
    });
  });

  it("keeps the backend's words, error name, request id and missing permission, and the cause", () => {
    const cause = new ProvisionerError(
      "access-denied",
      "User is not authorized to perform CreateReplicationGroup",
      {
        field: "driver.secrets.account",
        backendError: "AccessDeniedException",
        requestId: "req-1",
        permission: "elasticache:CreateReplicationGroup",
      },
    );
    const error = answer(cause, { account: ACCOUNT });
    expect(error.code).toBe("RES-117");
    expect(error.field).toBe("driver.secrets.account");
    expect(error.publicMessage).toBe(
      "driver.secrets.account: User is not authorized to perform CreateReplicationGroup. Fix: give the credentials the permissions listed in docs/elasticache-iam.md, or set driver.secrets.account in the Resource Definition",
    );
    expect(error.details).toEqual({
      backend_error: "AccessDeniedException",
      backend_request_id: "req-1",
      missing_permission: "elasticache:CreateReplicationGroup",
    });
    expect(error.cause).toBe(cause);
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it("explains where the account comes from when access is denied without one", () => {
    const error = answer(new ProvisionerError("access-denied", "no credentials"));
    expect(error.publicMessage).toMatch(
      /^no credentials\. Fix: give the credentials .*\. No account credentials came with this request \(GET and DELETE get them only from the driver cookie an earlier PUT set\), so the driver's own credentials were used: PUT the resource again, or give the driver credentials of its own/,
    );
    expect(error.details).toEqual({});
  });

  it("adds no account explanation to other failures without an account", () => {
    expect(answer(new ProvisionerError("quota", "no capacity")).publicMessage).not.toMatch(
      /No account credentials/,
    );
  });

  it("prefers the provisioner's own fix", () => {
    const error = answer(
      new ProvisionerError("invalid-input", "bad node type", { fix: "pick cache.t4g.micro" }),
    );
    expect(error.publicMessage).toBe("bad node type. Fix: pick cache.t4g.micro");
  });

  it("tells a throttled caller when to retry: the backend's hint, else 5 seconds; nobody else", () => {
    expect(
      answer(new ProvisionerError("unavailable", "slow down", { retryAfterSeconds: 12 })).retryAfterSeconds,
    ).toBe(12);
    expect(answer(new ProvisionerError("unavailable", "slow down")).retryAfterSeconds).toBe(5);
    expect(
      answer(new ProvisionerError("failed", "x", { retryAfterSeconds: 12 })).retryAfterSeconds,
    ).toBeUndefined();
  });

  it("returns anything that is not a provisioner failure as it is", () => {
    const plain = new Error("socket hang up");
    expect(toDriverError(plain, {})).toBe(plain);
    const driverError = new DriverError("RES-101", "bad");
    expect(toDriverError(driverError, {})).toBe(driverError);
  });
});
