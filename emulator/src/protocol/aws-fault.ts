/**
 * An answer in AWS's own error form: the wire code the SDK maps to its fault class, the HTTP
 * status AWS sends with it, and a message. `sender` faults are the caller's; the rest are AWS's.
 */
export class AwsFault extends Error {
  override readonly name = "AwsFault";

  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: "Sender" | "Receiver" = "Sender",
  ) {
    super(message);
  }
}

/** Codes and statuses as ElastiCache's service model declares them. */
export const FAULT_CODES = {
  CacheClusterNotFound: 404,
  CacheParameterGroupAlreadyExists: 400,
  CacheParameterGroupNotFound: 404,
  CacheSubnetGroupAlreadyExists: 400,
  CacheSubnetGroupInUse: 400,
  CacheSubnetGroupNotFoundFault: 400,
  DefaultUserAssociatedToUserGroup: 400,
  DefaultUserRequired: 400,
  DuplicateUserName: 400,
  InvalidARN: 400,
  InvalidCacheParameterGroupState: 400,
  InvalidParameterCombination: 400,
  InvalidParameterValue: 400,
  InvalidReplicationGroupState: 400,
  InvalidServerlessCacheSnapshotStateFault: 400,
  InvalidServerlessCacheStateFault: 400,
  InvalidSnapshotState: 400,
  InvalidSubnet: 400,
  InvalidUserGroupState: 400,
  InvalidUserState: 400,
  NoOperationFault: 400,
  ReplicationGroupAlreadyExists: 400,
  ReplicationGroupNotFoundFault: 404,
  ServerlessCacheAlreadyExistsFault: 400,
  ServerlessCacheNotFoundFault: 404,
  ServerlessCacheSnapshotAlreadyExistsFault: 400,
  ServerlessCacheSnapshotNotFoundFault: 404,
  SnapshotAlreadyExistsFault: 400,
  SnapshotNotFoundFault: 404,
  TagNotFound: 404,
  TagQuotaPerResourceExceeded: 400,
  UserAlreadyExists: 400,
  UserGroupAlreadyExists: 400,
  UserGroupNotFound: 404,
  UserNotFound: 404,
} as const;

export type FaultCode = keyof typeof FAULT_CODES;

/** A fault of ElastiCache's own model, with the status the model gives it. */
export const fault = (code: FaultCode, message: string): AwsFault =>
  new AwsFault(code, FAULT_CODES[code], message);

export const invalidValue = (message: string): AwsFault => fault("InvalidParameterValue", message);

export const invalidCombination = (message: string): AwsFault =>
  fault("InvalidParameterCombination", message);

/** What AWS answers for a required parameter that is missing or blank. */
export const missingParameter = (name: string): AwsFault =>
  invalidValue(`The parameter ${name} must be provided and must not be blank.`);

/** Errors common to every AWS Query service, outside ElastiCache's model. */
export const commonFaults = {
  missingAuthenticationToken: () =>
    new AwsFault("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
  incompleteSignature: (problem: string) =>
    new AwsFault(
      "IncompleteSignature",
      400,
      `${problem}. The request must be signed with AWS Signature Version 4.`,
    ),
  signatureDoesNotMatch: (problem: string) => new AwsFault("SignatureDoesNotMatch", 403, problem),
  missingAction: () => new AwsFault("MissingAction", 400, "The request must contain the parameter Action."),
  invalidAction: (action: string, version: string) =>
    new AwsFault("InvalidAction", 400, `Could not find operation ${action} for version ${version}`),
  throttling: () => new AwsFault("Throttling", 400, "Rate exceeded"),
  accessDenied: (message: string) => new AwsFault("AccessDenied", 403, message),
  internalFailure: () =>
    new AwsFault(
      "InternalFailure",
      500,
      "The request processing has failed because of an unknown error.",
      "Receiver",
    ),
};
