import {
  CacheSubnetGroupNotFoundFault,
  ClusterQuotaForCustomerExceededFault,
  InsufficientCacheClusterCapacityFault,
  InvalidParameterCombinationException,
  InvalidParameterValueException,
  InvalidReplicationGroupStateFault,
  InvalidVPCNetworkStateFault,
  ReplicationGroupAlreadyExistsFault,
  ReplicationGroupNotFoundFault,
  ServiceLinkedRoleNotFoundFault,
  UserGroupNotFoundFault,
} from "@aws-sdk/client-elasticache";
import { describe, expect, it } from "vitest";
import { ProvisionerError } from "../provisioner-errors.js";
import { isAlreadyExists, isNotFound, toProvisionerError } from "./aws-faults.js";

const $metadata = { requestId: "req-123", httpStatusCode: 400 };
const named = (name: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata, ...extra });
const CONTEXT = { action: "elasticache:CreateReplicationGroup", target: "hk-abc" };

describe("toProvisionerError", () => {
  it.each([
    ["AccessDeniedException", named("AccessDeniedException"), "access-denied", undefined],
    ["ExpiredToken", named("ExpiredToken"), "access-denied", undefined],
    ["AuthFailure (EC2)", named("AuthFailure"), "access-denied", undefined],
    ["RequestExpired (EC2)", named("RequestExpired"), "access-denied", undefined],
    ["CredentialsProviderError", named("CredentialsProviderError"), "access-denied", undefined],
    [
      "ServiceLinkedRoleNotFoundFault",
      new ServiceLinkedRoleNotFoundFault({ message: "no role", $metadata }),
      "access-denied",
      undefined,
    ],
    [
      "InvalidParameterValueException",
      new InvalidParameterValueException({ message: "bad node type", $metadata }),
      "invalid-input",
      undefined,
    ],
    [
      "InvalidParameterCombinationException",
      new InvalidParameterCombinationException({ message: "no", $metadata }),
      "invalid-input",
      undefined,
    ],
    [
      "CacheSubnetGroupNotFoundFault",
      new CacheSubnetGroupNotFoundFault({ message: "x", $metadata }),
      "invalid-input",
      "driver.values.networking.subnet_group",
    ],
    [
      "InvalidVPCNetworkStateFault",
      new InvalidVPCNetworkStateFault({ message: "sg", $metadata }),
      "invalid-input",
      "driver.values.networking.security_group_ids",
    ],
    [
      "InvalidGroup.NotFound (EC2)",
      named("InvalidGroup.NotFound"),
      "invalid-input",
      "driver.values.networking.security_group_ids",
    ],
    [
      "ClusterQuotaForCustomerExceededFault",
      new ClusterQuotaForCustomerExceededFault({ message: "q", $metadata }),
      "quota",
      undefined,
    ],
    [
      "InsufficientCacheClusterCapacityFault",
      new InsufficientCacheClusterCapacityFault({ message: "c", $metadata }),
      "quota",
      "driver.values.node_type",
    ],
    [
      "InvalidReplicationGroupStateFault",
      new InvalidReplicationGroupStateFault({ message: "busy", $metadata }),
      "unavailable",
      undefined,
    ],
    ["ThrottlingException", named("ThrottlingException"), "unavailable", undefined],
    ["a 5xx fault", named("InternalError", { $fault: "server" }), "unavailable", undefined],
    [
      "no answer (ECONNREFUSED)",
      Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      "unavailable",
      undefined,
    ],
    ["an unknown client fault", named("SomethingNewFault"), "failed", undefined],
  ])("maps %s", (_, error, kind, field) => {
    const mapped = toProvisionerError(error, CONTEXT);
    expect(mapped).toBeInstanceOf(ProvisionerError);
    expect(mapped.kind).toBe(kind);
    expect(mapped.field).toBe(field);
    expect(mapped.message).toContain("elasticache:CreateReplicationGroup hk-abc failed with");
  });

  it("keeps the cloud's words, the error name and the request id", () => {
    const mapped = toProvisionerError(
      new InvalidParameterValueException({ message: "Invalid node type", $metadata }),
      CONTEXT,
    );
    expect(mapped.message).toContain("InvalidParameterValueException: Invalid node type");
    expect(mapped).toMatchObject({ backendError: "InvalidParameterValueException", requestId: "req-123" });
  });

  it("names the refused permission and asks for a later retry when busy", () => {
    expect(toProvisionerError(named("AccessDenied"), CONTEXT).permission).toBe(
      "elasticache:CreateReplicationGroup",
    );
    expect(
      toProvisionerError(new ServiceLinkedRoleNotFoundFault({ message: "x", $metadata }), CONTEXT).permission,
    ).toBe("iam:CreateServiceLinkedRole");
    expect(
      toProvisionerError(new InvalidReplicationGroupStateFault({ message: "x", $metadata }), CONTEXT)
        .retryAfterSeconds,
    ).toBe(15);
  });

  it("scrubs secrets and access key ids the cloud quotes", () => {
    const password = "f".repeat(64);
    const error = new InvalidParameterValueException({
      message: `token ${password} for AKIAABCDEFGHIJKLMNOP`,
      $metadata,
    });
    const mapped = toProvisionerError(error, { ...CONTEXT, secrets: [password] });
    expect(mapped.message).not.toContain(password);
    expect(mapped.message).not.toContain("AKIAABCDEFGHIJKLMNOP");
  });
});

describe("isNotFound and isAlreadyExists", () => {
  it("recognise the SDK's not-found and already-exists faults", () => {
    expect(isNotFound(new ReplicationGroupNotFoundFault({ message: "x", $metadata }))).toBe(true);
    expect(isNotFound(new UserGroupNotFoundFault({ message: "x", $metadata }))).toBe(true);
    expect(isNotFound(new InvalidParameterValueException({ message: "x", $metadata }))).toBe(false);
    expect(isAlreadyExists(new ReplicationGroupAlreadyExistsFault({ message: "x", $metadata }))).toBe(true);
    expect(isAlreadyExists(named("UserAlreadyExistsFault"))).toBe(true);
  });
});
